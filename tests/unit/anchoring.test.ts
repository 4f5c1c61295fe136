import { describe as group, expect, it } from 'vitest';
import { anchor, describeTextQuote, foldText } from '../../utils/anchoring';

const EN = [
  'The harbour authority approved the new ferry timetable on Tuesday.',
  'Residents said the late-night service would change how they commute.',
  '"We have waited years for this," said Maren Ashby, who runs a bakery near the pier.',
  'Officials expect the first boats to sail before the summer festival.',
  'The council will review the timetable again in the autumn.',
  'Residents said the late-night service would change how they commute.',
].join('\n');

const KO = [
  '제30회 부산국제영화제가 17일 오후 부산 해운대구 영화의전당에서 개막식을 열고 열흘간의 일정에 들어갔다.',
  '올해 영화제에는 71개국에서 241편의 작품이 초청됐다. 영화제 측은 사전 예매가 지난해보다 15% 늘어난 18만 장을 기록했다고 밝혔다.',
  '개막식 사회는 배우 송민재와 가수 겸 배우 오하린이 맡았다.',
  '박광수 부산국제영화제 이사장은 "영화제의 독립성을 지키는 일이 가장 중요하다"고 강조했다.',
  '영화제는 오는 26일 폐막작 상영을 끝으로 막을 내린다.',
].join('\n');

function highlight(text: string, quote: string, occurrence = 0) {
  let start = -1;
  for (let k = 0; k <= occurrence; k++) start = text.indexOf(quote, start + 1);
  return { selectors: describeTextQuote(text, start, start + quote.length), start };
}

group('describe', () => {
  it('gives a quote with context and a position', () => {
    const { selectors, start } = highlight(EN, 'new ferry timetable');
    expect(selectors.quote).toEqual({
      type: 'TextQuoteSelector',
      exact: 'new ferry timetable',
      prefix: ' harbour authority approved the ',
      suffix: ' on Tuesday.\nResidents said the ',
    });
    expect(selectors.position).toEqual({ type: 'TextPositionSelector', start, end: start + 19 });
    expect(() => describeTextQuote(EN, 10, 5)).toThrow(RangeError);
  });
});

group.each([
  ['English', EN, ['new ferry timetable', 'late-night service', 'Maren Ashby', 'before the summer festival']],
  ['Korean', KO, ['부산국제영화제', '사전 예매가 지난해보다 15% 늘어난', '송민재', '영화제의 독립성을 지키는 일']],
])('anchoring %s text', (_, text, quotes) => {
  it('finds every highlight in unchanged text at its position', () => {
    for (const q of quotes) {
      const { selectors, start } = highlight(text, q);
      expect(anchor(text, selectors)).toEqual({ start, end: start + q.length });
    }
  });

  it('follows the text when an ad paragraph is inserted before and another paragraph removed elsewhere', () => {
    const paragraphs = text.split('\n');
    for (const q of quotes) {
      const { selectors } = highlight(text, q);
      const edited = [
        '광고 · ADVERTISEMENT: subscribe today and save 50% on your first year!',
        ...paragraphs.filter((p) => !p.includes(q)).slice(1),
        ...paragraphs.filter((p) => p.includes(q)),
      ].join('\n');
      const found = anchor(edited, selectors)!;
      expect(edited.slice(found.start, found.end)).toBe(q);
    }
  });

  it('survives changed white space and straight ↔ curly quotes', () => {
    for (const q of quotes) {
      const { selectors } = highlight(text, q);
      const edited = text.replace(/ /g, '  ').replace(/"/g, '“').replace(/\n/g, '\n\n');
      const found = anchor(edited, selectors)!;
      expect(found).not.toBeNull();
      expect(edited.slice(found.start, found.end).replace(/\s+/g, ' ').replace(/“/g, '"')).toBe(q);
    }
  });

  it('returns null when the quoted text is gone', () => {
    for (const q of quotes) {
      const { selectors } = highlight(text, q);
      const edited = text
        .split('\n')
        .filter((p) => !p.includes(q))
        .join('\n');
      expect(anchor(edited, selectors)).toBeNull();
    }
  });
});

group('harder edits', () => {
  it('finds a quote whose typo was fixed', () => {
    const typo = EN.replace('late-night service', 'late-nigth service');
    const { selectors } = highlight(typo, 'the late-nigth service would change');
    const found = anchor(EN, selectors)!;
    expect(EN.slice(found.start, found.end)).toBe('the late-night service would change');
    const koTypo = KO.replace('독립성을', '독립썽을');
    const ko = highlight(koTypo, '영화제의 독립썽을 지키는 일이');
    const koFound = anchor(KO, ko.selectors)!;
    expect(KO.slice(koFound.start, koFound.end)).toBe('영화제의 독립성을 지키는 일이');
  });

  it('tells a repeated sentence apart by its context', () => {
    // The second occurrence is highlighted; the text before it changes length.
    const { selectors, start } = highlight(EN, 'Residents said the late-night service would change how they commute.', 1);
    const edited = `BREAKING: ferries on time.\n${EN}`;
    const found = anchor(edited, selectors)!;
    expect(found.start).toBe(start + 'BREAKING: ferries on time.\n'.length);
    // …also when the position no longer helps at all.
    const noPosition = anchor(edited, { quote: selectors.quote })!;
    expect(noPosition.start).toBe(found.start);
  });

  it('does not take a random near-match in long text for a quote that is gone', () => {
    const long = Array.from({ length: 200 }, (_, i) => `Paragraph ${i} talks about ferries, timetables and the harbour in general terms.`).join('\n');
    const { selectors } = highlight(EN, 'Maren Ashby, who runs a bakery');
    expect(anchor(long, selectors)).toBeNull();
  });

  it('maps folded offsets back to the original text', () => {
    const folded = foldText('a  “b”\n\nc');
    expect(folded.text).toBe('a "b" c');
    expect(folded.map[2]).toBe(3);
  });
});

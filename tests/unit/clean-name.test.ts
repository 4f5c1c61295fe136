import { describe, expect, it } from 'vitest';
import { cleanName, nameFromSelection } from '../../utils/entities/clean-name';
import { snapToWords } from '../../utils/text/snap';
import { PARTICLES } from '../../utils/entities/lexicon-ko';

// Sentences written for these tests.

/** What the reader's selection of `selected` (its first occurrence) in `text` stores, snapped as the reader snaps it. */
function mark(text: string, selected: string, from = 0) {
  const at = text.indexOf(selected, from);
  if (at < 0) throw new Error(`${selected} not in the text`);
  const snapped = snapToWords(text, at, at + selected.length, { particles: PARTICLES });
  return nameFromSelection(text, snapped.start, snapped.end);
}

describe('cleanName: quotes, brackets, particles and possessives are not part of a name', () => {
  it.each([
    ['‹숨바꼭질>', '숨바꼭질'],
    ['《바람의 노래》', '바람의 노래'],
    ['「푸른 정원」을', '푸른 정원'],
    ['‘한빛전자’가', '한빛전자'],
    ['"Apple\'s', 'Apple'],
    ['Apple’s', 'Apple'],
    ['Harbor Lantern’s', 'Harbor Lantern'],
    ['Reuters’', 'Reuters'],
    ['(Margin)', 'Margin'],
    ['DeepSeek의', 'DeepSeek'],
    ['梁文峰은', '梁文峰'],
    ['한빛전자는', '한빛전자'],
    ['한빛전자에서', '한빛전자'],
    ['한빛전자,', '한빛전자'],
    ['“The Quiet Orchard.”', 'The Quiet Orchard'],
  ])('%s → %s', (written, clean) => {
    expect(cleanName(written)).toBe(clean);
  });

  it('keeps what belongs to a name: paired brackets, Inc., an initial', () => {
    expect(cleanName('(주)한빛전자')).toBe('(주)한빛전자');
    expect(cleanName('Harbor Lantern Inc.')).toBe('Harbor Lantern Inc.');
    expect(cleanName('Harry S.')).toBe('Harry S.');
  });

  it('leaves a syllable that may end a name unless the article writes the name without it', () => {
    // 지은 is a given name; 제주도 a place: nothing to strip without evidence.
    expect(cleanName('김지은')).toBe('김지은');
    expect(cleanName('제주도')).toBe('제주도');
    // The article writes 윤하나 with other particles: 윤하나도 → 윤하나, but 윤하나 stays whole.
    const text = '윤하나가 노래했다. 윤하나의 새 앨범은 가을에 나온다. 윤하나도 웃었다.';
    expect(cleanName('윤하나도', text)).toBe('윤하나');
    expect(cleanName('윤하나', text)).toBe('윤하나');
    expect(cleanName('제주도', '제주도에 간다. 제주도의 바다.')).toBe('제주도');
  });

  it('keeps a possessive that is the name (the article never writes it without)', () => {
    const text = "We ate at Bramble's. Bramble's opened in 1990 and Bramble's still serves pie.";
    expect(cleanName("Bramble's", text)).toBe("Bramble's");
    expect(cleanName("Apple's", 'Apple makes phones. Apple’s shares rose.')).toBe('Apple');
  });

  it('answers nothing where no name is left', () => {
    expect(cleanName('“ ”')).toBe('');
    expect(cleanName('…')).toBe('');
  });
});

describe('nameFromSelection: what "Mark as name" stores', () => {
  it('stores the title without its brackets and particle', () => {
    const text = '영화 ‹숨바꼭질>이 다음 달 개봉한다. ‹숨바꼭질>은 세 번째 작품이다.';
    expect(mark(text, '‹숨바꼭질>이')).toEqual({ ok: true, name: '숨바꼭질' });
    expect(mark(text, '숨바꼭질')).toEqual({ ok: true, name: '숨바꼭질' });
  });

  it('stores an English name without its possessive and quotes', () => {
    const text = 'Analysts said "Apple\'s results were strong." Apple declined to comment.';
    expect(mark(text, '"Apple\'s')).toEqual({ ok: true, name: 'Apple' });
  });

  it('grows a selection that starts inside a quoted title to the whole title', () => {
    const text = '그는 ‘사랑하는 사이’에서 주연을 맡았다.';
    expect(mark(text, '‘사랑하')).toEqual({ ok: true, name: '사랑하는 사이' });
  });

  it('refuses a quoted selection whose title does not close on the line', () => {
    const text = '그는 ‘사랑하는 사이에서 주연을 맡았다고 말했다.\n다음 문단.';
    expect(mark(text, '‘사랑하')).toEqual({ ok: false, reason: 'open-quote' });
  });

  it('refuses a verb (사랑하는 → 사랑하) but keeps a name ending the same way', () => {
    expect(mark('우리가 사랑하는 도시는 조용하다.', '사랑하')).toEqual({ ok: false, reason: 'verb' });
    const text = '가수 윤서하는 무대에 섰다. 윤서하의 노래가 흘렀다.';
    expect(mark(text, '윤서하는')).toEqual({ ok: true, name: '윤서하' });
  });

  it('refuses a selection longer than a name', () => {
    const text = `${'아주 긴 문장이 계속된다 '.repeat(8)}끝.`;
    expect(mark(text, text.slice(0, 80))).toEqual({ ok: false, reason: 'too-long' });
  });
});

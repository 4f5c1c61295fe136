import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadLabelFiles, pageText, scoreEntities } from '../../scripts/lib/entity-eval';
import { recognizeEntities, type EntitySpan } from '../../utils/entities';
import { englishModelFromDisk } from '../../scripts/lib/english-ner';
import type { EnglishModel } from '../../utils/entities/english-model';
import { findPatterns } from '../../utils/entities/patterns';
import { countByType, summarizeEntities } from '../../utils/entities/summary';
import { FIXTURES, ROOT } from '../support/paths';

// The reader's English model: compromise's lexicon and the committed tagger.
let english: EnglishModel;
beforeAll(async () => {
  english = await englishModelFromDisk();
}, 60_000);

const pairs = (spans: EntitySpan[]) => spans.map((s) => `${s.text}:${s.type}`);

describe('quality on labelled pages (scored as npm run eval:entities does)', () => {
  const files = loadLabelFiles(ROOT, [FIXTURES, join(ROOT, 'tests/fixtures/entities'), join(ROOT, 'tests/fixtures/entities-holdout')]);
  it.each(files.map((f) => [f.name, f] as const))('%s', (_, file) => {
    const page = pageText(file);
    const text = `${page.title}\n${page.text}`;
    const spans = recognizeEntities(text, { lang: page.lang, english });
    for (const s of spans) expect(text.slice(s.start, s.end)).toBe(s.text);
    const { f1 } = scoreEntities(file, spans, true);
    // The shared Korean fixtures carry the product's target; our own labelled pages
    // check that the rules generalise; the held-out pages are a regression floor (their
    // figures are reported by npm run eval:entities).
    const floor = file.path.includes('/shared/') ? 0.95 : file.path.includes('holdout') ? 0.85 : 0.9;
    expect(f1).toBeGreaterThanOrEqual(floor);
  });
});

describe('Korean names never carry their particle', () => {
  it.each([
    ['딥시크가 미국을 놀라게 했다. 딥시크의 모회사는 중국 회사다. 딥시크 모회사 관계자는 말했다.', '딥시크', 'org'],
    ['CEO 량원펑(梁文峰)이 만든 회사다. 량원펑의 회사는 성장했다.', '량원펑', 'person'],
    ['배우 송민재와 가수 겸 배우 오하린이 사회를 맡았다.', '오하린', 'person'],
  ])('%s', (text, name, type) => {
    const spans = recognizeEntities(text, { lang: 'ko' });
    const mentions = spans.filter((s) => s.text.startsWith(name));
    expect(mentions.length).toBeGreaterThan(0);
    for (const s of mentions) expect(s).toMatchObject({ text: name, type });
  });

  it('reads titles, roles, glosses, datelines, suffixes and speech without a lexicon of names', () => {
    const text =
      '[부산=한빛일보] 정다은 기자 = 미래소재는 14일 경남 창원시에서 신공장을 열었다. 정민호 미래소재 대표는 "수출을 늘리겠다"고 말했다. ' +
      '일본 배우 다나카 유키가 축하했다. 리사 몰리나(Lisa Molina) 교수도 참석했다. 창원시는 올해 예산 30억원을 지원했다.';
    const got = pairs(recognizeEntities(text, { lang: 'ko' }));
    expect(got).toEqual(
      expect.arrayContaining([
        '한빛일보:org',
        '정다은:person',
        '미래소재:org',
        '14일:date',
        '정민호:person',
        '다나카 유키:person',
        '리사 몰리나:person',
        '창원시:org',
        '올해:date',
        '30억원:money',
      ]),
    );
    expect(got).toContain('부산:place');
  });
});

describe('English, with compromise and its fixes', () => {
  it('cuts possessives and punctuation off names', () => {
    const text = "The BBC's correspondent met Kenya's president in Nairobi on Sunday. Later, Prime Minister Keir Starmer said the UK would help.";
    const got = pairs(recognizeEntities(text, { lang: 'en', english }));
    expect(got).toEqual(expect.arrayContaining(['BBC:org', 'Kenya:place', 'Nairobi:place', 'Sunday:date', 'Keir Starmer:person', 'UK:place']));
    expect(got.some((p) => /['’.,]/.test(p.split(':')[0]!.slice(-1)))).toBe(false);
  });

  it('types organisations by their words and people by their titles and attributions', () => {
    const text =
      'Westbrook University and the Ministry of Energy signed the deal. "It matters," said Helen Achterberg, a professor. ' +
      'Achterberg added that Fairhaven Securities would invest $4.2 billion, about 12.5 percent more than last year.';
    const got = pairs(recognizeEntities(text, { lang: 'en', english }));
    expect(got).toEqual(
      expect.arrayContaining([
        'Westbrook University:org',
        'Ministry of Energy:org',
        'Helen Achterberg:person',
        'Achterberg:person',
        'Fairhaven Securities:org',
        '$4.2 billion:money',
        '12.5 percent:percent',
        'last year:date',
      ]),
    );
  });
});

describe('dates, money and percentages', () => {
  it.each([
    ['2025년 1월 28일 설 전야에', '2025년 1월 28일', 'date'],
    ['1950년대 소련이', '1950년대', 'date'],
    ['2024년말 발표한', '2024년말', 'date'],
    ['오는 26일 폐막작', '26일', 'date'],
    ['2년 전보다 20% 줄어든', '2년 전', 'date'],
    ['1억 3800만 위안(약 280억원)을', '1억 3800만 위안', 'money'],
    ['(약 280억원)을 기부', '280억원', 'money'],
    ['수천억 달러를 들여', '수천억 달러', 'money'],
    ['총자산 1000억위안의', '1000억위안', 'money'],
    ['1,200만 달러(약 166억원)로', '1,200만 달러', 'money'],
    ['하루아침에 17%나 빠졌다', '17%', 'percent'],
    ['2025年1月28日发布', '2025年1月28日', 'date'],
    ['融资1亿元', '1亿元', 'money'],
    ['on March 3, 2025, shares', 'March 3, 2025', 'date'],
    ['rose 3.5 percent', '3.5 percent', 'percent'],
    ['a £3m grant', '£3m', 'money'],
  ])('%s → %s', (text, expected, type) => {
    expect(findPatterns(text).map((s) => `${s.text}:${s.type}`)).toContain(`${expected}:${type}`);
  });

  it('leaves durations, ages and counts alone', () => {
    const found = findPatterns('17세에 입학했고 약 70년의 시간, 3일간 열린 행사에 800여 명과 18만 장, 71개국이 참여했다.').map((s) => s.text);
    expect(found).toEqual([]);
  });
});

describe('corrections and summaries', () => {
  it('removes, retypes and adds names, also with a particle after them', () => {
    const text = '엔비디아 주가가 떨어졌다. 사진=바이두. 한결호가 입항했다. 한결호의 선장은 말했다.';
    const spans = recognizeEntities(text, {
      lang: 'ko',
      corrections: [
        { text: '엔비디아', action: 'remove' },
        { text: '바이두', action: 'set', type: 'place' },
        { text: '한결호', action: 'set', type: 'misc' },
      ],
    });
    const got = pairs(spans);
    expect(got).not.toContain('엔비디아:org');
    expect(got).toContain('바이두:place');
    expect(got.filter((p) => p === '한결호:misc')).toHaveLength(2);
  });

  it('groups identical names with their mentions, most mentioned first', () => {
    const spans = recognizeEntities('량원펑은 말했다. CEO 량원펑(梁文峰)이 만든 회사. 저커버그도 "좋다"고 말했다. 량원펑의 회사.', { lang: 'ko' });
    const people = summarizeEntities(spans).get('person')!;
    expect(people[0]!.text).toBe('량원펑');
    expect(people[0]!.spans.length).toBe(3);
    expect(countByType(spans).get('person')).toBe(spans.filter((s) => s.type === 'person').length);
  });
});

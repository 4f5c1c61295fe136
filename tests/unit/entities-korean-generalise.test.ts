import { beforeAll, describe, expect, it } from 'vitest';
import { koreanRules, recognizeEntities } from '../../utils/entities';
import {
  commonWord,
  countryModifier,
  DEFAULT_MODEL_OPTIONS,
  loneSyllable,
  recognizeKoreanWithModel,
  splitPlaces,
  withoutShortParticle,
  withoutWeak,
} from '../../utils/entities/model/recognize';
import { MODEL_TYPES, TAG_COUNT } from '../../utils/entities/model/features';
import type { KoreanModel } from '../../utils/entities/model/tagger';
import type { EntitySpan } from '../../utils/entities/types';
import { koreanModelFromDisk } from '../../scripts/lib/korean-model';

/**
 * Korean outside KLUE's conventions (issue 19, item 2), through the reader's path with the
 * committed model. Sentences written for these tests.
 */
let model: KoreanModel;
beforeAll(async () => {
  model = await koreanModelFromDisk();
});
const marks = (text: string) => recognizeEntities(text, { lang: 'ko', korean: model }).map((s) => `${s.text}:${s.type}${s.canonical ? `→${s.canonical}` : ''}`);
/** KLUE's own conventions: what the model does without Margin's post-processing. */
const klueStyle = (text: string) =>
  recognizeKoreanWithModel(text, model, koreanRules(text), { ...DEFAULT_MODEL_OPTIONS, splitPlaces: undefined, strictSyllables: false }).map(
    (s) => `${s.text}:${s.type}`,
  );
const at = (text: string, name: string, type: EntitySpan['type']): EntitySpan => ({
  start: text.indexOf(name),
  end: text.indexOf(name) + name.length,
  text: name,
  type,
});

describe('consecutive places', () => {
  const text = '집회는 서울 여의도 공원에서 열렸다. 참가자들은 부산 해운대구 우동까지 행진했다.';

  it('are split into one place each, where KLUE would keep them as one span', () => {
    expect(klueStyle(text)).toContain('서울 여의도:place');
    const got = marks(text);
    expect(got).toEqual(expect.arrayContaining(['서울:place', '여의도:place', '부산:place', '해운대구:place']));
    expect(got.some((m) => m.includes(' '))).toBe(false);
  });

  it('split off only words that are places (a district ending, the gazetteer, KLUE places)', () => {
    const t = '광주 북구 용봉동 주민';
    expect(splitPlaces(t, at(t, '광주 북구 용봉동', 'place'), model, 'place').map((s) => s.text)).toEqual(['광주', '북구', '용봉동']);
    const u = '새로 연 하늘정원 카페거리';
    expect(splitPlaces(u, at(u, '하늘정원 카페거리', 'place'), model, 'place').map((s) => s.text)).toEqual(['하늘정원 카페거리']);
  });
});

describe('a country before an organisation', () => {
  it('is a place of its own, and the organisation keeps its kind', () => {
    const text = '중국 딥시크가 새 모델을 공개하자 미국 엔비디아 주가가 급락했다. 일본 소프트뱅크는 투자를 늘렸다.';
    expect(klueStyle(text)).toContain('미국 엔비디아:org');
    expect(marks(text)).toEqual(expect.arrayContaining(['미국:place', '엔비디아:org', '일본:place', '소프트뱅크:org']));
  });

  it('leaves a city before its own police station whole (KLUE: 서울 강남경찰서 is one organisation)', () => {
    const t = '서울 강남경찰서 관계자';
    expect(splitPlaces(t, at(t, '서울 강남경찰서', 'org'), model, 'countries').map((s) => s.text)).toEqual(['서울 강남경찰서']);
  });
});

describe('one syllable as a person', () => {
  it.each([
    ['박 씨는 현장에 있었다.', '박'],
    ['김모씨가 신고했다.', '김'],
    ['그는 이 대표와 만났다.', '이'],
    ['검찰은 박 전 차관을 기소했다.', '박'],
  ])('stays a name before 씨, a title or a modified title: %s', (text, name) => {
    expect(loneSyllable(text, at(text, name, 'person'))).toBe(false);
  });

  it.each([
    ['설 연휴에 고향을 찾았다.', '설'],
    ['전 세계가 주목했다.', '전'],
    ['한 전문가는 우려했다.', '한'],
  ])('is dropped before a common word: %s', (text, name) => {
    expect(loneSyllable(text, at(text, name, 'person'))).toBe(true);
  });
});

describe('cross-script aliases through the reader path', () => {
  it('joins a company and its Latin name, and a person and the Han characters of the name', () => {
    const text = '인공지능 기업 딥시크(DeepSeek)가 주목받고 있다. 창업자 량원펑(梁文峰)은 말을 아꼈다. DeepSeek의 앱은 1위에 올랐다.';
    const got = marks(text);
    expect(got.filter((m) => m.startsWith('DeepSeek:'))).toHaveLength(2);
    expect(got.filter((m) => m.startsWith('DeepSeek:')).every((m) => m.endsWith('→딥시크'))).toBe(true);
    expect(got).toContain('梁文峰:person→량원펑');
    // One kind for all forms of one name.
    const kinds = new Set(got.filter((m) => /^(딥시크|DeepSeek):/.test(m)).map((m) => m.split(':')[1]!.split('→')[0]));
    expect(kinds.size).toBe(1);
  });
});

describe('a country made a modifier', () => {
  const span = (text: string, type: EntitySpan['type'] = 'org'): EntitySpan => ({ start: 0, end: text.length, text, type });

  it.each(['중국판', '미국산', '한국형', '일본계', '독일제', '프랑스식', '中판'])('%s is no name', (text) => {
    expect(countryModifier(span(text))).toBe(true);
    expect(countryModifier(span(text, 'place'))).toBe(true);
  });

  it.each(['중국', '판교', '미국 국무부', '한국산업은행', '서산'])('%s is not judged by it', (text) => {
    expect(countryModifier(span(text))).toBe(false);
  });

  it('is left out of the marks while the country beside it stays', () => {
    const found = marks('미국산 소고기 수입을 두고 미국과 협상이 이어졌다. 업계는 중국판 검색 엔진이 곧 나온다고 봤다.');
    expect(found.some((m) => m.startsWith('미국산:') || m.startsWith('중국판:'))).toBe(false);
    expect(found.some((m) => m.startsWith('미국:'))).toBe(true);
  });
});

describe('common words as people', () => {
  const person = (text: string): EntitySpan => ({ start: 0, end: text.length, text, type: 'person' });

  it.each(['관계자', '전문가', '이상인', '원정을', '一只聪明的小狗', '펀드 운용사에서', '신생 기업을'])('%s is no one’s name', (text) => {
    expect(commonWord(person(text))).toBe(true);
  });

  it.each(['김지인', '딕 코스톨로', '가네코 지히로', '이', '梁文峰', '한서진'])('%s may be', (text) => {
    expect(commonWord(person(text))).toBe(false);
  });

  it('judges people only: an organisation named by a common word stays', () => {
    expect(commonWord({ start: 0, end: 2, text: '정부', type: 'org' })).toBe(false);
  });
});

describe('a place run into 서 or 엔, the short 에서 and 에는 of headlines', () => {
  it('ends before 서 when the word before it is a place by itself', () => {
    const text = '정상들은 뉴욕서 열린 회의에 참석했다.';
    const span = withoutShortParticle(text, at(text, '뉴욕서', 'place'), model);
    expect(span.text).toBe('뉴욕');
    expect(text.slice(span.start, span.end)).toBe('뉴욕');
    expect(marks('대표단은 제네바서 협상을 이어갔다.')).not.toContain('제네바서:place');
  });

  it('keeps 서 where it belongs to the name or the word goes on', () => {
    const police = '수사는 한강경찰서 형사들이 맡았다.';
    expect(withoutShortParticle(police, at(police, '한강경찰서', 'place'), model).text).toBe('한강경찰서');
    const longer = '부산서부 지역에 비가 내렸다.';
    expect(withoutShortParticle(longer, at(longer, '부산서', 'place'), model).text).toBe('부산서');
    const person = '그는 뉴욕서 왔다.';
    expect(withoutShortParticle(person, at(person, '뉴욕서', 'org'), model).text).toBe('뉴욕서');
  });

  it('and 엔, the short 에는, after a place the tagger took for a place or an organisation', () => {
    const text = '회사는 텍사스엔 새 공장을, 오사카엔 연구소를 짓는다.';
    expect(withoutShortParticle(text, at(text, '텍사스엔', 'org'), model)).toMatchObject({ text: '텍사스', type: 'place' });
    expect(withoutShortParticle(text, at(text, '오사카엔', 'place'), model)).toMatchObject({ text: '오사카', type: 'place' });
    const un = '총회는 국제연합엔 보고했다.';
    expect(withoutShortParticle(un, at(un, '국제연합엔', 'org'), model).text).toBe('국제연합엔');
    expect(marks(text)).not.toContain('텍사스엔:org');
  });
});

describe('a person only the tagger saw, weakly, in an article', () => {
  const article = [
    '디지털 자산 규제, 하반기부터 본격화',
    '금융당국이 하반기부터 디지털 자산 거래에 대한 감독을 강화한다. 거래소는 이용자 보호를 위한 준비금을 별도로 쌓아야 하고, 발행사는 분기마다 보유 자산을 공시해야 한다.',
    '스테이블코인도 이번 규제 대상에 포함됐다.',
    '당국은 연말까지 시행령을 바꿔 관리 범위를 넓히고, 해외 발행사에도 같은 기준을 적용하는 방안을 검토하고 있다. 업계에서는 시행 시기를 늦춰 달라는 요청이 이어졌다.',
    '김하늘 한빛연구원 연구위원은 "시장 신뢰를 높이는 계기가 될 것"이라며 "다만 중소 거래소의 부담이 커질 수 있다"고 말했다.',
  ].join('\n');
  const people = (options = DEFAULT_MODEL_OPTIONS) =>
    recognizeKoreanWithModel(article, model, koreanRules(article), options)
      .filter((s) => s.type === 'person')
      .map((s) => s.text);

  it('is left out, while a person introduced with a role stays', () => {
    expect(people()).toEqual(['김하늘']);
    expect(
      recognizeEntities(article, { lang: 'ko', korean: model })
        .filter((s) => s.type === 'person')
        .map((s) => s.text),
    ).toEqual(['김하늘']);
  });

  it('is what the tagger alone marks without the margin (the words are its doing, not the rules’)', () => {
    expect(people({ ...DEFAULT_MODEL_OPTIONS, weakMargins: undefined })).toEqual(['스테이블코인', '김하늘']);
  });
});

describe('a place only the tagger saw, weakly, in an article', () => {
  // A made-up scorer: only the margin matters here, not what a trained model would say.
  const T = TAG_COUNT;
  const B = 1 + 2 * MODEL_TYPES.indexOf('place');
  const text = ['가람 들녘에 비가 왔다.', '다른 문장이 이어진다. '.repeat(12), '마지막 문장이다. '.repeat(8)].join('\n');
  const found: EntitySpan[] = [at(text, '가람', 'place')];
  const scorer = { hashBits: 1, addRow: () => {}, trans: new Float32Array(T * T), start: new Float32Array(T) } as unknown as KoreanModel;
  /** Emissions where the two syllables of 가람 favour place over outside by `lead` each. */
  const emissionsWith = (lead: number) => {
    const em = new Float32Array(text.length * T);
    em[0 * T + B] = lead;
    em[1 * T + B + 1] = lead;
    return em;
  };

  it('is left out under the margin, kept over it', () => {
    expect(withoutWeak(text, found, [], scorer, emissionsWith(0.2), 'place', 0.5)).toEqual([]);
    expect(withoutWeak(text, found, [], scorer, emissionsWith(1), 'place', 0.5)).toEqual(found);
  });

  it('adds up the margins of its mentions: found weakly twice is more than found weakly once', () => {
    const twice = text.replace('마지막', '가람');
    const mentions: EntitySpan[] = [
      at(twice, '가람', 'place'),
      { ...at(twice, '가람', 'place'), start: twice.lastIndexOf('가람'), end: twice.lastIndexOf('가람') + 2 },
    ];
    const em = new Float32Array(twice.length * T);
    for (const m of mentions) {
      em[m.start * T + B] = 0.15;
      em[(m.start + 1) * T + B + 1] = 0.15;
    }
    expect(withoutWeak(twice, mentions.slice(0, 1), [], scorer, em, 'place', 0.5)).toEqual([]);
    expect(withoutWeak(twice, mentions, [], scorer, em, 'place', 0.5)).toEqual(mentions);
  });

  it('is kept whatever its margin when the rules found that place', () => {
    expect(withoutWeak(text, found, [at(text, '가람', 'place')], scorer, emissionsWith(0.2), 'place', 0.5)).toEqual(found);
  });
});

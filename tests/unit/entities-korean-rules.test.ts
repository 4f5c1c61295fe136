import { describe, expect, it } from 'vitest';
import { koreanRules } from '../../utils/entities';
import { analyzeKorean, markNames, splitParticle } from '../../utils/entities/korean';

/** Korean forms the rules read (issue 8, item 3). Sentences written for these tests. */
const pairs = (text: string) => koreanRules(text).map((s) => `${s.text}:${s.type}`);
const names = (text: string) => markNames(text, analyzeKorean(text)).map((s) => `${s.text}:${s.type}`);

describe('titles qualified by 전/현/前 and other modifiers', () => {
  it.each([
    ['민주평화당 회의에서 도상철 전 대표가 발언했다.', '도상철'],
    ['예주건설 봉민기 현 회장은 자리를 지켰다.', '봉민기'],
    ['이 자리에는 하윤서 전 장관도 참석했다.', '하윤서'],
    ['간담회에 나온 남궁소연 前 대표는 웃었다.', '남궁소연'],
    ['진행은 채다솜 신임 총장이 맡았다.', '채다솜'],
  ])('%s', (text, name) => {
    const got = pairs(text);
    expect(got).toContain(`${name}:person`);
    expect(got.some((p) => /^(?:전|현|前|신임)(?::|\s)/.test(p))).toBe(false);
  });

  it('names the person, not the affiliation, between a name and its title', () => {
    expect(pairs('변지호 한결미래당 전 공동대표가 입장을 냈다.')).toContain('변지호:person');
    expect(pairs('변지호 한결미래당 전 공동대표가 입장을 냈다.')).not.toContain('한결미래당:person');
  });

  it('does not read a predicate or a word with its particle before 전 as a name', () => {
    expect(names('재선에 성공한 현직 군수가 취임했다.')).toEqual([]);
    expect(names('대통령의 임기는 전임 대통령 임기가 끝난 다음 날 시작된다.')).toEqual([]);
  });
});

describe('titles and 씨 glued to a name', () => {
  it.each([
    ['어제 탁민우씨가 가게를 열었다.', '탁민우'],
    ['국회에서 편재석의원은 질의를 이어갔다.', '편재석'],
    ['현장에 나간 노하늘기자가 전했다.', '노하늘'],
    ['광장에 선 곽도윤장군 동상이 새로 단장됐다.', '곽도윤'],
    ['추서연님께서 후원금을 보내셨다.', '추서연'],
  ])('%s', (text, name) => {
    const spans = markNames(text, analyzeKorean(text)).filter((s) => s.type === 'person');
    expect(spans.map((s) => s.text)).toEqual([name]);
    // The span is the name only, without 씨, the title or 님.
    expect(text.slice(spans[0]!.start, spans[0]!.end)).toBe(name);
  });

  it('leaves common words with 님 or a title alone', () => {
    expect(names('선생님께서 숙제를 내주셨다. 사장님은 바쁘다. 안방마님이 웃었다.')).toEqual([]);
    expect(names('지역구의원 여럿이 모였고 장애인선수 대표단도 왔다.')).toEqual([]);
    expect(names('그 영화는 장난아님 진짜.')).toEqual([]);
  });
});

describe('bylines', () => {
  it.each([
    ['글=석지안 기자\n봄꽃이 일찍 폈다.', '석지안'],
    ['사진=엄태린 기자\n행사장 모습.', '엄태린'],
    ['글·사진=육세진 기자', '육세진'],
    ['(대전=한빛통신) 편가람 기자 = 시내 도로가 얼었다.', '편가람'],
  ])('%s', (text, name) => {
    expect(pairs(text)).toContain(`${name}:person`);
  });
});

describe('Latin initials and a Hangul name are one organisation', () => {
  it.each([
    ['HN미래전략협의회는 회의를 열었다.', 'HN미래전략협의회'],
    ['DW에너지솔루션과 협약을 맺었다.', 'DW에너지솔루션'],
    ['고객은 QR한빛은행에 몰렸다.', 'QR한빛은행'],
    ['JM우리식품 주가가 올랐다.', 'JM우리식품'],
  ])('%s', (text, org) => {
    const got = pairs(text);
    expect(got).toContain(`${org}:org`);
    // Not split into the initials and the rest.
    expect(got.filter((p) => p.endsWith(':org'))).toEqual([`${org}:org`]);
  });

  it('keeps a Latin name with organisation context glued after it apart (AMD주가도)', () => {
    expect(pairs('XYZ주가도 내렸다.')).toEqual(['XYZ:org']);
  });
});

describe('common words, modifiers and sounds are never names', () => {
  it.each([
    ['모든 지점에서 입출금이 자유로운 통장을 만들 수 있다.'],
    ['정부 방침에 따라 장관은 회의를 미뤘다.'],
    ['이건 그냥 피해자 코스프레인가 싶었다.'],
    ['아이들이 강강강강 소리를 냈다.'],
    ['하하하 웃음이 터졌다.'],
    ['평화로운 마을 이장이 말했다.'],
    ['제도 개선을 위해 위원장은 나섰다.'],
  ])('%s', (text) => {
    expect(names(text)).toEqual([]);
  });

  it('splits a copula ending off as a particle', () => {
    expect(splitParticle('코스프레인가')).toEqual({ stem: '코스프레', particle: '인가' });
    expect(splitParticle('회사입니다')).toEqual({ stem: '회사', particle: '입니다' });
  });

  it('keeps a name ending in 인 whole before a copula ending', () => {
    expect(names('배우 우하인 씨가 왔다. 그 사람이 우하인인가 싶었다.')).toContain('우하인:person');
  });
});

describe('Hanja glosses', () => {
  it('reads a three-character gloss as a person, but not a gloss inside a longer name', () => {
    const got = pairs('주석 천샤오밍(陳曉明)이 방문했다. 관광객은 칭난(靑南)고원과 허양(河陽)성을 찾았다.');
    expect(got).toContain('陳曉明:person');
    expect(got.some((p) => /^(?:靑南|河陽|칭난|허양):person$/.test(p))).toBe(false);
  });
});

describe('titles that are also common words', () => {
  it('needs a name of Korean shape before 대사 or 통장', () => {
    expect(names('이 영화의 마지막 대사가 좋았다. 새로운 통장을 만들었다.')).toEqual([]);
    expect(names('주미 대사관에서 반서윤 대사는 말했다.')).toContain('반서윤:person');
  });
});

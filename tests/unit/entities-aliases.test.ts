import { describe, expect, it } from 'vitest';
import { hangulKey, joinAliases, latinKey } from '../../utils/entities/aliases';
import { summarizeEntities } from '../../utils/entities/summary';
import type { EntitySpan, EntityType } from '../../utils/entities/types';

/** Cross-script aliases (issue 19, item 2). Sentences and names written for these tests. */
const span = (text: string, name: string, type: EntityType, from = 0): EntitySpan => {
  const start = text.indexOf(name, from);
  if (start < 0) throw new Error(`${name} not in text`);
  return { start, end: start + name.length, text: name, type };
};
const listed = (spans: EntitySpan[]) => [...summarizeEntities(spans).values()].flat().map((g) => `${g.type}:${g.text}:${g.spans.map((s) => s.text).join('|')}`);

describe('a name and its other-script form given together', () => {
  it('joins a Hangul name and its Latin gloss, and marks the gloss when nothing did', () => {
    const text = '신생 기업 루미너스(Luminous)가 투자를 받았다. 루미너스는 내년에 상장한다.';
    const spans = joinAliases(text, [span(text, '루미너스', 'org'), span(text, '루미너스', 'org', 20)]);
    const gloss = spans.find((s) => s.text === 'Luminous');
    expect(gloss).toMatchObject({ type: 'org', canonical: '루미너스' });
    expect(listed(spans)).toEqual(['org:루미너스:루미너스|Luminous|루미너스']);
  });

  it('joins a person and the Han characters of the name, giving the gloss the person kind', () => {
    const text = '창업자 탕예린(唐叶林)은 기자들과 만났다. 唐叶林은 웃었다.';
    const spans = joinAliases(text, [span(text, '탕예린', 'person'), span(text, '唐叶林', 'org', 12)]);
    expect(spans.filter((s) => s.text === '唐叶林').map((s) => `${s.type}:${s.canonical}`)).toEqual(['person:탕예린', 'person:탕예린']);
  });

  it('joins a Latin name glossed in Hangul, showing the Hangul form', () => {
    const text = 'Veltrix(벨트릭스)는 성명을 냈다. Veltrix 측은 답하지 않았다.';
    const spans = joinAliases(text, [span(text, 'Veltrix', 'org'), span(text, 'Veltrix', 'org', 10)]);
    expect(spans.find((s) => s.text === '벨트릭스')?.type).toBe('org');
    expect(spans.filter((s) => s.text === 'Veltrix').map((s) => s.canonical)).toEqual(['벨트릭스', '벨트릭스']);
  });

  it('leaves a bracketed ticker, date or a phrase alone', () => {
    const text = '한울전자(005930)는 2024(갑진년) 실적을 냈다. 한울전자(주가 하락)도 있었다.';
    const spans = joinAliases(text, [span(text, '한울전자', 'org'), span(text, '한울전자', 'org', 10)]);
    expect(spans.map((s) => s.text)).toEqual(['한울전자', '한울전자']);
  });
});

describe('a name and its transliteration in the same article', () => {
  it.each([
    ['딥시크', 'DeepSeek'],
    ['넷플릭스', 'Netflix'],
    ['아마존', 'Amazon'],
    ['페이스북', 'Facebook'],
    ['마이크로소프트', 'Microsoft'],
    ['현대', 'Hyundai'],
  ])('%s and %s have one consonant key', (hangul, latin) => {
    expect(hangulKey(hangul)).toBe(latinKey(latin));
  });

  it.each([
    ['삼성', 'Nokia'],
    ['카카오', 'Kakao Bank'],
    ['구글', 'Apple'],
  ])('%s and %s do not', (hangul, latin) => {
    expect(hangulKey(hangul)).not.toBe(latinKey(latin));
  });

  it('joins a Latin mention to the Hangul name the article spells out elsewhere', () => {
    const text = '테슬라가 새 공장을 짓는다. 업계는 Tesla의 결정을 지켜본다. 테슬라는 말을 아꼈다.';
    const spans = joinAliases(text, [span(text, '테슬라', 'org'), span(text, 'Tesla', 'person'), span(text, '테슬라', 'org', 30)]);
    expect(listed(spans)).toEqual(['org:테슬라:테슬라|Tesla|테슬라']);
  });

  it('joins a Han name to the Hangul name it reads as (Sino-Korean readings)', () => {
    const text = '三星의 반도체 부문이 흑자를 냈다. 삼성은 투자를 늘린다.';
    const spans = joinAliases(text, [span(text, '三星', 'org'), span(text, '삼성', 'org')]);
    expect(spans.find((s) => s.text === '三星')?.canonical).toBe('삼성');
  });

  it('joins spellings of one Latin name, with and without a space', () => {
    const text = 'Open AI는 발표했다. OpenAI 측은 말했다.';
    const spans = joinAliases(text, [span(text, 'Open AI', 'org'), span(text, 'OpenAI', 'org')]);
    expect(listed(spans)).toEqual(['org:Open AI:Open AI|OpenAI']);
  });

  it('does not join short names on two consonants, nor different names', () => {
    const text = '카카오와 Coco가 손잡았다. 네이버와 Nokia도 그렇다.';
    const spans = joinAliases(text, [span(text, '카카오', 'org'), span(text, 'Coco', 'org'), span(text, '네이버', 'org'), span(text, 'Nokia', 'org')]);
    expect(spans.every((s) => s.canonical === undefined)).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { agreeingParticle, mentionPool, swapMentions } from '../../scripts/lib/augment';
import type { KlueSentence } from '../../scripts/lib/klue';
import { rng } from '../../scripts/lib/perceptron';

// Sentences written for these tests.
const sentence = (id: string, text: string, names: [string, KlueSentence['spans'][number]['type']][]): KlueSentence => ({
  id,
  genre: 'wikitree',
  split: 'fit',
  text,
  spans: names.map(([name, type]) => ({ start: text.indexOf(name), end: text.indexOf(name) + name.length, type, tag: type })),
  neutral: [],
});

describe('mention replacement for training', () => {
  it('makes the particle after a swapped name agree with its last syllable', () => {
    expect(agreeingParticle('이서아', '은 말했다')).toBe('는 말했다');
    expect(agreeingParticle('김민준', '는 말했다')).toBe('은 말했다');
    expect(agreeingParticle('한빛전자', '이 발표했다')).toBe('가 발표했다');
    expect(agreeingParticle('청솔산업', '를 인수했다')).toBe('을 인수했다');
    expect(agreeingParticle('부산', '로 갔다')).toBe('으로 갔다');
    expect(agreeingParticle('서울', '으로 갔다')).toBe('로 갔다');
    expect(agreeingParticle('대구', '과 함께')).toBe('와 함께');
  });

  it('leaves a word that only starts like a particle, and a Latin name, as they are', () => {
    expect(agreeingParticle('이서아', '이다')).toBe('이다');
    expect(agreeingParticle('이서아', '이사장')).toBe('이사장');
    expect(agreeingParticle('Acme', '는')).toBe('는');
  });

  it('swaps names for names of the same kind, with spans on the new text, and nothing else', () => {
    const sentences = [
      sentence('a', '김민준은 한빛전자를 떠나 부산으로 갔다.', [
        ['김민준', 'person'],
        ['한빛전자', 'org'],
        ['부산', 'place'],
      ]),
      sentence('b', '이서아가 청솔산업에 합류했고 서울에 산다.', [
        ['이서아', 'person'],
        ['청솔산업', 'org'],
        ['서울', 'place'],
      ]),
      sentence('c', '날씨가 맑았다.', []),
    ];
    const pool = mentionPool(sentences);
    expect(pool.get('person')).toEqual(['김민준', '이서아']);
    const out = swapMentions(sentences, pool, rng(3), 4, 1);
    expect(out.length).toBe(8);
    for (const s of out) {
      expect(s.spans.map((x) => x.type)).toEqual(['person', 'org', 'place']);
      for (const span of s.spans) expect(pool.get(span.type)).toContain(s.text.slice(span.start, span.end));
      // What is between the names is the original's, particles agreeing.
      expect(s.text).toMatch(/^(?:김민준은|이서아는|김민준이|이서아가) (?:한빛전자|청솔산업)(?:를|을|에) /);
    }
    expect(out.some((s) => s.text.startsWith('이서아는 '))).toBe(true);
  });
});

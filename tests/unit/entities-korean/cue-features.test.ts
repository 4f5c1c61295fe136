import { describe, expect, it } from 'vitest';
import { cuePlace, cueValues, type CueRun } from '../../../utils/entities/model/cue-features';
import { extractFeatures, finish, mix, packLex, seed, type Lexicon } from '../../../utils/entities/model/features';

// The cue-class features of the Korean tagger (utils/entities/model/cue-features.ts, templates
// 70–77; issue 19): a cue word of a class fires the same feature as every other word of its class.
// Sentences and names written for these tests.

const PARTICLES = ['에서', '은', '는', '이', '가', '을', '를', '의', '와', '과', '에', '로'];

/** Runs as features.ts splits a text: one script each, a punctuation mark alone, the particle at a Hangul run's end. */
function runs(text: string): CueRun[] {
  const out: CueRun[] = [];
  const re = /[\uac00-\ud7a3]+|[A-Za-z]+|[\u4e00-\u9fff]+|[0-9]+|\S/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const w = m[0];
    const cls = /^[\uac00-\ud7a3]/.test(w) ? 1 : /^[A-Za-z]/.test(w) ? 2 : /^[\u4e00-\u9fff]/.test(w) ? 3 : /^\d/.test(w) ? 4 : 5;
    const particle = cls === 1 ? (PARTICLES.find((p) => w.length > p.length && w.endsWith(p)) ?? '') : '';
    const end = m.index + w.length;
    out.push({
      start: m.index,
      end,
      cls,
      spaceBefore: m.index === 0 || text[m.index - 1] === ' ',
      spaceAfter: end >= text.length || text[end] === ' ',
      particleLength: particle.length,
    });
  }
  return out;
}

/** A lexicon of a few forms: PS 0, OG 1, LC 2 (features.ts's LEX_LABELS). */
function lexicon(forms: Record<string, number>): Lexicon {
  const map = new Map(Object.entries(forms).map(([f, label]) => [f, [packLex(label, 3)]]));
  return { forms: map, maxLength: 8, longestFrom: new Map([...map.keys()].map((f) => [f.charCodeAt(0), f.length])) };
}

/** The cue values of the run that starts with `word`. */
function cuesOf(text: string, word: string, lex: Lexicon | null = null): number[] {
  const rs = runs(text);
  const k = rs.findIndex((r) => text.startsWith(word, r.start));
  return [...cueValues(text, rs, lex)[k]!];
}

describe('cue classes', () => {
  it('give two names after words of one class the same feature, whatever the word (걸그룹, 보이그룹)', () => {
    const a = cuesOf('걸그룹 라온이 무대에 섰다.', '라온');
    const b = cuesOf('보이그룹 라온이 무대에 섰다.', '라온');
    expect(a[1]).toBeGreaterThan(0);
    expect(a[1]).toBe(b[1]);
    expect(cuesOf('동네 라온이 무대에 섰다.', '라온')[1]).toBe(0);
  });

  it('read the word after a name: an organisation word (구단, 팬들) and a verb of release (컴백, 출시)', () => {
    expect(cuesOf('한빛 구단은 감독을 바꿨다.', '한빛')[0]).toBeGreaterThan(0);
    expect(cuesOf('라온이 컴백했다.', '라온')[0]).toBe(cuesOf('라온이 출시했다.', '라온')[0]);
    expect(cuesOf('라온이 웃었다.', '라온')[0]).toBe(0);
  });

  it('read a Latin name with the particle glued to it as one word (LG가, Lumio의)', () => {
    const lg = cuesOf('ZEPHYR가 신제품을 출시했다.', 'ZEPHYR');
    expect(lg[2]).toBeGreaterThan(0); // the shape: capitals
    expect(lg[0]).toBeGreaterThan(0); // 신제품 after the particle
    expect(cuesOf('Lumio의 팬들', 'Lumio')[2]).not.toBe(lg[2]); // Capitalised, not capitals
    // The glued particle is no word of its own.
    expect(cuesOf('ZEPHYR가 신제품을 출시했다.', '가').every((v) => v === 0)).toBe(true);
  });

  it('give a name joined by 와/과 or · the lexicon type of its partner', () => {
    const lex = lexicon({ 새봄전자: 1, 가람시: 2 });
    const org = cuesOf('새봄전자와 도담은 손을 잡았다.', '도담', lex)[3]!;
    const place = cuesOf('가람시와 도담은 손을 잡았다.', '도담', lex)[3]!;
    expect(org).toBeGreaterThan(0);
    expect(place).toBeGreaterThan(0);
    expect(org).not.toBe(place);
    expect(cuesOf('도담·새봄전자', '도담', lex)[3]).toBeGreaterThan(0);
    expect(cuesOf('철수와 도담은 손을 잡았다.', '도담', lex)[3]).toBe(0);
  });

  it('tell a place of the lexicon acting as a team or a state from the same place where something happens', () => {
    const lex = lexicon({ 가르단: 2 });
    const team = cuesOf('가르단은 결승에서 2-1로 이겼다.', '가르단', lex)[7]!;
    const state = cuesOf('가르단은 새 관세를 발표했다.', '가르단', lex)[7]!;
    const quiet = cuesOf('가르단은 날씨가 덥다.', '가르단', lex)[7]!;
    expect(new Set([team, state, quiet]).size).toBe(3);
    expect(cuesOf('그는 가르단에서 공부했다.', '가르단', lex)[7]).toBe(0);
  });

  it('mark a word that continues a club name (가람 유나이티드, FC 누리)', () => {
    expect(cuesOf('가람 유나이티드는 이겼다.', '유나이티드')[6]).toBeGreaterThan(0);
    expect(cuesOf('FC 누리는 이겼다.', '누리')[1]).toBeGreaterThan(0);
  });
});

describe('the tagger reads the cue classes', () => {
  it('as features of every character of the name, by its place in the word', () => {
    const text = '걸그룹 라온이 무대에 섰다.';
    const { ids, offsets } = extractFeatures(text, null, []);
    const at = (i: number) => [...ids.subarray(offsets[i], offsets[i + 1])];
    const word = cuesOf(text, '라온')[1]!;
    // 라 begins the stem 라온, 온 ends it, 이 is the particle.
    expect(at(4)).toContain(finish(mix(mix(seed(71), word), cuePlace(0, 2, false))));
    expect(at(5)).toContain(finish(mix(mix(seed(71), word), cuePlace(1, 2, false))));
    expect(at(6)).toContain(finish(mix(mix(seed(71), word), cuePlace(2, 2, true))));
    expect(at(0)).not.toContain(finish(mix(mix(seed(71), word), cuePlace(0, 2, false))));
  });
});

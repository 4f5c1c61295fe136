import { readFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { recognizeEntities } from '../../utils/entities';
import { extractFeatures, spansToTags, tagsToSpans } from '../../utils/entities/model/features';
import { loadKoreanModel, readKoreanModel, resetKoreanModel } from '../../utils/entities/model/load';
import { allowed, decodeModel, ModelError, parseLexicon, spanMargins, textLines, type KoreanModel } from '../../utils/entities/model/tagger';
import { hashText } from '../../utils/entities/model/text-hash';
import { emptyScore, loadKlue, scoreSentence, summary } from '../../scripts/lib/klue';
import { koreanModelFromDisk, MODEL_FILE } from '../../scripts/lib/korean-model';
import { example, packModel, train } from '../../scripts/lib/perceptron';
import { SHARED } from '../support/paths';

let model: KoreanModel;
beforeAll(async () => {
  resetKoreanModel();
  model = await koreanModelFromDisk();
});

const find = (text: string, name: string) => recognizeEntities(text, { lang: 'ko', korean: model }).filter((s) => s.text === name);

describe('the committed Korean model', () => {
  it('reproduces the test-split figures recorded when it was trained', () => {
    const recorded = model.meta.testF1 as Record<string, number>;
    expect(recorded.all).toBeGreaterThan(0.5);
    const score = emptyScore();
    for (const s of loadKlue(SHARED).filter((s) => s.split === 'test')) {
      scoreSentence(score, s, recognizeEntities(s.text, { lang: 'ko', korean: model }));
    }
    expect(summary(score)).toEqual(recorded);
  });

  it('marks people the article names without any title, and no particle with them', () => {
    const text = '한서진은 이날 시사회에 참석했다. 관객들은 한서진의 연기에 박수를 보냈고, 한서진도 눈물을 흘렸다.';
    const spans = find(text, '한서진');
    expect(spans.map((s) => s.type)).toEqual(['person', 'person', 'person']);
    expect(recognizeEntities(text, { lang: 'ko', korean: model }).some((s) => /한서진[은의도]/.test(s.text))).toBe(false);
  });

  it('makes a name recognised once consistent across the article', () => {
    const text = '배우 윤도하가 새 영화에 출연한다.\n제작진은 윤도하와 계약을 마쳤다고 했다.\n윤도하는 내년 봄 촬영을 시작한다.';
    const spans = find(text, '윤도하');
    expect(spans).toHaveLength(3);
    expect(new Set(spans.map((s) => s.type))).toEqual(new Set(['person']));
  });

  it('joins a surname and title to the full name the article gave (이 대표 → the one 이 with that title)', () => {
    const text = '이정훈 대표는 기자간담회에서 신제품을 공개했다. 이 대표는 "올해 매출이 늘 것"이라고 말했다.';
    const short = recognizeEntities(text, { lang: 'ko', korean: model }).find((s) => s.start === text.indexOf('이 대표는'));
    expect(short).toMatchObject({ text: '이', type: 'person', canonical: '이정훈' });
  });

  it('keeps amounts and ranges whole', () => {
    const text = '회사는 84억2천만원을 투자했고, 금리는 7~10% 범위에서 움직였다.';
    const spans = recognizeEntities(text, { lang: 'ko', korean: model });
    expect(spans).toContainEqual(expect.objectContaining({ text: '84억2천만원', type: 'money' }));
    expect(spans).toContainEqual(expect.objectContaining({ text: '7~10%', type: 'percent' }));
  });

  it('never marks common words and modifiers as people', () => {
    const text = '입출금이 자유로운 통장에 따라 이자가 달라진다고 은행 관계자가 설명했다.';
    const people = recognizeEntities(text, { lang: 'ko', korean: model }).filter((s) => s.type === 'person');
    expect(people).toEqual([]);
  });

  it('keeps a name whose last syllable reads as a particle whole, and marks no bill or office as a person', () => {
    const text = '[부산=누리일보] 윤서은 기자 = 구의회는 16일 추경 예산안을 가결했다. 예산안은 다음 주 집행된다. 담당 과장은 일정을 공개했다.';
    const people = recognizeEntities(text, { lang: 'ko', korean: model })
      .filter((s) => s.type === 'person')
      .map((s) => s.text);
    expect(people).toEqual(['윤서은']);
  });
});

describe('the model loader', () => {
  const bytes = readFileSync(MODEL_FILE);

  it('reads the committed file', async () => {
    const m = await readKoreanModel(bytes);
    expect(m.rows).toBeGreaterThan(1000);
    expect(m.lexicon.forms.size).toBeGreaterThan(1000);
  });

  it.each([
    ['a missing file', () => Promise.reject(new Error('ENOENT: no such file')), /could not be read/],
    ['an empty file', () => Promise.resolve(new Uint8Array(0)), /not gzip/],
    ['a file that is not gzip', () => Promise.resolve(new TextEncoder().encode('<html>404 Not Found</html>')), /not gzip/],
    ['a truncated file', () => Promise.resolve(bytes.subarray(0, bytes.length >> 1)), /truncated or damaged/],
    ['gzip of something else', () => Promise.resolve(gzipSync(Buffer.from('not a model at all, just text'))), /not a Margin model/],
  ])('refuses %s with a clear ModelError', async (_, source, message) => {
    resetKoreanModel();
    const error = await loadKoreanModel(source).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelError);
    expect((error as Error).message).toMatch(message);
    resetKoreanModel();
  });

  it('refuses a model whose weights were cut short', async () => {
    const raw = decodeModelBytes(bytes);
    expect(() => decodeModel(raw.subarray(0, raw.length - 7))).toThrow(/truncated or damaged/);
  });

  it('tries again after a failed load', async () => {
    resetKoreanModel();
    await expect(loadKoreanModel(() => Promise.reject(new Error('offline')))).rejects.toBeInstanceOf(ModelError);
    await expect(loadKoreanModel(() => Promise.resolve(bytes))).resolves.toBeDefined();
    resetKoreanModel();
  });

  it('leaves the rules-only recogniser working without a model', () => {
    const spans = recognizeEntities('김민수 기자가 서울에서 전했다.', { lang: 'ko', korean: null });
    expect(spans).toContainEqual(expect.objectContaining({ text: '김민수', type: 'person' }));
  });
});

describe('training', () => {
  const sentences = [
    {
      text: '김하늘 기자가 부산에서 전했다.',
      spans: [
        { start: 0, end: 3, type: 'person' as const },
        { start: 8, end: 10, type: 'place' as const },
      ],
    },
    {
      text: '박서준 교수는 대전에 산다.',
      spans: [
        { start: 0, end: 3, type: 'person' as const },
        { start: 8, end: 10, type: 'place' as const },
      ],
    },
  ];
  const examples = () => sentences.map((s) => example(s.text, extractFeatures(s.text, null, []), s.spans));

  it('is deterministic: the same data and seed give the same file', () => {
    const a = packModel(train(examples(), { hashBits: 16, epochs: 3, seed: 7 }), '', {}, 0.01);
    const b = packModel(train(examples(), { hashBits: 16, epochs: 3, seed: 7 }), '', {}, 0.01);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });

  it('learns its training sentences and round-trips through the file format', () => {
    const m = decodeModel(packModel(train(examples(), { hashBits: 16, epochs: 5, seed: 7 }), '', {}, 0.01));
    for (const s of sentences) {
      const got = recognizeEntities(s.text, { lang: 'ko', korean: m }).filter((x) => x.type === 'person' || x.type === 'place');
      expect(got.map(({ start, end, type }) => ({ start, end, type }))).toEqual(s.spans);
    }
  });

  it('turns spans into tags and back', () => {
    const text = '서울 시청';
    expect(tagsToSpans(text, spansToTags(text.length, [{ start: 0, end: 2, type: 'place' }]))).toEqual([{ start: 0, end: 2, text: '서울', type: 'place' }]);
  });
});

const decodeModelBytes = (gz: Uint8Array) => new Uint8Array(gunzipSync(gz));

describe('the lexicon in a model file', () => {
  it('reads forms with their labels, and hashes every form and its prefixes of 2–16 characters', () => {
    const long = '가나다라마바사아자차카타파하거너더러';
    const lexicon = parseLexicon(`서울\t2\n삼성전자\t1,9\n\tno form\n빈칸\t\n${long}\t10\n서울\t18\n`);
    expect([...lexicon.forms]).toEqual([
      ['서울', [18]],
      ['삼성전자', [1, 9]],
      ['빈칸', [0]],
      [long, [10]],
    ]);
    expect(lexicon.maxLength).toBe(16);
    expect(lexicon.longestFrom.get('서'.charCodeAt(0))).toBe(2);
    expect(lexicon.longestFrom.get('가'.charCodeAt(0))).toBe(16);
    for (const form of ['서울', '삼성전자', '빈칸', long]) expect(lexicon.formHashes!.has(hashText(form))).toBe(true);
    expect(lexicon.formHashes!.has(hashText('삼성'))).toBe(false);
    for (const prefix of ['삼성', '삼성전', long.slice(0, 16)]) expect(lexicon.prefixHashes!.has(hashText(prefix))).toBe(true);
    expect(lexicon.prefixHashes!.has(hashText(long.slice(0, 17)))).toBe(false);
  });
});

describe('span margins', () => {
  // A small random model: 13 tags, a line of five characters, every tag sequence enumerated.
  const T = 13;
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 4 - 2;
  const scorer = { hashBits: 1, addRow: () => {}, trans: Float32Array.from({ length: T * T }, random), start: Float32Array.from({ length: T }, random) };
  const text = 'abcde';
  const em = Float32Array.from({ length: text.length * T }, random);
  const best = (keepOut?: { start: number; end: number }) => {
    let top = -Infinity;
    const walk = (i: number, prev: number, score: number) => {
      if (i === text.length) return void (top = Math.max(top, score));
      for (let t = 0; t < T; t++) {
        if (i === 0 ? t !== 0 && t % 2 === 0 : !allowed(prev, t)) continue;
        if (keepOut && i >= keepOut.start && i < keepOut.end && t !== 0) continue;
        walk(i + 1, t, score + (i === 0 ? scorer.start[t]! : scorer.trans[prev * T + t]!) + em[i * T + t]!);
      }
    };
    walk(0, 0, 0);
    return top;
  };

  it('are the best path’s score less the best with the span outside any name, as enumerating every path gives', () => {
    const spans = [
      { start: 0, end: 2 },
      { start: 1, end: 4 },
      { start: 4, end: 5 },
      { start: 0, end: 5 },
    ];
    const margins = spanMargins(scorer, em, textLines(text), spans);
    spans.forEach((span, i) => expect(margins[i]).toBeCloseTo(best() - best(span), 4));
  });

  it('are measured within the span’s line: another line changes nothing', () => {
    const two = `${text}\n${text}`;
    const em2 = new Float32Array(two.length * T);
    em2.set(em, 0);
    em2.set(Float32Array.from({ length: T }, random), text.length * T);
    em2.set(em, (text.length + 1) * T);
    const [first, second] = spanMargins(scorer, em2, textLines(two), [
      { start: 1, end: 3 },
      { start: text.length + 2, end: text.length + 4 },
    ]);
    expect(first).toBeCloseTo(best() - best({ start: 1, end: 3 }), 4);
    expect(second).toBeCloseTo(best() - best({ start: 1, end: 3 }), 4);
  });
});

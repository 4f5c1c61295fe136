import { readFileSync } from 'node:fs';
import { LEX_LABELS, packLex, spansToTags, TAG_COUNT, type TextFeatures } from '../../utils/entities/model/features';
import { ALLOWED, encodeModel, viterbi, emissions, type Scorer } from '../../utils/entities/model/tagger';
import type { EntityType } from '../../utils/entities';

/**
 * Training of the Korean tagger: a structured averaged perceptron (Collins 2002) over the
 * hashed features of utils/entities/model/features.ts, with BIO-constrained Viterbi. It
 * is deterministic: sentences are shuffled by a seeded generator, and nothing else is
 * random.
 */

export interface Example {
  /** The text; the tagged positions are its characters (Korean) or its words (English, `gold` says how many). */
  text: string;
  features: TextFeatures;
  gold: Uint8Array;
}

export function example(text: string, features: TextFeatures, spans: readonly { start: number; end: number; type: EntityType }[]): Example {
  return { text, features, gold: spansToTags(text.length, spans) };
}

/** mulberry32: a small seeded generator, so every run shuffles alike. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface TrainOptions {
  hashBits: number;
  epochs: number;
  seed: number;
}

export interface Trained {
  hashBits: number;
  /** Averaged weights: [bucket × T + tag]. */
  weights: Float64Array;
  trans: Float32Array;
  start: Float32Array;
}

class DenseScorer implements Scorer {
  constructor(
    readonly hashBits: number,
    readonly w: Float64Array,
    readonly trans: Float32Array,
    readonly start: Float32Array,
  ) {}
  addRow(bucket: number, out: Float32Array, at: number): void {
    const b = bucket * TAG_COUNT;
    for (let t = 0; t < TAG_COUNT; t++) out[at + t]! += this.w[b + t]!;
  }
}

/**
 * Both trainers' outer loop: each epoch visits the examples in a seeded shuffle (so a run
 * is reproducible); before each one the current transitions are copied into the scorer,
 * and `visit` gets the example's emissions under the current weights.
 */
function eachExample(
  examples: readonly Example[],
  options: TrainOptions,
  scorer: DenseScorer,
  trans: Float64Array,
  start: Float64Array,
  visit: (ex: Example, em: Float32Array) => void,
): void {
  const random = rng(options.seed);
  const order = examples.map((_, k) => k);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (let k = order.length - 1; k > 0; k--) {
      const j = Math.floor(random() * (k + 1));
      [order[k], order[j]] = [order[j]!, order[k]!];
    }
    for (const index of order) {
      const ex = examples[index]!;
      if (!ex.gold.length) continue;
      scorer.trans.set(trans);
      scorer.start.set(start);
      visit(ex, emissions(scorer, ex.features, ex.gold.length));
    }
  }
}

export function train(examples: readonly Example[], options: TrainOptions): Trained {
  const T = TAG_COUNT;
  const mask = (1 << options.hashBits) - 1;
  const size = (mask + 1) * T;
  const w = new Float64Array(size);
  const u = new Float64Array(size); // Σ c·Δ, for averaging
  const trans = new Float64Array(T * T);
  const transU = new Float64Array(T * T);
  const start = new Float64Array(T);
  const startU = new Float64Array(T);
  const transF = new Float32Array(T * T);
  const startF = new Float32Array(T);
  const scorer = new DenseScorer(options.hashBits, w, transF, startF);
  let c = 1;
  eachExample(examples, options, scorer, trans, start, (ex, em) => {
    const n = ex.gold.length;
    const pred = new Uint8Array(n);
    viterbi(em, 0, n, transF, startF, pred);
    let wrong = false;
    for (let i = 0; i < n && !wrong; i++) wrong = pred[i] !== ex.gold[i];
    if (wrong) {
      for (let i = 0; i < n; i++) {
        const g = ex.gold[i]!;
        const p = pred[i]!;
        if (g !== p) {
          for (let k = ex.features.offsets[i]!; k < ex.features.offsets[i + 1]!; k++) {
            const b = (ex.features.ids[k]! & mask) * T;
            w[b + g]! += 1;
            u[b + g]! += c;
            w[b + p]! -= 1;
            u[b + p]! -= c;
          }
        }
        const gp = i ? ex.gold[i - 1]! : -1;
        const pp = i ? pred[i - 1]! : -1;
        if (gp !== pp || g !== p) {
          if (i) {
            trans[gp * T + g]! += 1;
            transU[gp * T + g]! += c;
            trans[pp * T + p]! -= 1;
            transU[pp * T + p]! -= c;
          } else {
            start[g]! += 1;
            startU[g]! += c;
            start[p]! -= 1;
            startU[p]! -= c;
          }
        }
      }
    }
    c++;
  });
  for (let k = 0; k < size; k++) w[k]! -= u[k]! / c;
  for (let k = 0; k < T * T; k++) transF[k] = trans[k]! - transU[k]! / c;
  for (let k = 0; k < T; k++) startF[k] = start[k]! - startU[k]! / c;
  return { hashBits: options.hashBits, weights: w, trans: transF, start: startF };
}

/**
 * The model file: only buckets whose largest weight reaches `minWeight` are kept (the rest
 * cost bytes and change almost no decision).
 */
export function packModel(trained: Trained, lexiconLines: string, meta: Record<string, unknown>, minWeight: number, weightBytes: 1 | 2 = 1): Uint8Array {
  const T = TAG_COUNT;
  const buckets = trained.weights.length / T;
  const keys: number[] = [];
  for (let b = 0; b < buckets; b++) {
    let max = 0;
    for (let t = 0; t < T; t++) max = Math.max(max, Math.abs(trained.weights[b * T + t]!));
    if (max >= minWeight) keys.push(b);
  }
  const rows = new Float32Array(keys.length * T);
  keys.forEach((b, r) => {
    for (let t = 0; t < T; t++) rows[r * T + t] = trained.weights[b * T + t]!;
  });
  return encodeModel(meta, trained.hashBits, trained.trans, trained.start, Uint32Array.from(keys), rows, lexiconLines, weightBytes);
}

/**
 * KLUE's training-set entity forms (lexicon.tsv: form, fine label, frequency) as the
 * model's lexicon lines: each form once, with its most frequent coarse label and a bucket
 * for how often and how surely it is that label.
 */
export function lexiconLines(tsvPath: string): string {
  const counts = new Map<string, Map<string, number>>();
  for (const line of readFileSync(tsvPath, 'utf8').split('\n').slice(1)) {
    const [form, label, freq] = line.split('\t');
    if (!form || !label || form.length > 16) continue;
    const coarse = (LEX_LABELS as readonly string[]).includes(label.slice(0, 2)) ? label.slice(0, 2) : 'XX';
    const m = counts.get(form) ?? new Map<string, number>();
    m.set(coarse, (m.get(coarse) ?? 0) + Number(freq || 1));
    counts.set(form, m);
  }
  const out: string[] = [];
  for (const [form, m] of [...counts].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
    const ranked = [...m].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    const total = ranked.reduce((s, [, v]) => s + v, 0);
    // Every label the form takes at least a fifth of the time: 미국 is a place and a government.
    const packed = ranked
      .filter(([, n], k) => k === 0 || n / total >= 0.2)
      .map(([label, n]) =>
        packLex(LEX_LABELS.indexOf(label as (typeof LEX_LABELS)[number]), (n >= 20 ? 3 : n >= 5 ? 2 : n >= 2 ? 1 : 0) | (n / total < 0.7 ? 4 : 0)),
      );
    out.push(`${form}\t${packed.join(',')}`);
  }
  return out.join('\n');
}

/**
 * The same model trained as a linear-chain CRF: log-likelihood with L2, AdaGrad steps,
 * gradients from forward–backward under the BIO constraints.
 */
export function trainCrf(examples: readonly Example[], options: TrainOptions & { rate: number; l2: number }): Trained {
  const T = TAG_COUNT;
  const mask = (1 << options.hashBits) - 1;
  const size = (mask + 1) * T;
  const w = new Float64Array(size);
  const g2 = new Float64Array(size);
  const trans = new Float64Array(T * T);
  const transG2 = new Float64Array(T * T);
  const start = new Float64Array(T);
  const startG2 = new Float64Array(T);
  const transF = new Float32Array(T * T);
  const startF = new Float32Array(T);
  const scorer = new DenseScorer(options.hashBits, w, transF, startF);
  const ok = ALLOWED;
  const step = (arr: Float64Array, acc: Float64Array, k: number, grad: number) => {
    const g = grad + options.l2 * arr[k]!;
    acc[k]! += g * g;
    arr[k]! -= (options.rate * g) / Math.sqrt(acc[k]! + 1e-8);
  };
  eachExample(examples, options, scorer, trans, start, (ex, em) => {
    const n = ex.gold.length;
    // forward/backward in log space
    const alpha = new Float64Array(n * T).fill(-Infinity);
    const beta = new Float64Array(n * T).fill(-Infinity);
    for (let t = 0; t < T; t++) if (t === 0 || t % 2 === 1) alpha[t] = start[t]! + em[t]!;
    const tmp = new Float64Array(T);
    for (let i = 1; i < n; i++) {
      for (let b = 0; b < T; b++) {
        let m = -Infinity;
        for (let a = 0; a < T; a++) {
          if (!ok[a]![b]) continue;
          const v = alpha[(i - 1) * T + a]! + trans[a * T + b]!;
          tmp[a] = v;
          m = Math.max(m, v);
        }
        if (m === -Infinity) continue;
        let s = 0;
        for (let a = 0; a < T; a++) if (ok[a]![b]) s += Math.exp(tmp[a]! - m);
        alpha[i * T + b] = m + Math.log(s) + em[i * T + b]!;
      }
    }
    for (let t = 0; t < T; t++) beta[(n - 1) * T + t] = 0;
    for (let i = n - 2; i >= 0; i--) {
      for (let a = 0; a < T; a++) {
        let m = -Infinity;
        for (let b = 0; b < T; b++) {
          if (!ok[a]![b]) continue;
          const v = trans[a * T + b]! + em[(i + 1) * T + b]! + beta[(i + 1) * T + b]!;
          tmp[b] = v;
          m = Math.max(m, v);
        }
        if (m === -Infinity) continue;
        let s = 0;
        for (let b = 0; b < T; b++) if (ok[a]![b]) s += Math.exp(tmp[b]! - m);
        beta[i * T + a] = m + Math.log(s);
      }
    }
    let z = -Infinity;
    for (let t = 0; t < T; t++) {
      const v = alpha[(n - 1) * T + t]!;
      if (v > z) z = v;
    }
    let zs = 0;
    for (let t = 0; t < T; t++) zs += Math.exp(alpha[(n - 1) * T + t]! - z);
    const logZ = z + Math.log(zs);
    // emission gradients: marginal − gold
    const grad = new Float64Array(T);
    for (let i = 0; i < n; i++) {
      for (let t = 0; t < T; t++) grad[t] = Math.exp(alpha[i * T + t]! + beta[i * T + t]! - logZ) - (ex.gold[i] === t ? 1 : 0);
      for (let k = ex.features.offsets[i]!; k < ex.features.offsets[i + 1]!; k++) {
        const b = (ex.features.ids[k]! & mask) * T;
        for (let t = 0; t < T; t++) if (Math.abs(grad[t]!) > 1e-6 || w[b + t] !== 0) step(w, g2, b + t, grad[t]!);
      }
    }
    // transition gradients
    const tg = new Float64Array(T * T);
    for (let i = 1; i < n; i++) {
      for (let a = 0; a < T; a++) {
        const al = alpha[(i - 1) * T + a]!;
        if (al === -Infinity) continue;
        for (let b = 0; b < T; b++) {
          if (!ok[a]![b]) continue;
          tg[a * T + b]! += Math.exp(al + trans[a * T + b]! + em[i * T + b]! + beta[i * T + b]! - logZ);
        }
      }
      tg[ex.gold[i - 1]! * T + ex.gold[i]!]! -= 1;
    }
    for (let k = 0; k < T * T; k++) if (tg[k]) step(trans, transG2, k, tg[k]!);
    for (let t = 0; t < T; t++) {
      const gs = Math.exp(alpha[t]! + beta[t]! - logZ) - (ex.gold[0] === t ? 1 : 0);
      if (gs) step(start, startG2, t, gs);
    }
  });
  for (let k = 0; k < T * T; k++) transF[k] = trans[k]!;
  for (let k = 0; k < T; k++) startF[k] = start[k]!;
  return { hashBits: options.hashBits, weights: w, trans: transF, start: startF };
}

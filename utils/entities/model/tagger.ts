import { HashSet32, LEX_LABELS, TAG_COUNT, TEXT_HASH_SEED, textHash, type Lexicon, type TextFeatures } from './features';

/**
 * The learned Korean tagger: a linear model over hashed character features with tag
 * transitions (a linear-chain model trained as an averaged perceptron by
 * scripts/train-entities.ts), decoded with Viterbi under BIO constraints.
 *
 * File format (the whole file gzip-compressed, little-endian):
 *   "MNER" · u32 version · u32 header length · header JSON · padding to 4 bytes ·
 *   f32 transitions [T×T] · f32 start [T] · u32 keys [rows] · i8|i16 weights [rows×T] ·
 *   lexicon as UTF-8 lines "form<TAB>packed label".
 * Only feature buckets with a weight survive pruning; `keys` are their bucket numbers,
 * sorted.
 */

export const MODEL_VERSION = 1;
const MAGIC = 0x52454e4d; // "MNER"

export interface ModelHeader {
  version: number;
  hashBits: number;
  tags: number;
  rows: number;
  /** Bytes per weight (1 or 2) and the factor that turns a stored weight back into a score. */
  weightBytes: 1 | 2;
  scale: number;
  lexiconBytes: number;
  /** What it was trained on and how it scored, for the README and the tests. */
  meta: Record<string, unknown>;
}

export class ModelError extends Error {
  override name = 'ModelError';
}

/** Scores of one text: T per character. */
export type Emissions = Float32Array;

export interface Scorer {
  hashBits: number;
  /** Adds the weights of feature bucket `bucket` to `out[at .. at + T)`. */
  addRow(bucket: number, out: Float32Array, at: number): void;
  /** Optional: writes the summed weights of features `ids[from .. to)` to `out[at .. at + T)` at once. */
  scoreFeatures?(ids: Uint32Array, from: number, to: number, out: Float32Array, at: number): void;
  /** Optional: reads (and discards) the table slots of features `ids[from .. to)`, so that scoring them finds them in the cache. */
  touch?(ids: Uint32Array, from: number, to: number): number;
  trans: Float32Array;
  start: Float32Array;
}

export function emissions(scorer: Scorer, f: TextFeatures, n: number): Emissions {
  const out = new Float32Array(n * TAG_COUNT);
  const mask = (1 << scorer.hashBits) - 1;
  if (scorer.scoreFeatures) {
    for (let from = 0; from < n; from += TOUCH_CHUNK) {
      const to = Math.min(n, from + TOUCH_CHUNK);
      scorer.touch?.(f.ids, f.offsets[from]!, f.offsets[to]!);
      for (let i = from; i < to; i++) scorer.scoreFeatures(f.ids, f.offsets[i]!, f.offsets[i + 1]!, out, i * TAG_COUNT);
    }
    return out;
  }
  for (let i = 0; i < n; i++) {
    for (let k = f.offsets[i]!; k < f.offsets[i + 1]!; k++) scorer.addRow(f.ids[k]! & mask, out, i * TAG_COUNT);
  }
  return out;
}

/**
 * Positions scored per batch. The table reads are most of a text's cost, and one at a time
 * each waits for memory: touch() first reads the slots of a batch's features with no branch
 * between the reads, so that the processor has many of them under way at once, and scoring
 * then finds them in the cache (a batch's slots, ~28 a position, fit it easily).
 */
const TOUCH_CHUNK = 16;

/** Whether tag `b` may follow tag `a` (a continue-tag only after its own kind). */
export function allowed(a: number, b: number): boolean {
  if (b === 0 || b % 2 === 1) return true;
  return a === b || a === b - 1;
}
/** allowed() as a table, for the decoding loops. */
export const ALLOWED = Array.from({ length: TAG_COUNT }, (_, a) => Array.from({ length: TAG_COUNT }, (_, b) => allowed(a, b)));

/**
 * Best tag sequence for [from, to) of the emissions. A tag that begins a kind, and outside,
 * may follow any tag; a continue-tag only its own begin-tag or itself (allowed()), so it
 * weighs two predecessors, not 13. Ties go to the lower predecessor.
 */
export function viterbi(em: Emissions, from: number, to: number, trans: Float32Array, start: Float32Array, out: Uint8Array): void {
  const T = TAG_COUNT;
  const n = to - from;
  if (n <= 0) return;
  const back = new Uint8Array(n * T);
  let score = new Float64Array(T);
  let next = new Float64Array(T);
  for (let t = 0; t < T; t++) score[t] = t !== 0 && t % 2 === 0 ? -Infinity : start[t]! + em[from * T + t]!;
  for (let i = 1; i < n; i++) {
    const base = (from + i) * T;
    const row = i * T;
    for (let b = 0; b < T; b++) {
      let arg: number;
      let best: number;
      if (b === 0 || b % 2 === 1) {
        arg = 0;
        best = score[0]! + trans[b]!;
        for (let a = 1; a < T; a++) {
          const s = score[a]! + trans[a * T + b]!;
          if (s > best) {
            best = s;
            arg = a;
          }
        }
      } else {
        arg = b - 1;
        best = score[b - 1]! + trans[(b - 1) * T + b]!;
        const s = score[b]! + trans[b * T + b]!;
        if (s > best) {
          best = s;
          arg = b;
        }
      }
      next[b] = best + em[base + b]!;
      back[row + b] = arg;
    }
    const swap = score;
    score = next;
    next = swap;
  }
  let arg = 0;
  for (let t = 1; t < T; t++) if (score[t]! > score[arg]!) arg = t;
  for (let i = n - 1; i >= 0; i--) {
    out[from + i] = arg;
    arg = back[i * T + arg]!;
  }
}

/**
 * How sure the tagger is of spans it found: for each, the score of the best tag sequence of its
 * line minus that of the best sequence with every position of the span outside any name (0: a
 * tie; the scale is the model's own). Both are exact, from best-prefix and best-suffix scores of
 * the line, computed once per line that holds a span. Positions are the emissions' (characters
 * in Korean, words in English); `lines` are their [from, to) ranges, as decoded.
 */
export function spanMargins(
  scorer: Scorer,
  em: Emissions,
  lines: readonly (readonly [number, number])[],
  spans: readonly { start: number; end: number }[],
): number[] {
  const T = TAG_COUNT;
  const { trans, start } = scorer;
  const done = new Map<number, { from: number; fwd: Float64Array; bwd: Float64Array; best: number }>();
  const lineOf = (at: number) => {
    const [from, to] = lines.find(([a, b]) => a <= at && at < b) ?? [at, at + 1];
    let line = done.get(from);
    if (line) return line;
    const n = to - from;
    const fwd = new Float64Array(n * T);
    const bwd = new Float64Array(n * T);
    for (let t = 0; t < T; t++) fwd[t] = t !== 0 && t % 2 === 0 ? -Infinity : start[t]! + em[from * T + t]!;
    // As in viterbi(): a tag that begins a kind, or outside, follows any tag; a continue-tag only its kind's two.
    for (let i = 1; i < n; i++) {
      const prev = (i - 1) * T;
      for (let b = 0; b < T; b++) {
        let best = -Infinity;
        if (b === 0 || b % 2 === 1) {
          for (let a = 0; a < T; a++) {
            const s = fwd[prev + a]! + trans[a * T + b]!;
            if (s > best) best = s;
          }
        } else best = Math.max(fwd[prev + b - 1]! + trans[(b - 1) * T + b]!, fwd[prev + b]! + trans[b * T + b]!);
        fwd[i * T + b] = best + em[(from + i) * T + b]!;
      }
    }
    const ahead = new Float64Array(T);
    for (let i = n - 2; i >= 0; i--) {
      for (let b = 0; b < T; b++) ahead[b] = em[(from + i + 1) * T + b]! + bwd[(i + 1) * T + b]!;
      for (let a = 0; a < T; a++) {
        // Any tag may go on to outside or a begin-tag; a tag of a kind also to its own continue-tag.
        let best = -Infinity;
        for (let b = 0; b < T; b += b === 0 ? 1 : 2) {
          const s = trans[a * T + b]! + ahead[b]!;
          if (s > best) best = s;
        }
        if (a !== 0) {
          const c = a % 2 === 1 ? a + 1 : a;
          const s = trans[a * T + c]! + ahead[c]!;
          if (s > best) best = s;
        }
        bwd[i * T + a] = best;
      }
    }
    let best = -Infinity;
    for (let t = 0; t < T; t++) best = Math.max(best, fwd[(n - 1) * T + t]!);
    line = { from, fwd, bwd, best };
    done.set(from, line);
    return line;
  };
  return spans.map(({ start: s, end: e }) => {
    if (e <= s) return 0;
    const { from, fwd, bwd, best } = lineOf(s);
    const i = s - from;
    const j = e - 1 - from;
    let before = start[0]!;
    if (i > 0) {
      before = -Infinity;
      for (let a = 0; a < T; a++) before = Math.max(before, fwd[(i - 1) * T + a]! + trans[a * T]!);
    }
    let inside = 0;
    for (let k = s; k < e; k++) inside += em[k * T]!;
    return best - (before + inside + (e - s - 1) * trans[0]! + bwd[j * T]!);
  });
}

/** The [from, to) character ranges of a text's lines, as decode() reads them. */
export function textLines(text: string): [number, number][] {
  const out: [number, number][] = [];
  let from = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || text.charCodeAt(i) === 0x0a) {
      out.push([from, i]);
      from = i + 1;
    }
  }
  return out;
}

/** Tags for a whole text, decoded line by line (a model never links two paragraphs). */
export function decode(scorer: Scorer, text: string, f: TextFeatures): Uint8Array {
  return decodeEmissions(scorer, text, emissions(scorer, f, text.length));
}

/** decode() from emissions already scored. */
export function decodeEmissions(scorer: Scorer, text: string, em: Emissions): Uint8Array {
  const tags = new Uint8Array(text.length);
  for (const [from, to] of textLines(text)) viterbi(em, from, to, scorer.trans, scorer.start, tags);
  return tags;
}

/**
 * A trained model, read from its file, laid out for scoring (the file stays as it is; this is
 * built when it loads). Scoring a text is one table read per feature, and those reads are
 * nearly all of what the tagger costs: the table is 8 MB, far larger than the CPU's caches,
 * so each read that finds a row is a trip to memory. One-byte weights (both shipped models)
 * therefore live in the table itself: a slot is 16 bytes, four 32-bit words holding the 13
 * weights (each + 128, a byte each) and, above the last weight, the bucket: one probe reads
 * the bucket and its row from one cache line, where a table of [bucket, row] pairs and a
 * separate array of rows costs two reads. Two-byte weights keep that slower layout.
 */
export class KoreanModel implements Scorer {
  readonly hashBits: number;
  readonly trans: Float32Array;
  readonly start: Float32Array;
  readonly lexicon: Lexicon;
  readonly meta: Record<string, unknown>;
  readonly rows: number;
  private readonly scale: number;
  private readonly slotMask: number;
  private readonly mask: number;
  /** One-byte weights: 4 words a slot (see above); word 3 is -1 in an empty slot. Null for two-byte weights. */
  private readonly slots: Int32Array | null;
  /** Two-byte weights: [bucket, row] pairs (row -1 marks an empty slot) and the rows as stored. */
  private readonly table: Int32Array | null;
  private readonly weights: Int16Array | null;

  constructor(header: ModelHeader, trans: Float32Array, start: Float32Array, keys: Uint32Array, weights: Int8Array | Int16Array, lexicon: Lexicon) {
    this.hashBits = header.hashBits;
    this.trans = trans;
    this.start = start;
    this.lexicon = lexicon;
    this.meta = header.meta;
    this.scale = header.scale;
    this.mask = (1 << header.hashBits) - 1;
    this.rows = keys.length;
    let size = 1;
    while (size < keys.length * 2) size <<= 1;
    this.slotMask = size - 1;
    // The bucket shares word 3 with a weight byte: 24 bits for it.
    if (weights instanceof Int8Array && header.hashBits <= 23 && TAG_COUNT === 13) {
      const slots = new Int32Array(size * 4);
      for (let s = 3; s < slots.length; s += 4) slots[s] = -1;
      const slotMask = this.slotMask;
      // Weights + 128 as bytes, four to a word, the last word holding tag 12 and the bucket. A
      // weight's byte + 128 is its bits with the top one flipped: the stored bytes are read as
      // they are (no copy of the 3 million weights, which a cold start pays for) and flipped a word at a time.
      const u8 = new Uint8Array(weights.buffer, weights.byteOffset, weights.length);
      for (let r = 0; r < keys.length; r++) {
        let s = Math.imul(keys[r]!, 0x9e3779b1) >>> 0;
        while (slots[((s & slotMask) << 2) + 3] !== -1) s++;
        const at = (s & slotMask) << 2;
        const w = r * TAG_COUNT;
        slots[at] = (u8[w]! | (u8[w + 1]! << 8) | (u8[w + 2]! << 16) | (u8[w + 3]! << 24)) ^ 0x80808080;
        slots[at + 1] = (u8[w + 4]! | (u8[w + 5]! << 8) | (u8[w + 6]! << 16) | (u8[w + 7]! << 24)) ^ 0x80808080;
        slots[at + 2] = (u8[w + 8]! | (u8[w + 9]! << 8) | (u8[w + 10]! << 16) | (u8[w + 11]! << 24)) ^ 0x80808080;
        slots[at + 3] = (u8[w + 12]! ^ 0x80) | (keys[r]! << 8);
      }
      this.slots = slots;
      this.table = null;
      this.weights = null;
      return;
    }
    this.slots = null;
    this.weights = Int16Array.from(weights);
    const table = new Int32Array(size * 2);
    for (let k = 1; k < table.length; k += 2) table[k] = -1;
    for (let r = 0; r < keys.length; r++) {
      const slot = this.probe(keys[r]!, (at) => table[at * 2 + 1]! < 0);
      table[slot * 2] = keys[r]! | 0;
      table[slot * 2 + 1] = r;
    }
    this.table = table;
  }

  /** The first slot from `bucket`'s home on that `free` accepts (linear probing). */
  private probe(bucket: number, free: (slot: number) => boolean): number {
    for (let s = Math.imul(bucket, 0x9e3779b1) >>> 0; ; s++) if (free(s & this.slotMask)) return s & this.slotMask;
  }

  addRow(bucket: number, out: Float32Array, at: number): void {
    const scale = this.scale;
    const slots = this.slots;
    if (slots) {
      for (let s = Math.imul(bucket, 0x9e3779b1) >>> 0; ; s++) {
        const w = (s & this.slotMask) << 2;
        const last = slots[w + 3]!;
        if (last === -1) return;
        if (last >> 8 !== bucket) continue;
        for (let t = 0; t < TAG_COUNT; t++) out[at + t]! += (((slots[w + (t >> 2)]! >>> (8 * (t & 3))) & 0xff) - 128) * scale;
        return;
      }
    }
    const table = this.table!;
    for (let s = Math.imul(bucket, 0x9e3779b1) >>> 0; ; s++) {
      const slot = (s & this.slotMask) << 1;
      const r = table[slot + 1]!;
      if (r < 0) return;
      if (table[slot] !== (bucket | 0)) continue;
      for (let t = 0; t < TAG_COUNT; t++) out[at + t]! += this.weights![r * TAG_COUNT + t]! * scale;
      return;
    }
  }

  touch(ids: Uint32Array, from: number, to: number): number {
    const slots = this.slots;
    if (!slots) return 0;
    const mask = this.mask;
    const slotMask = this.slotMask;
    let sink = 0;
    for (let k = from; k < to; k++) sink ^= slots[((Math.imul(ids[k]! & mask, 0x9e3779b1) >>> 0) & slotMask) << 2]!;
    return sink;
  }

  scoreFeatures(ids: Uint32Array, from: number, to: number, out: Float32Array, at: number): void {
    const slots = this.slots;
    if (!slots) {
      for (let k = from; k < to; k++) this.addRow(ids[k]! & this.mask, out, at);
      return;
    }
    const mask = this.mask;
    const slotMask = this.slotMask;
    // Weights + 128 are bytes; spread to 16-bit lanes (even and odd bytes of a word apart) their
    // sums stay below 2^16: at most 255 a feature, and far fewer than 257 features a character.
    // a0: tags 0, 2 · a1: 1, 3 · a2: 4, 6 · a3: 5, 7 · a4: 8, 10 · a5: 9, 11 · a6: 12.
    let a0 = 0;
    let a1 = 0;
    let a2 = 0;
    let a3 = 0;
    let a4 = 0;
    let a5 = 0;
    let a6 = 0;
    let count = 0;
    for (let k = from; k < to; k++) {
      const bucket = ids[k]! & mask;
      for (let s = Math.imul(bucket, 0x9e3779b1) >>> 0; ; s++) {
        const w = (s & slotMask) << 2;
        const last = slots[w + 3]!;
        if (last >> 8 === bucket) {
          const w0 = slots[w]!;
          const w1 = slots[w + 1]!;
          const w2 = slots[w + 2]!;
          a0 = (a0 + (w0 & 0xff00ff)) | 0;
          a1 = (a1 + ((w0 >>> 8) & 0xff00ff)) | 0;
          a2 = (a2 + (w1 & 0xff00ff)) | 0;
          a3 = (a3 + ((w1 >>> 8) & 0xff00ff)) | 0;
          a4 = (a4 + (w2 & 0xff00ff)) | 0;
          a5 = (a5 + ((w2 >>> 8) & 0xff00ff)) | 0;
          a6 = (a6 + (last & 0xff)) | 0;
          count++;
          break;
        }
        if (last === -1) break;
      }
    }
    const bias = 128 * count;
    const scale = this.scale;
    out[at]! += ((a0 & 0xffff) - bias) * scale;
    out[at + 1]! += ((a1 & 0xffff) - bias) * scale;
    out[at + 2]! += ((a0 >>> 16) - bias) * scale;
    out[at + 3]! += ((a1 >>> 16) - bias) * scale;
    out[at + 4]! += ((a2 & 0xffff) - bias) * scale;
    out[at + 5]! += ((a3 & 0xffff) - bias) * scale;
    out[at + 6]! += ((a2 >>> 16) - bias) * scale;
    out[at + 7]! += ((a3 >>> 16) - bias) * scale;
    out[at + 8]! += ((a4 & 0xffff) - bias) * scale;
    out[at + 9]! += ((a5 & 0xffff) - bias) * scale;
    out[at + 10]! += ((a4 >>> 16) - bias) * scale;
    out[at + 11]! += ((a5 >>> 16) - bias) * scale;
    out[at + 12]! += (a6 - bias) * scale;
  }
}

const align4 = (n: number) => (n + 3) & ~3;

/** The model file's bytes (before compression). */
export function encodeModel(
  meta: Record<string, unknown>,
  hashBits: number,
  trans: Float32Array,
  start: Float32Array,
  keys: Uint32Array,
  rowWeights: Float32Array,
  lexiconLines: string,
  weightBytes: 1 | 2 = 1,
): Uint8Array {
  let max = 0;
  for (const w of rowWeights) max = Math.max(max, Math.abs(w));
  const levels = weightBytes === 1 ? 127 : 32767;
  const scale = max / levels || 1;
  const lexicon = new TextEncoder().encode(lexiconLines);
  const header: ModelHeader = { version: MODEL_VERSION, hashBits, tags: TAG_COUNT, rows: keys.length, weightBytes, scale, lexiconBytes: lexicon.length, meta };
  const headerBytes = new TextEncoder().encode(JSON.stringify(header));
  const T = TAG_COUNT;
  const headerEnd = align4(12 + headerBytes.length);
  const transAt = headerEnd;
  const startAt = transAt + T * T * 4;
  const keysAt = startAt + T * 4;
  const weightsAt = keysAt + keys.length * 4;
  const lexAt = align4(weightsAt + rowWeights.length * weightBytes);
  const out = new Uint8Array(lexAt + lexicon.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, MODEL_VERSION, true);
  view.setUint32(8, headerBytes.length, true);
  out.set(headerBytes, 12);
  for (let k = 0; k < T * T; k++) view.setFloat32(transAt + 4 * k, trans[k]!, true);
  for (let k = 0; k < T; k++) view.setFloat32(startAt + 4 * k, start[k]!, true);
  for (let k = 0; k < keys.length; k++) view.setUint32(keysAt + 4 * k, keys[k]!, true);
  for (let k = 0; k < rowWeights.length; k++) {
    const q = Math.max(-levels, Math.min(levels, Math.round(rowWeights[k]! / scale)));
    if (weightBytes === 1) view.setInt8(weightsAt + k, q);
    else view.setInt16(weightsAt + 2 * k, q, true);
  }
  out.set(lexicon, lexAt);
  return out;
}

/** Reads a model file's (decompressed) bytes; a ModelError says what is wrong with it. */
export function decodeModel(bytes: Uint8Array): KoreanModel {
  if (bytes.length < 12) throw new ModelError('The entity model file is empty or truncated.');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, true) !== MAGIC) throw new ModelError('The entity model file is not a Margin model.');
  const version = view.getUint32(4, true);
  if (version !== MODEL_VERSION) throw new ModelError(`The entity model file has version ${version}; this Margin reads version ${MODEL_VERSION}.`);
  const headerLength = view.getUint32(8, true);
  let header: ModelHeader;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(12, 12 + headerLength)));
  } catch {
    throw new ModelError('The entity model file has a damaged header.');
  }
  const T = TAG_COUNT;
  if (header.tags !== T || !(header.hashBits > 0 && header.hashBits <= 30) || !(header.weightBytes === 1 || header.weightBytes === 2)) {
    throw new ModelError('The entity model file was made for another tag set.');
  }
  const transAt = align4(12 + headerLength);
  const startAt = transAt + T * T * 4;
  const keysAt = startAt + T * 4;
  const weightsAt = keysAt + header.rows * 4;
  const lexAt = align4(weightsAt + header.rows * T * header.weightBytes);
  if (bytes.length !== lexAt + header.lexiconBytes) throw new ModelError('The entity model file is truncated or damaged.');
  // Copied out as whole arrays (the file is little-endian, as every engine that runs the
  // extension is; DataView reads a number at a time, seconds for a model on a busy machine).
  const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
  const copy = <A>(make: (buffer: ArrayBuffer) => A, at: number, bytesLength: number, read: () => A): A =>
    littleEndian ? make(bytes.slice(at, at + bytesLength).buffer) : read();
  const trans = copy(
    (b) => new Float32Array(b),
    transAt,
    T * T * 4,
    () => Float32Array.from({ length: T * T }, (_, k) => view.getFloat32(transAt + 4 * k, true)),
  );
  const start = copy(
    (b) => new Float32Array(b),
    startAt,
    T * 4,
    () => Float32Array.from({ length: T }, (_, k) => view.getFloat32(startAt + 4 * k, true)),
  );
  const keys = copy(
    (b) => new Uint32Array(b),
    keysAt,
    header.rows * 4,
    () => Uint32Array.from({ length: header.rows }, (_, k) => view.getUint32(keysAt + 4 * k, true)),
  );
  const weightCount = header.rows * T;
  const weights =
    header.weightBytes === 1
      ? new Int8Array(bytes.slice(weightsAt, weightsAt + weightCount).buffer)
      : copy(
          (b) => new Int16Array(b),
          weightsAt,
          weightCount * 2,
          () => Int16Array.from({ length: weightCount }, (_, k) => view.getInt16(weightsAt + 2 * k, true)),
        );
  if (![...trans, ...start, header.scale].every(Number.isFinite)) throw new ModelError('The entity model file holds invalid numbers.');
  return new KoreanModel(header, trans, start, keys, weights, parseLexicon(new TextDecoder().decode(bytes.subarray(lexAt))));
}

/**
 * Lexicon lines "form<TAB>packed[,packed…]" → lookup table. One pass over the text, each form
 * hashed once (its prefixes of 2–16 characters on the way to the whole), no string made but
 * the form: a cold start (a service worker just woken for the popup) runs this before the
 * first marks, and the plain way (split, map, a second hashing pass) cost it about 100 ms.
 */
export function parseLexicon(lines: string): Lexicon {
  const forms = new Map<string, number[]>();
  const longestFrom = new Map<number, number>();
  let prefixHashes = new Int32Array(1 << 16);
  let prefixCount = 0;
  const formHashes: number[] = [];
  let maxLength = 1;
  for (let at = 0; at < lines.length;) {
    let end = lines.indexOf('\n', at);
    if (end < 0) end = lines.length;
    const tab = lines.indexOf('\t', at);
    if (tab > at && tab < end) {
      const form = lines.slice(at, tab);
      const labels: number[] = [];
      let value = 0;
      for (let k = tab + 1; k <= end; k++) {
        const c = k < end ? lines.charCodeAt(k) : 44;
        if (c === 44) {
          labels.push(value | 0);
          value = 0;
        } else if (c >= 48 && c <= 57) value = value * 10 + (c - 48);
      }
      // A form seen again keeps its first hashes (they are the same) and takes the later labels.
      const again = forms.has(form);
      forms.set(form, labels);
      const length = form.length;
      maxLength = Math.max(maxLength, length);
      const first = form.charCodeAt(0);
      longestFrom.set(first, Math.min(16, Math.max(longestFrom.get(first) ?? 0, length)));
      let h = textHash(TEXT_HASH_SEED, first);
      for (let k = 1; k < length; k++) {
        h = textHash(h, form.charCodeAt(k));
        if (k < 16) {
          if (prefixCount === prefixHashes.length) {
            const grown = new Int32Array(prefixHashes.length * 2);
            grown.set(prefixHashes);
            prefixHashes = grown;
          }
          prefixHashes[prefixCount++] = h;
        }
      }
      if (!again) formHashes.push(h);
    }
    at = end + 1;
  }
  return {
    forms,
    maxLength: Math.min(maxLength, 16),
    longestFrom,
    prefixHashes: new HashSet32(prefixHashes.subarray(0, prefixCount), prefixCount),
    formHashes: new HashSet32(formHashes, formHashes.length),
  };
}

export { LEX_LABELS };

/** The model class by its general name: both languages' models are one. */
export { KoreanModel as TaggerModel };

/** The same model file with its header's `meta` replaced (figures recorded after training). */
export function withMeta(bytes: Uint8Array, meta: Record<string, unknown>): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = view.getUint32(8, true);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + headerLength))) as ModelHeader;
  const headerBytes = new TextEncoder().encode(JSON.stringify({ ...header, meta }));
  const rest = bytes.subarray(align4(12 + headerLength));
  const out = new Uint8Array(align4(12 + headerBytes.length) + rest.length);
  out.set(bytes.subarray(0, 8));
  new DataView(out.buffer).setUint32(8, headerBytes.length, true);
  out.set(headerBytes, 12);
  out.set(rest, align4(12 + headerBytes.length));
  return out;
}

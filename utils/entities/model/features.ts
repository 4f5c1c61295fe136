import type { EntitySpan, EntityType } from '../types';
import { isHangulCode } from '../../text/scripts';
import { TEXT_HASH_SEED, textHash } from './text-hash';
import { CUE_TEMPLATES, cuePlace, cueValuesFlat } from './cue-features';

/**
 * Features of the learned Korean tagger: for each character of a text, a list of hashed
 * feature ids. The same code serves training (scripts/train-entities.ts) and the
 * extension, so the two can never disagree. A feature is a template number and up to a
 * few character codes, mixed into a 32-bit hash; the model keeps a weight row per hash.
 *
 * Templates (position i, c = the text's characters):
 *   - characters around i (unigrams, bigrams and trigrams within ±2) and their classes;
 *   - the run i is in (a run of Hangul, Latin, Han or digits, as written without spaces),
 *     where i sits in it, its particle (딥시크가 → 가) and whether i is in the particle;
 *   - the runs before and after: their edges, whether a space separates them
 *     (the 기자 in 홍길동 기자, the 배우 in 배우 송민재, the 씨 in 김모씨);
 *   - entity forms of KLUE's training set (the lexicon) that cover i, by label and by
 *     where i falls in the match (begin, inside, end, single);
 *   - spans the rule-based recogniser found (its titles, quotations, suffixes), by type
 *     and position;
 *   - cue classes of the run and its neighbours (cue-features.ts, templates 70–77): the class
 *     of the word after (구단, 팬들, 발표했다, 이겼다) and before (걸그룹, 소속), the shape of a
 *     Latin or Hangul word, the lexicon type of a coordinated name, by place in the run.
 */

export const LEX_LABELS = ['PS', 'OG', 'LC', 'DT', 'QT', 'TI', 'XX'] as const;
export type LexLabel = (typeof LEX_LABELS)[number];

/** A lexicon: form → its labels (index into LEX_LABELS), each packed with how reliable the form is as that label. */
export interface Lexicon {
  forms: Map<string, number[]>;
  maxLength: number;
  /** The longest form starting with each character (no entry: no form starts with it). */
  longestFrom: Map<number, number>;
  /** Every beginning of every form, the whole form included (딥시, 딥시크): a match stops growing as soon as none has its text. */
  prefixes?: Set<string>;
  /**
   * The same beginnings, and the whole forms, as hashes of their characters (textHash), built
   * when the model loads: a match grows by hashing one more character instead of slicing the
   * text, and a slice is made only where a form has that hash. A hash may collide, never
   * miss, so the matches are those of the strings.
   */
  prefixHashes?: HashSet32;
  formHashes?: HashSet32;
}

export { TEXT_HASH_SEED, textHash } from './text-hash';

/** A set of 32-bit numbers in one typed array (open addressing), for lookups with no string made. */
export class HashSet32 {
  private readonly slots: Int32Array;
  private readonly mask: number;
  private hasZero = false;
  constructor(values: Iterable<number>, count: number) {
    let size = 2;
    while (size < count * 2) size <<= 1;
    this.slots = new Int32Array(size);
    this.mask = size - 1;
    for (const v of values) this.add(v);
  }
  private add(v: number): void {
    if (v === 0) {
      this.hasZero = true;
      return;
    }
    for (let s = Math.imul(v, 0x9e3779b1) >>> 0; ; s++) {
      const at = s & this.mask;
      if (this.slots[at] === v) return;
      if (this.slots[at] === 0) {
        this.slots[at] = v;
        return;
      }
    }
  }
  has(v: number): boolean {
    if (v === 0) return this.hasZero;
    for (let s = Math.imul(v, 0x9e3779b1) >>> 0; ; s++) {
      const x = this.slots[s & this.mask]!;
      if (x === v) return true;
      if (x === 0) return false;
    }
  }
}

/** Lexicon entries pack a label (low 3 bits) and a frequency bucket (next 3 bits). */
export const packLex = (label: number, bucket: number) => label | (bucket << 3);
export const lexLabel = (v: number) => v & 7;
export const lexBucket = (v: number) => v >> 3;

const enum Cls {
  Space = 0,
  Hangul = 1,
  Latin = 2,
  Han = 3,
  Digit = 4,
  Punct = 5,
  Boundary = 6,
}

function classOf(c: number): Cls {
  if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0xa0 || c === 0x3000) return Cls.Space;
  if (isHangulCode(c)) return Cls.Hangul;
  if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0xff21 && c <= 0xff5a)) return Cls.Latin;
  if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff)) return Cls.Han;
  if (c >= 0x30 && c <= 0x39) return Cls.Digit;
  return Cls.Punct;
}

// FNV-1a over 32-bit words, then a final avalanche: fast, and the same in every engine.
const FNV = 0x01000193;
export function mix(h: number, v: number): number {
  return Math.imul(h ^ v, FNV);
}
export function finish(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
export const seed = (template: number) => mix(0x811c9dc5, template);
/** seed() of the Korean templates, computed once. */
const SEED = Int32Array.from({ length: 78 }, (_, template) => seed(template));

/**
 * Particles (and copula endings) that follow a noun; longest first. A list of the model's
 * own, not lexicon-ko's PARTICLES: their positions are feature ids baked into the trained
 * weights, so this list changes only with a retrained model.
 */
const PARTICLES = [
  '으로부터',
  '에서부터',
  '에게서는',
  '이라는',
  '이라고',
  '에서는',
  '에게는',
  '으로는',
  '으로서',
  '으로써',
  '이었다',
  '이라며',
  '께서는',
  '에서',
  '에게',
  '으로',
  '부터',
  '까지',
  '처럼',
  '보다',
  '이나',
  '라는',
  '라고',
  '하고',
  '와의',
  '과의',
  '에는',
  '에도',
  '로서',
  '로써',
  '께서',
  '이다',
  '였다',
  '이며',
  '이고',
  '조차',
  '마저',
  '밖에',
  '한테',
  '의',
  '은',
  '는',
  '이',
  '가',
  '을',
  '를',
  '에',
  '와',
  '과',
  '도',
  '로',
  '만',
  '씨',
  '측',
  '님',
  '들',
];
const MAX_PARTICLE = 4;
const PARTICLE_ID = new Map(PARTICLES.map((p, k) => [p, k + 1]));

/** The particle at the end of a Hangul run, as [id, length]; [0, 0] when none. */
function particleOf(text: string, start: number, end: number): [number, number] {
  for (let len = Math.min(MAX_PARTICLE, end - start - 1); len >= 1; len--) {
    const id = PARTICLE_ID.get(text.slice(end - len, end));
    if (id) return [id, len];
  }
  return [0, 0];
}

interface Run {
  start: number;
  end: number;
  cls: Cls;
  /** Whether a space (or the text's edge) lies before / after the run. */
  spaceBefore: boolean;
  spaceAfter: boolean;
  particle: number;
  particleLength: number;
}

function runsOf(text: string, cls: Uint8Array): { runs: Run[]; runAt: Int32Array } {
  const runs: Run[] = [];
  const runAt = new Int32Array(text.length).fill(-1);
  let i = 0;
  while (i < text.length) {
    const c = cls[i] as Cls; // cls holds Cls values; i < text.length
    if (c === Cls.Space) {
      i++;
      continue;
    }
    let j = i + 1;
    if (c !== Cls.Punct) while (j < text.length && cls[j] === c) j++;
    const [particle, particleLength] = c === Cls.Hangul ? particleOf(text, i, j) : [0, 0];
    const spaceBefore = i === 0 || cls[i - 1] === Cls.Space;
    runs.push({ start: i, end: j, cls: c, spaceBefore, spaceAfter: j >= text.length || cls[j] === Cls.Space, particle, particleLength });
    runAt.fill(runs.length - 1, i, j);
    i = j;
  }
  return { runs, runAt };
}

/** Hash of text[start, end) (at most 6 characters) for the run templates. */
function hashSlice(h: number, text: string, start: number, end: number): number {
  const stop = Math.min(end, start + 6);
  for (let k = start; k < stop; k++) h = mix(h, text.charCodeAt(k));
  return mix(h, end - start);
}

const RULE_TYPES: EntityType[] = ['person', 'org', 'place', 'date', 'money', 'percent'];

/** At most this many lexicon marks a character (the first ones found). */
const MAX_MARKS = 6;

/** A character's marks, unless it has MAX_MARKS already or this one. */
function addMark(marks: Int32Array, count: Uint8Array, i: number, v: number): void {
  const c = count[i]!;
  if (c >= MAX_MARKS) return;
  const at = i * MAX_MARKS;
  for (let k = 0; k < c; k++) if (marks[at + k] === v) return;
  marks[at + c] = v;
  count[i] = c + 1;
}

/** lexicon.longestFrom as a table by character code (0: no form starts with it), made once a lexicon. */
const longestTables = new WeakMap<Map<number, number>, { size: number; table: Int32Array }>();
function longestTable(longestFrom: Map<number, number>): Int32Array {
  let t = longestTables.get(longestFrom);
  if (!t || t.size !== longestFrom.size) {
    const table = new Int32Array(0x10000);
    for (const [c, len] of longestFrom) if (Number.isInteger(c) && c >= 0 && c < 0x10000) table[c] = Math.max(-1, Math.min(len, 0x7fffffff));
    t = { size: longestFrom.size, table };
    longestTables.set(longestFrom, t);
  }
  return t.table;
}

/**
 * Lexicon matches as begin/inside/end/single marks per character and label: the marks of
 * character i are marks[i * MAX_MARKS .. + count[i]), in the order they were found.
 */
function lexiconMarks(text: string, cls: Uint8Array, lexicon: Lexicon | null): { marks: Int32Array; count: Uint8Array } {
  const n = text.length;
  const marks = new Int32Array(lexicon ? n * MAX_MARKS : 0);
  const count = new Uint8Array(n);
  if (!lexicon) return { marks, count };
  const longestFrom = longestTable(lexicon.longestFrom);
  const prefixes = lexicon.prefixes;
  const prefixHashes = lexicon.prefixHashes;
  const formHashes = lexicon.formHashes;
  for (let s = 0; s < n; s++) {
    if (cls[s] === Cls.Space || cls[s] === Cls.Punct) continue;
    // A match starts where a run starts, or (for Hangul) anywhere inside a run: compounds.
    const atRunStart = s === 0 || cls[s - 1] !== cls[s];
    const longest = longestFrom[text.charCodeAt(s)]!;
    if (longest <= 0) continue;
    const limit = Math.min(n, s + longest);
    let h = textHash(TEXT_HASH_SEED, text.charCodeAt(s));
    for (let e = s + 1; e <= limit; e++) {
      if (e - s > 1) {
        h = textHash(h, text.charCodeAt(e - 1));
        if (prefixHashes ? !prefixHashes.has(h) : prefixes && !prefixes.has(text.slice(s, e))) break;
      }
      // Forms may hold a space (지난 1일), never start or end on one.
      if (cls[e - 1] === Cls.Space) {
        if (cls[e - 2] === Cls.Space) break;
        continue;
      }
      if (e - s < 2 && cls[s] === Cls.Hangul) continue;
      if (formHashes && !formHashes.has(h)) continue;
      const labels = lexicon.forms.get(text.slice(s, e));
      if (labels === undefined) continue;
      const atRunEnd = e >= n || cls[e] !== cls[e - 1];
      for (const v of labels) {
        const label = lexLabel(v);
        const bucket = lexBucket(v);
        // position: 0 begin, 1 inside, 2 end, 3 single; alignment: run start/end flags.
        const align = (atRunStart ? 1 : 0) | (atRunEnd ? 2 : 0);
        if (e - s === 1) addMark(marks, count, s, (label << 10) | (3 << 6) | (align << 3) | bucket);
        else {
          addMark(marks, count, s, (label << 10) | (0 << 6) | (align << 3) | bucket);
          for (let k = s + 1; k < e - 1; k++) addMark(marks, count, k, (label << 10) | (1 << 6) | (align << 3));
          addMark(marks, count, e - 1, (label << 10) | (2 << 6) | (align << 3) | bucket);
        }
      }
    }
  }
  return { marks, count };
}

/** The features of every character, flattened: ids[offsets[i] .. offsets[i + 1]). */
export interface TextFeatures {
  ids: Uint32Array;
  offsets: Uint32Array;
}

/** Raw (unfinished) hashes of extractFeatures, kept between calls up to this many. */
const SCRATCH_KEEP = 1 << 20;
let scratch = new Int32Array(0);

/**
 * Feature ids (unmasked 32-bit hashes) for each character of `text`. `rules` are the
 * spans the rule-based recogniser found in the same text.
 *
 * Written for speed (issue 19), with the ids and their order exactly those of the templates
 * above: what depends only on a run (its stem's hash, the runs around it, its cue classes) is
 * hashed once a run, not once a character; the characters and their classes sit in arrays
 * padded at both ends (no bounds test per read); and the hashes are mixed first and finished
 * in one tight pass at the end, into an array of exactly their number.
 */
export function extractFeatures(text: string, lexicon: Lexicon | null, rules: readonly EntitySpan[]): TextFeatures {
  const n = text.length;
  // code[i + 2] and pcls[i + 2] are character i's code and class; two of padding each side
  // (0xffff and Boundary) stand for the text's edges.
  const code = new Int32Array(n + 4);
  const pcls = new Uint8Array(n + 4);
  const cls = new Uint8Array(n);
  code[0] = code[1] = code[n + 2] = code[n + 3] = 0xffff;
  pcls[0] = pcls[1] = pcls[n + 2] = pcls[n + 3] = Cls.Boundary;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    const k = classOf(c);
    code[i + 2] = c;
    cls[i] = k;
    pcls[i + 2] = k;
  }
  const { runs, runAt } = runsOf(text, cls);
  const lex = lexiconMarks(text, cls, lexicon);
  const cues = cueValuesFlat(text, runs, lexicon);
  const rule = new Int16Array(n).fill(-1);
  for (const s of rules) {
    const t = RULE_TYPES.indexOf(s.type);
    if (t < 0) continue;
    for (let k = s.start; k < s.end && k < n; k++) rule[k] = (t << 2) | (k === s.start ? 0 : k === s.end - 1 ? 2 : 1);
  }
  // Each run's stem hashed as the three templates that read it (23/44 its own, 32/44 as the run before, 37 as the run after).
  const R = runs.length;
  const stem24 = new Int32Array(R);
  const stem33 = new Int32Array(R);
  const stem38 = new Int32Array(R);
  for (let r = 0; r < R; r++) {
    const run = runs[r]!;
    const stemEnd = run.end - run.particleLength;
    stem24[r] = hashSlice(SEED[24]!, text, run.start, stemEnd);
    stem33[r] = hashSlice(SEED[33]!, text, run.start, stemEnd);
    stem38[r] = hashSlice(SEED[38]!, text, run.start, stemEnd);
  }

  // At most 15 + 15 + 13 + 1 + 8 cue classes = 52 features a character (templates below).
  const need = n * 52 + 1;
  let raw = scratch;
  if (raw.length < need) {
    raw = new Int32Array(need);
    if (need <= SCRATCH_KEEP) scratch = raw;
  }
  let count = 0;
  const offsets = new Uint32Array(n + 1);
  // What the current run gives every character of it (templates 25, 30–44 and the cue classes).
  let lastRun = -1;
  let run: Run = runs[0]!;
  let stemEnd = 0;
  let stemLen = 0;
  let h23 = 0;
  let f25 = 0;
  let f30 = 0;
  let f31 = 0;
  let f32 = 0;
  let f44 = 0;
  let f35 = 0;
  let f36 = 0;
  let f37 = 0;
  let f39 = 0;
  let f41 = 0;
  let f42 = 0;
  let hasPrev = false;
  let hasNext = false;
  const SEED0 = SEED[0]!;
  for (let i = 0; i < n; i++) {
    offsets[i] = count;
    const p = i + 2;
    const c0 = code[p]!;
    const cm1 = code[p - 1]!;
    const cm2 = code[p - 2]!;
    const cp1 = code[p + 1]!;
    const cp2 = code[p + 2]!;
    // mix() written out (Math.imul is no call): these run for every character.
    raw[count++] = SEED0;
    raw[count++] = Math.imul(SEED[1]! ^ c0, FNV);
    raw[count++] = Math.imul(SEED[2]! ^ cm1, FNV);
    raw[count++] = Math.imul(SEED[3]! ^ cp1, FNV);
    raw[count++] = Math.imul(SEED[4]! ^ cm2, FNV);
    raw[count++] = Math.imul(SEED[5]! ^ cp2, FNV);
    raw[count++] = Math.imul(Math.imul(SEED[6]! ^ cm1, FNV) ^ c0, FNV);
    raw[count++] = Math.imul(Math.imul(SEED[7]! ^ c0, FNV) ^ cp1, FNV);
    raw[count++] = Math.imul(Math.imul(SEED[8]! ^ cm2, FNV) ^ cm1, FNV);
    raw[count++] = Math.imul(Math.imul(SEED[9]! ^ cp1, FNV) ^ cp2, FNV);
    raw[count++] = Math.imul(Math.imul(Math.imul(SEED[10]! ^ cm1, FNV) ^ c0, FNV) ^ cp1, FNV);
    raw[count++] = Math.imul(Math.imul(Math.imul(SEED[11]! ^ cm2, FNV) ^ cm1, FNV) ^ c0, FNV);
    raw[count++] = Math.imul(Math.imul(Math.imul(SEED[12]! ^ c0, FNV) ^ cp1, FNV) ^ cp2, FNV);
    const k0 = pcls[p]!;
    const km1 = pcls[p - 1]!;
    const kp1 = pcls[p + 1]!;
    raw[count++] = Math.imul(Math.imul(Math.imul(SEED[13]! ^ km1, FNV) ^ k0, FNV) ^ kp1, FNV);
    raw[count++] = Math.imul(Math.imul(Math.imul(Math.imul(Math.imul(SEED[14]! ^ pcls[p - 2]!, FNV) ^ km1, FNV) ^ k0, FNV) ^ kp1, FNV) ^ pcls[p + 2]!, FNV);

    const r = runAt[i]!;
    if (r >= 0) {
      if (r !== lastRun) {
        lastRun = r;
        run = runs[r]!;
        stemEnd = run.end - run.particleLength;
        stemLen = Math.min(stemEnd - run.start, 8);
        h23 = stem24[r]!;
        const sb = run.spaceBefore ? 1 : 0;
        const sa = run.spaceAfter ? 1 : 0;
        f25 = mix(mix(SEED[25]!, sb), sa);
        // The runs around this one: the words before and after a name are its best evidence.
        hasPrev = r > 0;
        if (hasPrev) {
          const prev = runs[r - 1]!;
          const pe = prev.end + 2;
          f30 = mix(mix(mix(SEED[30]!, code[pe - 1]!), prev.cls), sb);
          f31 = mix(mix(SEED[31]!, code[pe - 2]!), code[pe - 1]!);
          f32 = mix(mix(SEED[32]!, stem33[r - 1]!), sb);
          f44 = mix(mix(SEED[44]!, stem33[r - 1]!), h23);
        }
        hasNext = r + 1 < R;
        if (hasNext) {
          const next = runs[r + 1]!;
          const ns = next.start + 2;
          f35 = mix(mix(mix(SEED[35]!, code[ns]!), next.cls), sa);
          f36 = mix(mix(SEED[36]!, code[ns]!), code[ns + 1]!);
          f37 = mix(mix(SEED[37]!, stem38[r + 1]!), sa);
          f39 = mix(mix(SEED[39]!, next.particle), next.cls);
        }
        if (r > 1) {
          const e = runs[r - 2]!.end + 2;
          f41 = mix(mix(SEED[41]!, code[e - 1]!), code[e - 2]!);
        }
        if (r + 2 < R) {
          const s = runs[r + 2]!.start + 2;
          f42 = mix(mix(SEED[42]!, code[s]!), code[s + 1]!);
        }
      }
      const pos = i - run.start;
      const fromEnd = run.end - 1 - i;
      const inParticle = i >= stemEnd ? 1 : 0;
      const place = pos === 0 ? (fromEnd === 0 ? 3 : 0) : fromEnd === 0 ? 2 : 1;
      raw[count++] = mix(mix(mix(SEED[20]!, Math.min(pos, 5)), Math.min(fromEnd, 5)), run.cls);
      raw[count++] = mix(mix(mix(SEED[21]!, inParticle), run.particle), place);
      raw[count++] = mix(mix(mix(mix(SEED[22]!, c0), Math.min(pos, 4)), stemLen), inParticle);
      raw[count++] = mix(mix(SEED[23]!, h23), Math.min(pos, 7));
      raw[count++] = f25;
      if (hasPrev) {
        raw[count++] = f30;
        raw[count++] = mix(f31, inParticle);
        raw[count++] = f32;
        raw[count++] = mix(f44, Math.min(pos, 3));
      } else raw[count++] = SEED[34]!;
      if (hasNext) {
        raw[count++] = f35;
        raw[count++] = mix(f36, inParticle);
        raw[count++] = mix(f37, inParticle);
        raw[count++] = f39;
      } else raw[count++] = SEED[40]!;
      if (r > 1) raw[count++] = f41;
      if (r + 2 < R) raw[count++] = f42;
    } else raw[count++] = SEED[43]!;

    const marks = lex.count[i]!;
    if (marks) {
      for (let k = i * MAX_MARKS; k < i * MAX_MARKS + marks; k++) {
        const m = lex.marks[k]!;
        raw[count++] = mix(SEED[50]!, m);
        raw[count++] = mix(SEED[51]!, m >> 3);
      }
      raw[count++] = mix(SEED[52]!, marks);
    }
    if (rule[i]! >= 0) raw[count++] = mix(SEED[60]!, rule[i]!);

    // Cue classes (cue-features.ts; templates 70–77, issue 19): each non-zero value of the run, with the character's place in it.
    if (r >= 0) {
      const place = cuePlace(i - run.start, stemEnd - run.start, i >= stemEnd);
      for (let t = 0, at = r * CUE_TEMPLATES; t < CUE_TEMPLATES; t++, at++) {
        const v = cues[at]!;
        if (v) raw[count++] = mix(mix(SEED[70 + t]!, v), place);
      }
    }
  }
  offsets[n] = count;
  return { ids: finishAll(raw, count), offsets };
}

/** The first `count` raw hashes finished, in an array of their own. */
function finishAll(raw: Int32Array, count: number): Uint32Array {
  const ids = new Uint32Array(count);
  for (let k = 0; k < count; k++) ids[k] = finish(raw[k]!);
  return ids;
}

// --- Tags ---------------------------------------------------------------------------

/** Entity kinds the model tags, in tag order: tag 0 is outside, 2k+1 begins kind k, 2k+2 continues it. */
export const MODEL_TYPES: EntityType[] = ['person', 'org', 'place', 'date', 'money', 'percent'];
export const TAG_COUNT = MODEL_TYPES.length * 2 + 1;

/** Gold spans as a tag per character. */
export function spansToTags(length: number, spans: readonly { start: number; end: number; type: EntityType }[]): Uint8Array {
  const tags = new Uint8Array(length);
  for (const s of spans) {
    const k = MODEL_TYPES.indexOf(s.type);
    if (k < 0) continue;
    tags[s.start] = 2 * k + 1;
    for (let i = s.start + 1; i < s.end; i++) tags[i] = 2 * k + 2;
  }
  return tags;
}

/** Tags back to spans (a continue-tag without its begin starts a span). */
export function tagsToSpans(text: string, tags: ArrayLike<number>): EntitySpan[] {
  const out: EntitySpan[] = [];
  let open = -1;
  let kind = -1;
  const close = (end: number) => {
    if (open < 0) return;
    let s = open;
    let e = end;
    while (s < e && /\s/.test(text[s]!)) s++;
    while (e > s && /\s/.test(text[e - 1]!)) e--;
    if (e > s) out.push({ start: s, end: e, text: text.slice(s, e), type: MODEL_TYPES[kind]! });
    open = -1;
  };
  for (let i = 0; i < tags.length; i++) {
    const t = tags[i]!;
    if (t === 0) close(i);
    else {
      const k = (t - 1) >> 1;
      if (t % 2 === 1 || open < 0 || k !== kind) {
        close(i);
        open = i;
        kind = k;
      }
    }
  }
  close(tags.length);
  return out;
}

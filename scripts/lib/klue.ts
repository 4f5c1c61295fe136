import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EntitySpan, EntityType } from '../../utils/entities';

/**
 * KLUE-NER sentences in ../shared/corpus/klue-ner (CC BY-SA 4.0; see its README): the `fit`
 * split to learn from, the `test` split only to report. Scored sentence by sentence: a
 * prediction is right when start, end and type equal a gold span's; one overlapping a
 * neutral span (times, other quantities) is neither right nor wrong.
 */
export interface KlueSentence {
  id: string;
  genre: 'wikitree' | 'nsmc';
  /** `train`: KLUE's own train set, converted by scripts/convert-klue-train.ts (never in ../shared's dev file). */
  split: 'fit' | 'test' | 'train';
  text: string;
  spans: { start: number; end: number; type: EntityType; tag: string }[];
  neutral: { start: number; end: number; tag: string }[];
}

export const klueDir = (shared: string) => join(shared, 'corpus/klue-ner');

export function loadKlue(shared: string): KlueSentence[] {
  return readJsonl(join(klueDir(shared), 'sentences.jsonl'));
}

const readJsonl = (path: string): KlueSentence[] =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as KlueSentence);

/**
 * Where KLUE's own train set lives once converted (scripts/convert-klue-train.ts): placed in
 * ../shared/corpus/klue-ner-train by the CEO, or in the git-ignored .data/klue-ner-train of
 * this checkout. It is data brought from outside and never committed.
 */
export function klueTrainFile(shared: string, root: string): string | null {
  for (const dir of [join(shared, 'corpus/klue-ner-train'), join(root, '.data/klue-ner-train')]) {
    const path = join(dir, 'sentences.jsonl');
    if (existsSync(path)) return path;
  }
  return null;
}

/** KLUE's train set, converted, or null when it is not on this machine. */
export function loadKlueTrain(shared: string, root: string): { path: string; sentences: KlueSentence[] } | null {
  const path = klueTrainFile(shared, root);
  return path ? { path, sentences: readJsonl(path) } : null;
}

// An amount ends in its currency (4천500만원, 10억 위안) or starts with its symbol ($30): 넘버원,
// 5000원권 (a banknote) and 3억원대 (a range) are other quantities.
const CURRENCY = /(?:[\d.,천만억조백십여]\s*[가-힣]{0,4}?(?:원|달러|불|엔|위안|유로|파운드|루블|페소|루피|바트|홍콩달러|프랑)$)|^[$₩€£¥]\s*\d/;
const PERCENT = /(?:%|％|퍼센트|프로)(?:포인트)?$/;

/**
 * Spans from one sentence's per-character BIO tags (KLUE's TSV), in Margin's types: PS
 * person, OG org, LC place, DT date; a QT with a currency is money, one with % / 퍼센트 /
 * 프로 a percent; TI and the other QTs are neutral (neither right nor wrong when scoring).
 */
export function klueSpansFromTags(text: string, tags: readonly string[]): Pick<KlueSentence, 'spans' | 'neutral'> {
  const spans: KlueSentence['spans'] = [];
  const neutral: KlueSentence['neutral'] = [];
  // Offsets are UTF-16 units: the TSV has one line per code point.
  const at: number[] = [];
  let offset = 0;
  for (const ch of text) {
    at.push(offset);
    offset += ch.length;
  }
  at.push(offset);
  let open = -1;
  let tag = '';
  const close = (end: number) => {
    if (open < 0) return;
    let start = at[open]!;
    let stop = at[end]!;
    while (start < stop && /\s/.test(text[start]!)) start++;
    while (stop > start && /\s/.test(text[stop - 1]!)) stop--;
    const surface = text.slice(start, stop);
    const kind: Record<string, EntityType> = { PS: 'person', OG: 'org', LC: 'place', DT: 'date' };
    if (kind[tag]) spans.push({ start, end: stop, type: kind[tag]!, tag });
    else if (tag === 'QT' && PERCENT.test(surface)) spans.push({ start, end: stop, type: 'percent', tag });
    else if (tag === 'QT' && CURRENCY.test(surface)) spans.push({ start, end: stop, type: 'money', tag });
    else neutral.push({ start, end: stop, tag });
    open = -1;
  };
  tags.forEach((t, i) => {
    const m = /^([BI])-(\w+)$/.exec(t);
    if (!m) return close(i);
    if (m[1] === 'B' || open < 0 || m[2] !== tag) {
      close(i);
      open = i;
      tag = m[2]!;
    }
  });
  close(tags.length);
  return { spans, neutral };
}

/**
 * KLUE's TSV: a header line "## <id>\t<sentence with <entity:TAG> marks>" per sentence, then
 * one "character\tBIO tag" line per character (spaces included), then a blank line.
 */
export function parseKlueTsv(tsv: string, split: KlueSentence['split'] = 'train'): KlueSentence[] {
  const out: KlueSentence[] = [];
  let id: string | null = null;
  let chars: string[] = [];
  let tags: string[] = [];
  const flush = () => {
    if (id && chars.length) {
      const text = chars.join('');
      out.push({ id, genre: id.endsWith('-nsmc') ? 'nsmc' : 'wikitree', split, text, ...klueSpansFromTags(text, tags) });
    }
    id = null;
    chars = [];
    tags = [];
  };
  for (const raw of tsv.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const header = /^## (klue-ner-\S+)\t/.exec(line);
    if (header) {
      flush();
      id = header[1]!;
      continue;
    }
    if (!id || line.startsWith('## ')) continue;
    if (line === '') {
      flush();
      continue;
    }
    const tab = line.lastIndexOf('\t');
    if (tab < 0) continue;
    chars.push(line.slice(0, tab));
    tags.push(line.slice(tab + 1).trim());
  }
  flush();
  return out;
}

export const SCORED_TYPES: EntityType[] = ['person', 'org', 'place', 'date', 'money', 'percent'];

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export interface KlueScore {
  /** Typed exact match, per type and over all ('all'). */
  exact: Map<EntityType | 'all', Counts>;
  /** Typed overlap: a prediction overlapping a gold span of its type. */
  overlap: Map<EntityType | 'all', Counts>;
}

const newCounts = () => new Map<EntityType | 'all', Counts>([...SCORED_TYPES, 'all' as const].map((t) => [t, { tp: 0, fp: 0, fn: 0 }]));
export const emptyScore = (): KlueScore => ({ exact: newCounts(), overlap: newCounts() });

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;

/** Gold spans with offsets, KLUE's or any corpus' mapped to Margin's types. */
export interface SpanGold {
  spans: readonly { start: number; end: number; type: EntityType }[];
  neutral: readonly { start: number; end: number }[];
}

/** Adds one sentence's predictions to `score`. */
export function scoreSentence(score: KlueScore, sentence: SpanGold, predicted: readonly Pick<EntitySpan, 'start' | 'end' | 'type'>[]): void {
  const preds = predicted.filter((p) => SCORED_TYPES.includes(p.type));
  const gold = sentence.spans.filter((g) => SCORED_TYPES.includes(g.type));
  const add = (m: Map<EntityType | 'all', Counts>, type: EntityType, key: keyof Counts) => {
    m.get(type)![key]++;
    m.get('all')![key]++;
  };
  for (const p of preds) {
    const exact = gold.some((g) => g.start === p.start && g.end === p.end && g.type === p.type);
    const over = gold.some((g) => g.type === p.type && overlaps(g, p));
    const neutral = sentence.neutral.some((n) => overlaps(n, p));
    if (exact) add(score.exact, p.type, 'tp');
    else if (!neutral) add(score.exact, p.type, 'fp');
    if (over) add(score.overlap, p.type, 'tp');
    else if (!neutral && !exact) add(score.overlap, p.type, 'fp');
  }
  for (const g of gold) {
    if (!preds.some((p) => g.start === p.start && g.end === p.end && g.type === p.type)) add(score.exact, g.type, 'fn');
    if (!preds.some((p) => g.type === p.type && overlaps(g, p))) add(score.overlap, g.type, 'fn');
  }
}

export function prf(c: Counts): { p: number; r: number; f1: number } {
  const p = c.tp + c.fp ? c.tp / (c.tp + c.fp) : 0;
  const r = c.tp + c.fn ? c.tp / (c.tp + c.fn) : 0;
  return { p, r, f1: p + r ? (2 * p * r) / (p + r) : 0 };
}

/** Score rows as text: one line per type, exact and overlap P/R/F1. */
export function formatScore(label: string, score: KlueScore): string {
  const pct = (n: number) => (n * 100).toFixed(1).padStart(5);
  const lines = [`${label}`];
  for (const type of ['all' as const, ...SCORED_TYPES]) {
    const e = prf(score.exact.get(type)!);
    const o = prf(score.overlap.get(type)!);
    const c = score.exact.get(type)!;
    if (type !== 'all' && c.tp + c.fn + c.fp === 0) continue;
    lines.push(
      `  ${type.padEnd(8)} exact P ${pct(e.p)} R ${pct(e.r)} F1 ${pct(e.f1)} │ overlap P ${pct(o.p)} R ${pct(o.r)} F1 ${pct(o.f1)} │ gold ${c.tp + c.fn}`,
    );
  }
  return lines.join('\n');
}

/** Micro F1 (typed exact) over all types, and per type, as plain numbers for reports. */
export function summary(score: KlueScore): Record<string, number> {
  const out: Record<string, number> = {};
  for (const type of ['all' as const, ...SCORED_TYPES]) out[type] = Math.round(prf(score.exact.get(type)!).f1 * 10000) / 10000;
  return out;
}

/** A sentence's errors as lines: "- gold missed", "+ wrong prediction", with the sentence. */
export function sentenceErrors(sentence: KlueSentence, predicted: readonly Pick<EntitySpan, 'start' | 'end' | 'type'>[]): string[] {
  const out: string[] = [];
  const show = (s: { start: number; end: number; type: EntityType }) => `${sentence.text.slice(s.start, s.end)}/${s.type}`;
  const preds = predicted.filter((p) => SCORED_TYPES.includes(p.type));
  for (const g of sentence.spans) if (!preds.some((p) => p.start === g.start && p.end === g.end && p.type === g.type)) out.push(`- ${show(g)}`);
  for (const p of preds) {
    const right = sentence.spans.some((g) => p.start === g.start && p.end === g.end && p.type === g.type);
    if (!right && !sentence.neutral.some((n) => overlaps(n, p))) out.push(`+ ${show(p)}`);
  }
  return out.length ? [`# ${sentence.text}`, ...out] : [];
}

import { readFileSync } from 'node:fs';
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
  split: 'fit' | 'test';
  text: string;
  spans: { start: number; end: number; type: EntityType; tag: string }[];
  neutral: { start: number; end: number; tag: string }[];
}

export const klueDir = (shared: string) => join(shared, 'corpus/klue-ner');

export function loadKlue(shared: string): KlueSentence[] {
  return readFileSync(join(klueDir(shared), 'sentences.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as KlueSentence);
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

/** Adds one sentence's predictions to `score`. */
export function scoreSentence(
  score: KlueScore,
  sentence: { spans: readonly { start: number; end: number; type: EntityType }[]; neutral: readonly { start: number; end: number }[] },
  predicted: readonly Pick<EntitySpan, 'start' | 'end' | 'type'>[],
): void {
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

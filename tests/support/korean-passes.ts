import { expect } from 'vitest';
import { analyzeKorean, markNames, type KoreanTraceEvent } from '../../utils/entities/korean';
import type { EntityType } from '../../utils/entities';

/**
 * The Korean rules run with a tracer, for the per-pass case tables in tests/unit/entities-korean/:
 * what each pass and rule found (`name:type` pairs, from the trace) and what the rules decided in
 * the end (the resolved types and the spans markNames marks).
 */
export function runKorean(text: string) {
  const events: KoreanTraceEvent[] = [];
  const result = analyzeKorean(text, { trace: (e) => events.push(e) });
  return {
    events,
    /** `name:type` of every piece of evidence `pass` (and `rule`, if given) added. */
    foundBy: (pass: string, rule?: string) => events.filter((e) => e.pass === pass && (!rule || e.rule === rule)).map((e) => `${e.name}:${e.type}`),
    types: result.types,
    spans: markNames(text, result).map((s) => `${s.text}:${s.type}`),
  };
}

/** A case of a pass's table: in `text`, `rule` finds `name` to be a `type`, and the rules end with `name` of that type. */
export type PassCase = [text: string, rule: string, name: string, type: EntityType];

/** Checks one row of a pass's case table. */
export function expectFound(pass: string, [text, rule, name, type]: PassCase): void {
  const run = runKorean(text);
  expect(run.foundBy(pass, rule)).toContain(`${name}:${type}`);
  expect(run.types.get(name)).toBe(type);
}

/** Checks that `pass` adds no evidence at all in `text`. */
export function expectNothingFound(pass: string, text: string): void {
  expect(runKorean(text).foundBy(pass)).toEqual([]);
}

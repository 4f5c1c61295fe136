import { analyzeKorean, type KoreanTraceEvent } from '../../utils/entities/korean';

/**
 * MARGIN_TRACE_ENTITIES=1: which rule gave which name its type. The product never reads the
 * environment; scripts read it here and pass a tracer to the Korean rules (analyzeKorean's
 * `trace` option), which report every piece of evidence with the pass and rule that found it.
 */
export const tracingEntities = (): boolean => !!process.env.MARGIN_TRACE_ENTITIES;

/** One line of the trace: `정민호 person +3 ← titles/after`. */
export const formatTraceEvent = ({ name, type, weight, pass, rule }: KoreanTraceEvent): string => `${name} ${type} +${weight} ← ${pass}/${rule}`;

/** Prints the rules' evidence for `text` to stderr under `label`, when MARGIN_TRACE_ENTITIES is set. */
export function traceKoreanRules(label: string, text: string): void {
  if (!tracingEntities()) return;
  const lines: string[] = [];
  analyzeKorean(text, { trace: (event) => lines.push(formatTraceEvent(event)) });
  console.error(`--- ${label}\n${lines.join('\n')}`);
}

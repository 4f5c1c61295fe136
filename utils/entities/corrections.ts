import { normalizeName, type EntityCorrection, type EntitySpan } from './types';
import { isWordChar } from '../text/scripts';

/**
 * Apply the reader's corrections: drop spans the reader removed, retype the ones they
 * retyped, and mark every mention of names they added (a Korean particle may follow).
 */
export function applyCorrections(text: string, spans: EntitySpan[], corrections: readonly EntityCorrection[]): EntitySpan[] {
  if (!corrections.length) return spans;
  const byText = new Map<string, EntityCorrection>();
  for (const c of corrections) byText.set(normalizeName(c.text), c);
  const out: EntitySpan[] = [];
  for (const span of spans) {
    const c = byText.get(normalizeName(span.text));
    if (!c) out.push(span);
    else if (c.action === 'set') out.push({ ...span, type: c.type });
  }
  for (const c of corrections) {
    if (c.action !== 'set') continue;
    const name = normalizeName(c.text);
    if (!name) continue;
    for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
      const end = at + name.length;
      if (isWordChar(text[at - 1]) && isWordChar(name[0])) continue;
      // Latin names must end a word; Hangul ones may take a particle.
      if (/[A-Za-z0-9]$/.test(name) && /[A-Za-z0-9]/.test(text[end] ?? '')) continue;
      if (out.some((s) => s.start < end && at < s.end)) {
        // A corrected name replaces what the recogniser had there.
        for (let k = out.length - 1; k >= 0; k--) {
          const s = out[k]!; // k counts down from the last index
          if (s.start < end && at < s.end) out.splice(k, 1);
        }
      }
      out.push({ start: at, end, text: name, type: c.type });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/**
 * A selector kept from an imported file, in the form the W3C model requires. Hypothesis writes its
 * RangeSelector with DOM fields (`startContainer`, `startOffset`, `endContainer`, `endOffset`);
 * W3C §4.2.8 wants `startSelector` and `endSelector`: XPath selectors, each refined by the offset
 * as a zero-width TextPositionSelector: the same four values, in the standard's shape. Converted
 * on import (utils/export/import/) and again on export, for highlights imported before. Any
 * other selector is returned as it came.
 */
export function w3cSelector(s: unknown): unknown {
  if (!s || typeof s !== 'object' || Array.isArray(s)) return s;
  const r = s as Record<string, unknown>;
  if (r.type !== 'RangeSelector' || r.startSelector !== undefined || typeof r.startContainer !== 'string' || typeof r.endContainer !== 'string') return s;
  const point = (container: string, offset: unknown) => ({
    type: 'XPathSelector',
    value: container,
    ...(typeof offset === 'number' ? { refinedBy: { type: 'TextPositionSelector', start: offset, end: offset } } : {}),
  });
  return { type: 'RangeSelector', startSelector: point(r.startContainer, r.startOffset), endSelector: point(r.endContainer, r.endOffset) };
}

import type { HighlightRecord } from '../db/schema';

// Small and free of the validator, so the library page's writes can use them without loading it.

/** A stable id for things imported from other tools, so importing twice does not duplicate. */
export function stableId(key: string): string {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < key.length; i++) {
    const k = key.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  const hex = [h1, h2, h3, h4].map((h) => (h >>> 0).toString(16).padStart(8, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** What makes two highlights the same one, whatever their ids: the page (its URL, normalised already), the quote and where it stands. */
export function contentKey(a: Pick<HighlightRecord, 'url' | 'quote' | 'selectors'>): string {
  const p = a.selectors.position;
  return `${a.url}\u0000${a.quote}\u0000${p ? `${p.start}-${p.end}` : '-'}`;
}

/**
 * Characters of reading, with CJK characters counted double (they carry about a word
 * each); white space does not count. A plain loop: this runs over whole articles.
 */
export function readingWeight(text: string): number {
  let weight = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c <= 0x20 || c === 0xa0) continue;
    weight +=
      (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0x4e00 && c <= 0x9fff) ||
      (c >= 0x3040 && c <= 0x30ff) ||
      (c >= 0x3400 && c <= 0x4dbf) ||
      (c >= 0x1100 && c <= 0x11ff) ||
      (c >= 0x3130 && c <= 0x318f)
        ? 2
        : 1;
  }
  return weight;
}

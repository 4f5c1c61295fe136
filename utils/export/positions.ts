/**
 * W3C TextPositionSelector offsets count code points (Web Annotation Data Model §4.2.5, Text Position Selector);
 * Margin's own offsets, like the DOM's and Hypothesis', count UTF-16 code units. The two
 * differ after every character outside the Basic Multilingual Plane (most emoji, rare Hanja):
 * files are written in code points and read back into UTF-16, internal offsets stay as they are.
 */

/** The code-point offset of a UTF-16 offset in `text` (an offset inside a pair counts its pair once). */
export function utf16ToCodePoints(text: string, offset: number): number {
  let points = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    // A high surrogate followed by a low one: one code point, two units.
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        if (i + 1 < end) i++;
      }
    }
    points++;
  }
  return points + Math.max(0, offset - text.length);
}

/**
 * utf16ToCodePoints for many offsets into one text: the offset itself when the text has no
 * surrogate (nearly every article), so that an export of 100k highlights does not walk each
 * article's text twice a highlight.
 */
export function codePointsIn(text: string): (offset: number) => number {
  if (!/[\ud800-\udfff]/.test(text)) return (offset) => offset;
  return (offset) => utf16ToCodePoints(text, offset);
}

/** The UTF-16 offset of a code-point offset in `text` (beyond its end: one unit per point). */
export function codePointsToUtf16(text: string, points: number): number {
  let i = 0;
  let n = 0;
  while (n < points && i < text.length) {
    const c = text.charCodeAt(i);
    const d = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
    i += c >= 0xd800 && c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff ? 2 : 1;
    n++;
  }
  return i + (points - n);
}

/** The hash of a string's characters, grown one character at a time: textHash(h, c). */
export const TEXT_HASH_SEED = 0x811c9dc5 | 0;
export const textHash = (h: number, c: number) => Math.imul(h ^ c, 0x01000193);

/** textHash over text[start, end). */
export function hashText(text: string, start = 0, end = text.length): number {
  let h = TEXT_HASH_SEED;
  for (let k = start; k < end; k++) h = textHash(h, text.charCodeAt(k));
  return h;
}

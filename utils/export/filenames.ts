/**
 * Windows' reserved device names, with or without an extension — CON, PRN, AUX, NUL,
 * COM0–9 and LPT0–9 including the superscript digits Windows also reserves (COM¹, LPT³),
 * and the console's CONIN$ / CONOUT$.
 */
const RESERVED = /^(?:con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)(?:\..*)?$/i;

/**
 * Characters no name may hold: path separators and what Windows forbids, control characters
 * (C0, DEL, C1), line and paragraph separators, and what breaks an Obsidian link to the file
 * (# [ ] ^ |).
 */
const FORBIDDEN = /[\u0000-\u001f\u007f-\u009f<>:"/\\|?*#[\]^\u2028\u2029]/g;

/** Bidirectional controls (U+202E shows "gpj.exe" as "exe.jpg"), and invisible marks around them. */
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Room kept in every name for the " (n)" that tells two files of the same name apart. */
const SUFFIX_ROOM = 8;

/** The UTF-8 length of a string. */
export function utf8Length(s: string): number {
  return new TextEncoder().encode(s).length;
}

/** The longest start of `s` that fits `maxBytes` of UTF-8, never splitting a surrogate pair. */
export function cutToBytes(s: string, maxBytes: number): string {
  let bytes = 0;
  let i = 0;
  while (i < s.length) {
    const cp = s.codePointAt(i)!;
    const units = cp > 0xffff ? 2 : 1;
    const size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    if (bytes + size > maxBytes) break;
    bytes += size;
    i += units;
  }
  return s.slice(0, i);
}

/**
 * A file name every OS accepts, and that Obsidian can link to: none of the characters
 * above, no bidi controls, no lone surrogates, no leading dots, no trailing dots or spaces,
 * not a reserved device name, at most `maxBytes` bytes of UTF-8 with the extension (ext4
 * and most file systems allow 255) — Korean and other scripts kept as they are.
 */
export function safeFileName(name: string, extension: string, maxBytes = 255): string {
  let base = name
    .normalize('NFC')
    .replace(BIDI, '')
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '')
    .replace(FORBIDDEN, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '');
  base = cutToBytes(base, maxBytes - utf8Length(extension) - 1 - SUFFIX_ROOM).trim();
  base = base.replace(/[. ]+$/, '');
  if (!base || RESERVED.test(base)) base = `margin-${base || 'export'}`;
  return `${base}.${extension}`;
}

/** Distinct names for several files (a zip): "name.md", "name (2).md", … — compared as Windows and macOS do (case, NFC). */
export function uniqueNames(names: string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((name) => {
    const key = name.normalize('NFC').toLowerCase();
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    if (n === 1) return name;
    const dot = name.lastIndexOf('.');
    return `${name.slice(0, dot)} (${n})${name.slice(dot)}`;
  });
}

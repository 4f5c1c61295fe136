const RESERVED = /^(?:con|prn|aux|nul|com[0-9]|lpt[0-9])(?:\..*)?$/i;

/**
 * A file name every OS accepts: no path separators or characters Windows forbids, no
 * control characters, no trailing dots or spaces, not a reserved device name, at most
 * `max` characters — Korean and other scripts kept as they are.
 */
export function safeFileName(name: string, extension: string, max = 100): string {
  let base = name
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f<>:"/\\|?*\u2028\u2029]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '');
  if (base.length > max) base = base.slice(0, max).trim();
  base = base.replace(/[. ]+$/, '');
  if (!base || RESERVED.test(base)) base = `margin-${base || 'export'}`;
  return `${base}.${extension}`;
}

/** Distinct names for several files (a zip): "name.md", "name (2).md", … */
export function uniqueNames(names: string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((name) => {
    const key = name.toLowerCase();
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    if (n === 1) return name;
    const dot = name.lastIndexOf('.');
    return `${name.slice(0, dot)} (${n})${name.slice(dot)}`;
  });
}

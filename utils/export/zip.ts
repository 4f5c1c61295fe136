import { strToU8, zipSync } from 'fflate';
import { safeFileName, uniqueNames } from './filenames';

/** A name as safeFileName makes it (idempotent for names it already made); a folder ("People/…", issue 24) made safe the same way. */
function entryName(name: string): string {
  const slash = name.lastIndexOf('/');
  if (slash > 0) {
    const folders = name
      .slice(0, slash)
      .split('/')
      .map((part) => safeFileName(part, 'd').slice(0, -2));
    return `${folders.join('/')}/${entryName(name.slice(slash + 1))}`;
  }
  const dot = name.lastIndexOf('.');
  return dot > 0 ? safeFileName(name.slice(0, dot), name.slice(dot + 1)) : safeFileName(name, 'md');
}

/**
 * Markdown files (or any text files) in one zip: every entry name safe on every OS
 * (at most 255 bytes of UTF-8, no bidi controls, no reserved device names — see
 * safeFileName), then made distinct.
 */
export function zipFiles(files: { name: string; content: string }[]): Uint8Array {
  const names = uniqueNames(files.map((f) => entryName(f.name)));
  const entries: Record<string, Uint8Array> = {};
  // uniqueNames gives one name per file, in the same order.
  files.forEach((f, i) => {
    entries[names[i]!] = strToU8(f.content);
  });
  return zipSync(entries, { level: 6 });
}

import { strToU8, zipSync } from 'fflate';
import { uniqueNames } from './filenames';

/** Markdown files (or any text files) in one zip, names made distinct. */
export function zipFiles(files: { name: string; content: string }[]): Uint8Array {
  const names = uniqueNames(files.map((f) => f.name));
  const entries: Record<string, Uint8Array> = {};
  // uniqueNames gives one name per file, in the same order.
  files.forEach((f, i) => {
    entries[names[i]!] = strToU8(f.content);
  });
  return zipSync(entries, { level: 6 });
}

/**
 * The one guard on the shape of a record from outside (issue 21): an import file, a document
 * from the sync server, a message from an extension page. A record nested thousands deep, or
 * of tens of megabytes, breaks whatever walks it recursively later — valibot, structured
 * clone, IndexedDB, JSON.stringify — and it broke sync for every later round. Checked here,
 * once, without recursion (so the check itself cannot overflow the stack), it is refused with
 * a reason that names it, and the records beside it go on.
 */

/** Deeper than any record Margin or a W3C/Hypothesis file writes (about 10 levels). */
export const MAX_DEPTH = 64;
/** An article's text, the same limit for the import and for sync. */
export const MAX_BODY_TEXT = 10_000_000;
/** An article's sanitised HTML (markup roughly doubles its text). */
export const MAX_BODY_HTML = 20_000_000;
/** Any record but a body, counted as characters of strings and keys. */
export const MAX_RECORD_CHARS = 8_000_000;
/** A body record: its HTML and its text, with room for the id. */
export const MAX_BODY_RECORD_CHARS = MAX_BODY_HTML + MAX_BODY_TEXT + 1000;

export interface ShapeProblem {
  problem: 'depth' | 'size';
  limit: number;
  /** Where it went wrong, as a dotted path (cut short). */
  at: string;
}

/**
 * What is wrong with the shape of `value`, or null. Walks it breadth-first with an explicit
 * queue, counting each string's and key's length toward `maxChars`; stops at the first problem.
 * The queue holds each node's parent and key, not its path: the path is spelled out only for the
 * node found wrong, so a file of 400,000 items costs a few array slots per node, not a string each.
 */
export function shapeProblem(value: unknown, maxDepth = MAX_DEPTH, maxChars = MAX_RECORD_CHARS): ShapeProblem | null {
  let chars = 0;
  const values: unknown[] = [value];
  const depths: number[] = [0];
  const parents: number[] = [-1];
  const keys: (string | number)[] = [''];
  const pathOf = (i: number) => {
    const parts: (string | number)[] = [];
    for (let at = i; at > 0; at = parents[at]!) parts.push(keys[at]!);
    return parts.reverse().join('.').slice(0, 120);
  };
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    values[i] = undefined;
    if (typeof v === 'string') chars += v.length;
    else if (v && typeof v === 'object') {
      const depth = depths[i]!;
      if (depth >= maxDepth) return { problem: 'depth', limit: maxDepth, at: pathOf(i) };
      if (Array.isArray(v)) {
        for (let j = 0; j < v.length; j++) {
          values.push(v[j]);
          depths.push(depth + 1);
          parents.push(i);
          keys.push(j);
        }
        chars += v.length;
      } else {
        for (const key in v) {
          if (!Object.hasOwn(v, key)) continue;
          chars += key.length + 1;
          values.push((v as Record<string, unknown>)[key]);
          depths.push(depth + 1);
          parents.push(i);
          keys.push(key);
        }
      }
    } else chars += 1;
    if (chars > maxChars) return { problem: 'size', limit: maxChars, at: pathOf(i) };
  }
  return null;
}

/** The problem in plain English words, for logs and errors (the pages translate by `problem`). */
export function describeShapeProblem(p: ShapeProblem): string {
  return p.problem === 'depth'
    ? `nested more than ${p.limit} levels deep${p.at ? ` (at ${p.at})` : ''}`
    : `larger than ${p.limit.toLocaleString('en')} characters${p.at ? ` (at ${p.at})` : ''}`;
}

/** Thrown where a record is refused for its shape: says which record and why. */
export class RecordShapeError extends Error {
  constructor(
    readonly record: string,
    readonly shape: ShapeProblem,
  ) {
    super(`${record}: ${describeShapeProblem(shape)}`);
    this.name = 'RecordShapeError';
  }
}

/** Throws RecordShapeError naming `record` when `value` is too deep or too large. */
export function assertShape(value: unknown, record: string, maxDepth = MAX_DEPTH, maxChars = MAX_RECORD_CHARS): void {
  const p = shapeProblem(value, maxDepth, maxChars);
  if (p) throw new RecordShapeError(record, p);
}

/**
 * The longest each field of the entity explorer's records (merge, split, note; utils/db/entities.ts)
 * may be: one set of bounds for the import and for sync.
 */
export const ENTITY_EDIT_MAX = { key: 600, into: 600, form: 500, note: 20_000 } as const;

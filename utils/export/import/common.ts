import * as v from 'valibot';
import type { Selectors, TextQuoteSelector } from '../../anchoring';
import type { ArticleRecord } from '../../article';
import type { ImportedExtras } from '../../db/schema';
import { ENTITY_TYPES } from '../../entities/types';
import { stableId } from '../ids';
import { codePointsToUtf16 } from '../positions';
import type { NormalizedUrl } from '../../url';

/*
 * What every import format shares: errors and skips, the limits, the value schemas, and the
 * reading of selectors, articles and positions. The formats are w3c.ts (any W3C Web Annotation
 * document), margin.ts (Margin's own export: W3C plus its articles and corrections) and
 * hypothesis.ts; index.ts tells them apart and runs the one that fits.
 */

/** Why a file cannot be imported; `code` and `params` let the library say it in the reader's language (messages.ts). */
export type ImportErrorCode =
  | 'too-large'
  | 'empty'
  | 'not-json'
  | 'too-deep'
  | 'wrong-kind'
  | 'margin-version'
  | 'too-many'
  | 'no-items'
  | 'invalid'
  | 'duplicate-id'
  | 'second-article'
  | 'correction-kind'
  | 'nothing-importable';

/** A file that cannot be imported, with a message for the reader naming the problem. */
export class ImportError extends Error {
  constructor(
    message: string,
    readonly code: ImportErrorCode = 'invalid',
    readonly params: Record<string, string> = {},
    /** For 'nothing-importable': what was skipped, to say it in the reader's language. */
    readonly skipped?: SkipReport,
  ) {
    super(message);
    this.name = 'ImportError';
  }
}

/** Items that are valid but have nothing Margin can place in a text; they are skipped, and reported. */
export type SkipReason = 'reply' | 'page-note' | 'no-quote' | 'not-text' | 'empty-quote' | 'not-a-web-page';

export interface SkipReport {
  count: number;
  byReason: Partial<Record<SkipReason, number>>;
  /** The first few, by position in the file (1-based). */
  first: { position: number; reason: SkipReason }[];
}

export const LIMITS = {
  fileBytes: 200 * 1024 * 1024,
  annotations: 500_000,
  articles: 100_000,
  corrections: 100_000,
  /** Targets, selectors and bodies of one annotation. */
  parts: 50,
  /** How deep `refinedBy` may nest. */
  refinements: 8,
  /** Skipped items listed by position. */
  listedSkips: 5,
} as const;

// --- Schemas -------------------------------------------------------------------------

export const webUrl = v.pipe(
  v.string(),
  v.maxLength(4096, 'is longer than 4096 characters'),
  v.check((s) => {
    try {
      return ['http:', 'https:', 'file:'].includes(new URL(s).protocol);
    } catch {
      return false;
    }
  }, 'is not a web address (http, https or file)'),
);
/** Any absolute IRI (a selector or resource named by its address; `urn:`, `http:`…). */
export const iri = v.pipe(v.string(), v.maxLength(4096, 'is longer than 4096 characters'), v.regex(/^[a-z][a-z0-9+.-]*:\S+$/i, 'is not an IRI'));
export const date = v.pipe(
  v.string(),
  v.maxLength(64),
  v.check((s) => !Number.isNaN(Date.parse(s)), 'is not a date'),
);
/** A date-time with no time zone ("2015-01-28T12:00:00"): JavaScript would read it in the importing machine's zone. */
const FLOATING = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?$/;

/**
 * A date as epoch milliseconds, the same on every machine: one without a time zone is read
 * as UTC (and counted, so that the import can say so). It goes back out in UTC with its "Z":
 * the W3C model wants a date-time with a zone (the suite's 3.3.1 schemas refuse one without).
 */
export function readDate(s: string, ctx: Pick<Context, 'notices'>): number {
  if (!FLOATING.test(s)) return Date.parse(s);
  ctx.notices.floatingDates++;
  return Date.parse(`${s}Z`);
}

/** The written form of a date, when it is not the one Margin would write (microseconds, an offset): given back on export. Not one without a zone (see readDate). */
export function writtenDate(s: string, ms: number): string | undefined {
  return new Date(ms).toISOString() === s || FLOATING.test(s) ? undefined : s;
}

export const text = (max: number) => v.pipe(v.string(), v.maxLength(max, `is longer than ${max} characters`));
export const nullableText = (max: number) => v.nullish(text(max));

export const quoteSelector = v.looseObject({
  type: v.literal('TextQuoteSelector'),
  exact: text(100_000),
  prefix: v.optional(text(100_000)),
  suffix: v.optional(text(100_000)),
});
export const offset = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(2 ** 31));
export const positionSelector = v.looseObject({ type: v.literal('TextPositionSelector'), start: offset, end: offset });
export const anySelector = v.looseObject({ type: v.pipe(v.string(), v.maxLength(200)) });
/** Fragment, CSS and XPath selectors have exactly one value (§4.2.1–4.2.3). */
export const valueSelector = v.looseObject({ value: text(100_000) });
export const VALUE_SELECTORS = ['FragmentSelector', 'CssSelector', 'XPathSelector'];
export const entity = v.object({ text: text(500), type: v.picklist(ENTITY_TYPES) });

function explain(issues: readonly v.BaseIssue<unknown>[], where: string): { at: string; problem: string } {
  const [issue] = issues;
  const path = issue ? v.getDotPath(issue) : null;
  return { at: [where, path].filter(Boolean).join('.'), problem: issue?.message ?? 'is not valid' };
}

export function invalid(at: string, problem: string): ImportError {
  return new ImportError(`${at ? `${at}: ` : ''}${problem}`, 'invalid', { at, problem });
}

/** Validate one value, stopping at its first problem (a hostile file must not make thousands of issues). */
export function parse<T extends v.GenericSchema>(schema: T, input: unknown, where: string): v.InferOutput<T> {
  const result = v.safeParse(schema, input, { abortEarly: true, abortPipeEarly: true });
  if (!result.success) {
    const { at, problem } = explain(result.issues, where);
    throw invalid(at, problem);
  }
  return result.output;
}

/** A value or a list of values as a list of at most `max`, counted before anything in it is read. */
export function list(value: unknown, where: string, max: number = LIMITS.parts): unknown[] {
  const items = value === undefined || value === null ? [] : Array.isArray(value) ? value : [value];
  if (items.length > max) throw invalid(where, `has more than ${max} entries`);
  return items;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

// --- Conversion -------------------------------------------------------------------------

/** Thrown for an item that is skipped, not refused; caught in parseImport's loop. */
export class Skip extends Error {
  constructor(readonly reason: SkipReason) {
    super(reason);
  }
}

/** What an import did that the reader should hear about, though nothing was refused or skipped. */
export interface ImportNotices {
  /** Annotations (1-based positions) whose notes together were longer than a note can be: shortened in Margin, their bodies kept whole. */
  shortened: number[];
  /** Dates without a time zone, read as UTC. */
  floatingDates: number;
}

export interface Context {
  now: number;
  notices: ImportNotices;
  /** Articles by normalised URL. */
  articles: Map<NormalizedUrl, ArticleRecord>;
  /** Margin files: positions are code points (format 2) or UTF-16 (format 1); other W3C files: code points. */
  positionUnit: 'code-points' | 'utf16';
}

/** The article a highlight belongs to: one in the file, or a placeholder (title, no text). */
export function articleFor(ctx: Context, url: NormalizedUrl, title: string | undefined, time: number): ArticleRecord {
  const known = ctx.articles.get(url);
  if (known) return known;
  const article: ArticleRecord = {
    id: stableId(`article:${url}`),
    url,
    title: title?.trim() || url,
    byline: null,
    siteName: null,
    lang: null,
    publishedTime: null,
    excerpt: null,
    contentHtml: '',
    textContent: '',
    savedAt: time,
    updatedAt: time,
  };
  ctx.articles.set(url, article);
  return article;
}

export interface Found {
  quote?: TextQuoteSelector;
  /** The quote was inside a `refinedBy`, or refined itself: it is written as it came, not also at top level. */
  quoteScoped?: boolean;
  position?: { start: number; end: number };
  /** Selectors other than a top-level quote and position, as written. */
  others: unknown[];
}

/**
 * The quote and position among a target's selectors. A quote may come from inside `refinedBy`
 * (a quote within a PDF page); a position only from the top level: one inside `refinedBy` counts
 * within what it refines (an element, a quote), not in the document, and stays where it is.
 * A zero-width position says nothing Margin can anchor with: kept as written among the others,
 * unless `zeroIsNone` (Margin's format 1, which wrote 0–0 for "no position").
 */
export function findSelectors(selectorValue: unknown, where: string, zeroIsNone = false): Found {
  const found: Found = { others: [] };
  const visit = (sel: unknown, at: string, depth: number, top: boolean) => {
    if (depth > LIMITS.refinements) throw invalid(at, `refines more than ${LIMITS.refinements} levels deep`);
    if (typeof sel === 'string') {
      // A selector given by its IRI (§4.2: it lives elsewhere): nothing to anchor with, kept as written.
      parse(iri, sel, at);
      if (top) found.others.push(sel);
      return;
    }
    const s = parse(anySelector, sel, at);
    if (VALUE_SELECTORS.includes(s.type)) parse(valueSelector, s, at);
    let used = false;
    if (s.type === 'TextQuoteSelector' && !found.quote) {
      const q = parse(quoteSelector, s, at);
      found.quote = { type: 'TextQuoteSelector', exact: q.exact, prefix: q.prefix ?? '', suffix: q.suffix ?? '' };
      used = top && !s.refinedBy;
      if (!used) found.quoteScoped = true;
    } else if (s.type === 'TextPositionSelector') {
      const p = parse(positionSelector, s, at);
      if (p.end < p.start) throw invalid(at, 'ends before it starts');
      if (top && !found.position && (p.end > p.start || zeroIsNone)) {
        found.position = { start: p.start, end: p.end };
        used = !s.refinedBy;
      }
    }
    if (top && !used) found.others.push(sel);
    if (s.refinedBy !== undefined) list(s.refinedBy, `${at}.refinedBy`).forEach((r, i) => visit(r, `${at}.refinedBy.${i}`, depth + 1, false));
  };
  list(selectorValue, `${where}.selector`).forEach((sel, i) => visit(sel, `${where}.selector.${i}`, 0, true));
  return found;
}

/** Extras without the keys left undefined (IndexedDB and sync would keep them), or none at all. */
export function cleaned(extras: ImportedExtras): ImportedExtras | undefined {
  for (const key of Object.keys(extras) as (keyof ImportedExtras)[]) if (extras[key] === undefined) delete extras[key];
  return Object.keys(extras).length ? extras : undefined;
}

/** Tags as the file writes them: only empty strings and exact repeats dropped. */
export function tagsAsWritten(tags: string[]): string[] {
  const out: string[] = [];
  for (const t of tags) if (t.trim() && !out.includes(t)) out.push(t);
  return out;
}

/** Internal (UTF-16) selectors from what the file gave, converting code points when the article's text allows it. */
export function internalSelectors(
  found: Found & { quote: TextQuoteSelector },
  article: ArticleRecord,
  unit: Context['positionUnit'],
  extras: ImportedExtras,
): Selectors {
  const selectors: Selectors = { quote: found.quote };
  const p = found.position;
  // 0–0 is what Margin's format 1 wrote for "no position": absent (other files' zero-width positions are among `others`).
  if (!p || p.end <= p.start) return selectors;
  const text = article.textContent;
  if (unit === 'utf16') selectors.position = { type: 'TextPositionSelector', start: p.start, end: p.end };
  else if (text) selectors.position = { type: 'TextPositionSelector', start: codePointsToUtf16(text, p.start), end: codePointsToUtf16(text, p.end) };
  else {
    // No text to convert with: the offsets stay a hint, and go back out exactly as they came.
    selectors.position = { type: 'TextPositionSelector', start: p.start, end: p.end };
    extras.position = { start: p.start, end: p.end };
  }
  return selectors;
}

export function tooMany(what: string, max: number): ImportError {
  return new ImportError(`The file holds more than ${max.toLocaleString('en')} ${what}`, 'too-many', { what, max: String(max) });
}

/** An array counted before anything in it is validated: a small file of a million empty items is refused at once. */
export function counted(value: unknown, what: string, max: number, where: string): unknown[] {
  if (!Array.isArray(value)) throw invalid(where, 'is not a list');
  if (value.length > max) throw tooMany(what, max);
  return value;
}

import * as v from 'valibot';
import type { Selectors, TextPositionSelector, TextQuoteSelector } from '../anchoring';
import type { ArticleRecord } from '../article';
import { MAX_NOTE, newHighlightRecord } from '../db/highlights';
import { HIGHLIGHT_COLORS, type HighlightRecord, type EntityCorrectionRecord, type ImportedExtras } from '../db/schema';
import { ENTITY_TYPES } from '../entities/types';
import { normalizeUrl } from '../url';
import { FORMAT_VERSION, READABLE_VERSIONS, type MarginData } from './model';
import { contentKey, stableId } from './ids';
import { codePointsToUtf16 } from './positions';
import { w3cSelector } from './selectors';

export { contentKey, stableId };

/** Why a file cannot be imported; `code` and `params` let the library say it in the reader's language (messages.ts). */
export type ImportErrorCode =
  | 'too-large'
  | 'empty'
  | 'not-json'
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

export type ParsedImport = MarginData & { skipped: SkipReport };

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

const webUrl = v.pipe(
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
const iri = v.pipe(v.string(), v.maxLength(4096, 'is longer than 4096 characters'), v.regex(/^[a-z][a-z0-9+.-]*:\S+$/i, 'is not an IRI'));
const date = v.pipe(
  v.string(),
  v.maxLength(64),
  v.check((s) => !Number.isNaN(Date.parse(s)), 'is not a date'),
);
const text = (max: number) => v.pipe(v.string(), v.maxLength(max, `is longer than ${max} characters`));
const nullableText = (max: number) => v.nullish(text(max));

const quoteSelector = v.looseObject({
  type: v.literal('TextQuoteSelector'),
  exact: text(100_000),
  prefix: v.optional(text(100_000)),
  suffix: v.optional(text(100_000)),
});
const offset = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(2 ** 31));
const positionSelector = v.looseObject({ type: v.literal('TextPositionSelector'), start: offset, end: offset });
const anySelector = v.looseObject({ type: v.pipe(v.string(), v.maxLength(200)) });
/** Fragment, CSS and XPath selectors have exactly one value (§4.2.1–4.2.3). */
const valueSelector = v.looseObject({ value: text(100_000) });
const VALUE_SELECTORS = ['FragmentSelector', 'CssSelector', 'XPathSelector'];
/** One IRI or several, as `rights` and `via` may have. */
const iris = v.union([iri, v.pipe(v.array(iri), v.minLength(1), v.maxLength(100))], 'is not an IRI or a list of IRIs');
/** A creator or generator: an IRI or an agent object (§3.3.2). */
const agent = v.union([iri, v.looseObject({ id: v.optional(iri) })]);
const agents = v.union([agent, v.pipe(v.array(agent), v.minLength(1), v.maxLength(100))], 'is not an agent (an IRI or an object) or a list of them');
/**
 * What the model requires of a body's or a target's own properties (§3.2.1): checked because
 * Margin gives them back on export, and an export must not say what the model forbids.
 */
const resourceProps = v.looseObject({
  id: v.optional(iri),
  format: v.optional(v.union([text(200), v.pipe(v.array(text(200)), v.maxLength(20))], 'is not a media type or a list of them')),
  language: v.optional(v.union([text(100), v.pipe(v.array(text(100)), v.maxLength(50))], 'is not a language or a list of them')),
  processingLanguage: v.optional(text(100)),
  textDirection: v.optional(v.picklist(['ltr', 'rtl', 'auto'], 'is not ltr, rtl or auto')),
});
const entity = v.object({ text: text(500), type: v.picklist(ENTITY_TYPES) });

const w3cAnnotation = v.looseObject({
  id: v.optional(text(2000)),
  type: v.optional(v.union([text(200), v.pipe(v.array(text(200)), v.maxLength(10))])),
  created: v.optional(date),
  modified: v.optional(date),
  // One body or several, one target or several: normalised to lists and checked one by one.
  body: v.optional(v.unknown()),
  bodyValue: v.optional(text(MAX_NOTE)),
  motivation: v.optional(v.unknown()),
  target: v.optional(v.unknown()),
  'margin:color': v.optional(v.picklist(HIGHLIGHT_COLORS)),
  'margin:articleId': v.optional(text(100)),
  'margin:entities': v.optional(v.pipe(v.array(entity), v.maxLength(1000))),
  'margin:orphaned': v.optional(v.boolean()),
  'margin:position': v.optional(v.object({ start: offset, end: offset })),
  via: v.optional(iris),
  generated: v.optional(date),
  creator: v.optional(agents),
  generator: v.optional(agents),
  rights: v.optional(iris),
  canonical: v.optional(iri),
});

const marginArticle = v.object({
  id: text(100),
  url: webUrl,
  title: text(2000),
  byline: nullableText(500),
  siteName: nullableText(500),
  lang: nullableText(50),
  publishedTime: nullableText(64),
  excerpt: nullableText(5000),
  contentHtml: text(20_000_000),
  textContent: text(10_000_000),
  savedAt: date,
  updatedAt: date,
  entities: v.optional(v.pipe(v.array(v.object({ ...entity.entries, count: v.pipe(v.number(), v.integer(), v.minValue(0)) })), v.maxLength(5000))),
});

const marginCorrection = v.object({
  id: v.optional(text(100)),
  text: v.pipe(text(500), v.minLength(1, 'is empty')),
  action: v.picklist(['remove', 'set']),
  type: v.optional(v.picklist(ENTITY_TYPES)),
  createdAt: date,
  updatedAt: date,
});

const hypothesisAnnotation = v.looseObject({
  id: text(200),
  // Not always a web address: Hypothesis gives PDFs `urn:x-pdf:…`, with the web address in the target's source.
  uri: text(4096),
  text: v.optional(text(MAX_NOTE), ''),
  tags: v.optional(v.pipe(v.array(text(200)), v.maxLength(100)), []),
  created: v.optional(date),
  updated: v.optional(date),
  references: v.optional(v.pipe(v.array(text(200)), v.maxLength(1000))),
  target: v.pipe(
    v.array(v.looseObject({ source: v.optional(text(4096)), selector: v.optional(v.pipe(v.array(anySelector), v.maxLength(LIMITS.parts))) })),
    v.maxLength(LIMITS.parts),
  ),
  document: v.optional(v.looseObject({ title: v.optional(v.union([v.pipe(v.array(text(2000)), v.maxLength(20)), text(2000)])) })),
});

function explain(issues: readonly v.BaseIssue<unknown>[], where: string): { at: string; problem: string } {
  const [issue] = issues;
  const path = issue ? v.getDotPath(issue) : null;
  return { at: [where, path].filter(Boolean).join('.'), problem: issue?.message ?? 'is not valid' };
}

function invalid(at: string, problem: string): ImportError {
  return new ImportError(`${at ? `${at}: ` : ''}${problem}`, 'invalid', { at, problem });
}

/** Validate one value, stopping at its first problem (a hostile file must not make thousands of issues). */
function parse<T extends v.GenericSchema>(schema: T, input: unknown, where: string): v.InferOutput<T> {
  const result = v.safeParse(schema, input, { abortEarly: true, abortPipeEarly: true });
  if (!result.success) {
    const { at, problem } = explain(result.issues, where);
    throw invalid(at, problem);
  }
  return result.output;
}

/** A value or a list of values as a list of at most `max`, counted before anything in it is read. */
function list(value: unknown, where: string, max: number = LIMITS.parts): unknown[] {
  const items = value === undefined || value === null ? [] : Array.isArray(value) ? value : [value];
  if (items.length > max) throw invalid(where, `has more than ${max} entries`);
  return items;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

// --- Ids --------------------------------------------------------------------------------

const UUID = /^(?:urn:uuid:)?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

// --- Conversion -------------------------------------------------------------------------

/** Thrown for an item that is skipped, not refused; caught in parseImport's loop. */
class Skip extends Error {
  constructor(readonly reason: SkipReason) {
    super(reason);
  }
}

interface Context {
  now: number;
  /** Articles by normalised URL. */
  articles: Map<string, ArticleRecord>;
  /** Margin files: positions are code points (format 2) or UTF-16 (format 1); other W3C files: code points. */
  positionUnit: 'code-points' | 'utf16';
}

/** The article a highlight belongs to: one in the file, or a placeholder (title, no text). */
function articleFor(ctx: Context, url: string, title: string | undefined, time: number): ArticleRecord {
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

/** A target's source URL: `source` as a string or `{id}`, or a bare URL target, or a resource's own `id`. */
function sourceOf(t: unknown, where: string): { url: string; written: unknown; selector: unknown; rest: Record<string, unknown> | null } {
  if (typeof t === 'string') return { url: parse(webUrl, t, where), written: t, selector: undefined, rest: null };
  if (!isObject(t)) throw invalid(where, 'is not an object or a URL');
  parse(resourceProps, t, where);
  if (isObject(t.source)) parse(resourceProps, t.source, `${where}.source`);
  const raw = t.source !== undefined ? t.source : t.id;
  if (raw === undefined) throw invalid(where, 'has no source');
  const id = isObject(raw) ? raw.id : raw;
  if (typeof id !== 'string') throw invalid(`${where}.source`, 'is not a web address (http, https or file)');
  return { url: parse(webUrl, id, `${where}.source`), written: raw, selector: t.selector, rest: t };
}

interface Found {
  quote?: TextQuoteSelector;
  position?: { start: number; end: number };
  /** Selectors other than a top-level quote and position, as written. */
  others: unknown[];
}

/** The quote and position among a target's selectors, looking inside `refinedBy` too. */
function findSelectors(selectorValue: unknown, where: string): Found {
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
    } else if (s.type === 'TextPositionSelector' && !found.position) {
      const p = parse(positionSelector, s, at);
      if (p.end < p.start) throw invalid(at, 'ends before it starts');
      found.position = { start: p.start, end: p.end };
      used = top && !s.refinedBy;
    }
    if (top && !used) found.others.push(sel);
    if (s.refinedBy !== undefined) list(s.refinedBy, `${at}.refinedBy`).forEach((r, i) => visit(r, `${at}.refinedBy.${i}`, depth + 1, false));
  };
  list(selectorValue, `${where}.selector`).forEach((sel, i) => visit(sel, `${where}.selector.${i}`, 0, true));
  return found;
}

interface Bodies {
  notes: string[];
  tags: string[];
  /** Something in the bodies besides plain notes and tags (a Choice, a link, a language…). */
  special: boolean;
}

/** A body object as the model allows it: its own properties, a TextualBody's value, items only in a Choice or a set. */
function checkBody(b: Record<string, unknown>, at: string): void {
  parse(resourceProps, b, at);
  const types = Array.isArray(b.type) ? b.type : [b.type];
  const sets = types.filter((t) => ITEM_SETS.includes(t as string));
  if (sets.length > 1) throw invalid(`${at}.type`, `is both ${sets.join(' and ')}`);
  if (b.items !== undefined && !sets.length) throw invalid(`${at}.items`, 'is only allowed in a Choice, Composite, List or Independents');
  if (types.includes('TextualBody') && b.value === undefined) throw invalid(at, 'is a TextualBody without a value');
}

function readBodies(body: unknown, where: string): Bodies {
  const out: Bodies = { notes: [], tags: [], special: false };
  list(body, `${where}.body`, 200).forEach((b, i) => {
    const at = `${where}.body.${i}`;
    if (typeof b === 'string') {
      // An external body (a URL): kept as written, no text of its own.
      parse(iri, b, at);
      out.special = true;
      return;
    }
    if (!isObject(b)) throw invalid(at, 'is not an object or a URL');
    checkBody(b, at);
    if (b.type === 'Choice') {
      // The first of a Choice's items is its default (§3.2.7): its text is the note.
      out.special = true;
      const items = list(b.items, `${at}.items`);
      items.forEach((x, k) => {
        if (typeof x === 'string') parse(iri, x, `${at}.items.${k}`);
        else if (isObject(x)) checkBody(x, `${at}.items.${k}`);
        else throw invalid(`${at}.items.${k}`, 'is not an object or a URL');
      });
      const first = items.find((x) => isObject(x) && typeof x.value === 'string') as Record<string, unknown> | undefined;
      if (first) out.notes.push(parse(text(MAX_NOTE), first.value, `${at}.items`));
      return;
    }
    if (b.value === undefined) {
      out.special = true;
      return;
    }
    const value = parse(text(MAX_NOTE), b.value, `${at}.value`);
    const purpose = Array.isArray(b.purpose) ? b.purpose[0] : b.purpose;
    if (purpose === 'tagging') {
      if (value) out.tags.push(value);
    } else out.notes.push(value);
    const plainKeys = Object.keys(b).every((k) => ['type', 'value', 'purpose', 'format'].includes(k));
    if (!plainKeys || (b.format !== undefined && b.format !== 'text/plain') || (purpose !== 'tagging' && purpose !== 'commenting' && purpose !== undefined))
      out.special = true;
  });
  return out;
}

/** Tags as the file writes them: only empty strings and exact repeats dropped. */
function tagsAsWritten(tags: string[]): string[] {
  const out: string[] = [];
  for (const t of tags) if (t.trim() && !out.includes(t)) out.push(t);
  return out;
}

/** Internal (UTF-16) selectors from what the file gave, converting code points when the article's text allows it. */
function internalSelectors(
  found: Found & { quote: TextQuoteSelector },
  article: ArticleRecord,
  unit: Context['positionUnit'],
  extras: ImportedExtras,
): Selectors {
  const selectors: Selectors = { quote: found.quote };
  const p = found.position;
  // 0–0 is what Margin's format 1 wrote for "no position": absent.
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

/** The annotation properties Margin reads or writes itself; any other is kept in `imported.properties`. */
const W3C_OWN = new Set(['@context', 'id', 'type', 'created', 'modified', 'body', 'bodyValue', 'motivation', 'target', 'via']);

const ITEM_SETS = ['Choice', 'Composite', 'List', 'Independents'];

/** The items of a target that is a Choice or a set of targets, or null for a single target. */
function targetItems(t: unknown, where: string): unknown[] | null {
  if (!isObject(t) || t.source !== undefined || t.items === undefined) return null;
  const type = Array.isArray(t.type) ? t.type[0] : t.type;
  if (!ITEM_SETS.includes(type as string)) return null;
  const items = list(t.items, `${where}.items`);
  if (!items.length) throw invalid(`${where}.items`, 'is empty');
  return items;
}

const NOT_TEXT_TYPES = ['Image', 'Video', 'Sound', 'Audio', 'Dataset', 'Model'];

/** A resource that says it is an image, video, sound or data (by its type or media type): no text to quote. */
function notText(r: unknown, depth = 0): boolean {
  if (!isObject(r) || depth > 1) return false;
  const types = Array.isArray(r.type) ? r.type : [r.type];
  const format = Array.isArray(r.format) ? r.format[0] : r.format;
  return (
    types.some((x) => NOT_TEXT_TYPES.includes(x as string)) ||
    (typeof format === 'string' && /^(image|video|audio)\//.test(format)) ||
    notText(r.source, depth + 1)
  );
}

function fromW3c(raw: unknown, index: number, ctx: Context, margin: boolean): HighlightRecord {
  const where = `annotation ${index + 1}`;
  if (!isObject(raw)) throw invalid(where, 'is not an object');
  const a = parse(w3cAnnotation, raw, where);
  const targets = list(a.target, `${where}.target`);
  if (!targets.length) throw invalid(where, 'has no target');
  // Every target is checked (a hostile second target refuses the file); the first with a quote is the anchor.
  // A Choice or a set of targets (Composite, List, Independents in the drafts the W3C samples follow) offers its items.
  const read = targets.flatMap((t, i) => {
    const at = targets.length > 1 || Array.isArray(a.target) ? `${where}.target.${i}` : `${where}.target`;
    const members = targetItems(t, at);
    return (members ?? [t]).map((m, k) => {
      const place = members ? `${at}.items.${k}` : at;
      const s = sourceOf(m, place);
      return { ...s, found: findSelectors(s.selector, place), raw: t, within: !!members };
    });
  });
  // §3.2.5: an annotation has a body or a bodyValue, never both. Bodies are checked before an item is skipped, as targets are.
  if (a.body !== undefined && a.bodyValue !== undefined) throw invalid(where, 'has both body and bodyValue');
  const bodies = readBodies(a.body, where);
  const chosen = read.find((t) => t.found.quote);
  if (!chosen) throw new Skip(read.every((t) => notText(t.rest) || notText(t.written)) ? 'not-text' : 'no-quote');
  if (!chosen.found.quote!.exact) throw new Skip('empty-quote');
  const notes = a.bodyValue !== undefined ? [a.bodyValue, ...bodies.notes] : bodies.notes;
  const note = notes.join('\n\n').slice(0, MAX_NOTE);
  const tags = tagsAsWritten(bodies.tags);
  const url = normalizeUrl(chosen.url);
  const created = a.created ? Date.parse(a.created) : ctx.now;
  const article = articleFor(ctx, url, undefined, created);
  const extras: ImportedExtras = {};
  const selectors = internalSelectors(chosen.found as Found & { quote: TextQuoteSelector }, article, ctx.positionUnit, extras);
  const idMatch = a.id?.match(UUID);
  if (a.id && !idMatch) extras.id = a.id;
  else if (typeof a.via === 'string' && a.via.length <= 2000) extras.id = a.via;
  else if (margin && typeof raw['margin:sourceId'] === 'string' && raw['margin:sourceId'].length <= 2000) extras.id = raw['margin:sourceId'];
  // Margin's own UTF-16 offsets, written when there was no text to count code points in.
  const own = margin ? a['margin:position'] : undefined;
  if (own && own.end > own.start) {
    selectors.position = { type: 'TextPositionSelector', start: own.start, end: own.end };
    delete extras.position;
  }
  if (chosen.written !== url) extras.source = chosen.written;
  if (chosen.found.others.length) extras.selectors = chosen.found.others;
  if (chosen.within) {
    // Anchored on one item of a Choice or set: the targets go back out exactly as written.
    extras.target = a.target;
  } else {
    const otherTargets = targets.filter((t) => t !== chosen.raw);
    if (otherTargets.length) extras.targets = otherTargets;
    const { source, selector: _selector, ...targetRest } = chosen.rest ?? {};
    // A target named by its own `id` (no `source`): that id is the source Margin writes.
    if (source === undefined) delete targetRest.id;
    if (Object.keys(targetRest).length) extras.targetProperties = targetRest;
  }
  // Properties Margin has no field for (creator, generator, rights, canonical, audience, stylesheet, label…), as written.
  const properties = Object.fromEntries(Object.entries(raw).filter(([k]) => !W3C_OWN.has(k) && !k.startsWith('margin:')));
  if (Object.keys(properties).length) extras.properties = properties;
  if (bodies.special) {
    extras.body = a.body;
    extras.note = note;
    extras.tags = tags;
  }
  if (a.motivation !== undefined && !margin) extras.motivation = a.motivation;
  if (!a.created) extras.undated = true;
  const contentId = stableId(
    `w3c:${a.id ?? `${url}\u0000${selectors.quote.exact}\u0000${selectors.position ? `${selectors.position.start}-${selectors.position.end}` : ''}`}`,
  );
  return newHighlightRecord({
    id: idMatch?.[1] ? idMatch[1].toLowerCase() : contentId,
    articleId: article.id,
    url,
    selectors,
    color: a['margin:color'] ?? 'yellow',
    note,
    tags,
    entities: a['margin:entities'] ?? [],
    createdAt: created,
    updatedAt: a.modified ? Date.parse(a.modified) : created,
    orphaned: a['margin:orphaned'] ?? !article.textContent,
    imported: Object.keys(extras).length ? extras : undefined,
  });
}

function fromHypothesis(raw: unknown, index: number, ctx: Context): HighlightRecord {
  const where = `annotation ${index + 1}`;
  const h = parse(hypothesisAnnotation, raw, where);
  if (h.references?.length) throw new Skip('reply');
  const targets = h.target.map((t, i) => ({ t, found: findSelectors(t.selector, `${where}.target.${i}`) }));
  const chosen = targets.find((x) => x.found.quote);
  if (!chosen) throw new Skip(targets.some((x) => x.t.selector?.length) ? 'no-quote' : 'page-note');
  if (!chosen.found.quote!.exact) throw new Skip('empty-quote');
  // A web address to anchor to: the target's source, else the document's uri. A `javascript:`
  // one refuses the file; one that is only a local file's name (urn:x-pdf:…) skips the item.
  const written = [chosen.t.source, h.uri].find((u) => u !== undefined && /^[a-z][a-z0-9+.-]*:/i.test(u) && !/^urn:/i.test(u));
  if (written === undefined) throw new Skip('not-a-web-page');
  parse(webUrl, written, `${where}.target.${h.target.indexOf(chosen.t)}.source`);
  const url = normalizeUrl(written);
  const created = h.created ? Date.parse(h.created) : ctx.now;
  const title = Array.isArray(h.document?.title) ? h.document?.title[0] : h.document?.title;
  const article = articleFor(ctx, url, title, created);
  // Given back on export as the annotation's `via`: where it came from.
  const extras: ImportedExtras = { id: `https://hypothes.is/a/${h.id}` };
  // Hypothesis counts offsets in UTF-16, as Margin does.
  const selectors = internalSelectors(chosen.found as Found & { quote: TextQuoteSelector }, article, 'utf16', extras);
  if (written !== url) extras.source = written;
  if (chosen.found.others.length) extras.selectors = chosen.found.others.map(w3cSelector);
  if (!h.created) extras.undated = true;
  const tags = tagsAsWritten(h.tags);
  return newHighlightRecord({
    id: stableId(`hypothesis:${h.id}`),
    articleId: article.id,
    url,
    selectors,
    color: 'yellow',
    note: h.text,
    tags,
    createdAt: created,
    updatedAt: h.updated ? Date.parse(h.updated) : created,
    orphaned: !article.textContent,
    imported: extras,
  });
}

function looksLikeHypothesis(item: unknown): boolean {
  return isObject(item) && 'uri' in item && Array.isArray(item.target);
}

const WRONG_KIND = 'This is not a Margin export, a W3C Web Annotation document or a Hypothesis export';

function tooMany(what: string, max: number): ImportError {
  return new ImportError(`The file holds more than ${max.toLocaleString('en')} ${what}`, 'too-many', { what, max: String(max) });
}

/** An array counted before anything in it is validated: a small file of a million empty items is refused at once. */
function counted(value: unknown, what: string, max: number, where: string): unknown[] {
  if (!Array.isArray(value)) throw invalid(where, 'is not a list');
  if (value.length > max) throw tooMany(what, max);
  return value;
}

/**
 * Read an import file: Margin's own export, any standard W3C Web Annotation JSON-LD
 * document (one annotation, an array, an AnnotationCollection or an AnnotationPage), or a
 * Hypothesis export (the "Export annotations" file, or the API's rows). Sizes are checked
 * before any item is validated; every item is then validated, the first problem refusing
 * the whole file. Valid items that have nothing to anchor (page notes, replies, targets
 * without a text quote) are skipped and reported, not refused.
 */
export function parseImport(input: string, now = Date.now()): ParsedImport {
  // Two bytes per UTF-16 unit at most: a cheap, safe bound before parsing.
  if (input.length > LIMITS.fileBytes)
    throw new ImportError(`The file is larger than ${LIMITS.fileBytes / 1024 / 1024} MB`, 'too-large', { mb: String(LIMITS.fileBytes / 1024 / 1024) });
  if (!input.trim()) throw new ImportError('The file is empty', 'empty');
  let json: unknown;
  try {
    json = JSON.parse(input.replace(/^\uFEFF/, ''));
  } catch (error) {
    const detail = error instanceof RangeError ? 'nested too deeply' : (error as Error).message;
    throw new ImportError(`The file is not valid JSON (${detail}) — it may be cut off or not an export`, 'not-json', { detail });
  }
  const ctx: Context = { now, articles: new Map(), positionUnit: 'code-points' };
  const corrections: EntityCorrectionRecord[] = [];
  let items: unknown[];
  let kind: 'margin' | 'w3c' | 'hypothesis' = 'w3c';

  if (isObject(json) && 'margin:version' in json) {
    const version = json['margin:version'];
    if (!READABLE_VERSIONS.includes(version as number)) {
      throw new ImportError(
        `This file is in Margin's format ${JSON.stringify(version)}; this version of Margin reads format ${FORMAT_VERSION}`,
        'margin-version',
        {
          version: JSON.stringify(version) ?? '',
          supported: String(FORMAT_VERSION),
        },
      );
    }
    if (json.type !== 'AnnotationCollection') throw invalid('type', 'is not "AnnotationCollection"');
    kind = 'margin';
    ctx.positionUnit = version === 1 ? 'utf16' : 'code-points';
    const first = json.first;
    if (!isObject(first)) throw invalid('first', 'is not an AnnotationPage');
    items = counted(first.items, 'annotations', LIMITS.annotations, 'first.items');
    const rawArticles = counted(json['margin:articles'] ?? [], 'articles', LIMITS.articles, 'margin:articles');
    const rawCorrections = counted(json['margin:entityCorrections'] ?? [], 'entity corrections', LIMITS.corrections, 'margin:entityCorrections');
    const articleIds = new Set<string>();
    for (const [k, raw] of rawArticles.entries()) {
      const a = parse(marginArticle, raw, `margin:articles.${k}`);
      const url = normalizeUrl(a.url);
      if (ctx.articles.has(url))
        throw new ImportError(`margin:articles.${k}: a second article for ${url}`, 'second-article', { at: `margin:articles.${k}`, url });
      if (articleIds.has(a.id))
        throw new ImportError(`margin:articles.${k}: the id ${a.id} appears twice`, 'duplicate-id', { at: `margin:articles.${k}`, id: a.id });
      articleIds.add(a.id);
      const { entities, ...rest } = a;
      ctx.articles.set(url, {
        ...rest,
        url,
        savedAt: Date.parse(a.savedAt),
        updatedAt: Date.parse(a.updatedAt),
        ...(entities ? { entities } : {}),
      } as ArticleRecord);
    }
    const correctionIds = new Set<string>();
    for (const [k, raw] of rawCorrections.entries()) {
      const c = parse(marginCorrection, raw, `margin:entityCorrections.${k}`);
      if (c.action === 'set' && !c.type)
        throw new ImportError(`margin:entityCorrections.${k}: "${c.text}" sets no kind`, 'correction-kind', {
          at: `margin:entityCorrections.${k}`,
          text: c.text,
        });
      const id = c.id ?? stableId(`correction:${c.text}`);
      if (correctionIds.has(id))
        throw new ImportError(`margin:entityCorrections.${k}: the id ${id} appears twice`, 'duplicate-id', { at: `margin:entityCorrections.${k}`, id });
      correctionIds.add(id);
      corrections.push({
        id,
        text: c.text,
        action: c.action,
        ...(c.type ? { type: c.type } : {}),
        createdAt: Date.parse(c.createdAt),
        updatedAt: Date.parse(c.updatedAt),
      });
    }
  } else if (Array.isArray(json)) {
    items = counted(json, 'annotations', LIMITS.annotations, '');
    if (items.length && looksLikeHypothesis(items[0])) kind = 'hypothesis';
  } else if (isObject(json)) {
    const o = json;
    const type = Array.isArray(o.type) ? o.type[0] : o.type;
    if (type === 'Annotation') items = [o];
    else if (type === 'AnnotationCollection') {
      const first = o.first;
      if (typeof first === 'string' && o.items === undefined) {
        // §5.1: the pages may live elsewhere, named by their IRI. Margin reads only what the file holds.
        const at = first.slice(0, 200);
        throw new ImportError(
          `The AnnotationCollection's annotations are not in this file: its first page is elsewhere (${at}). Save its pages as files and import those`,
          'no-items',
          { first: at },
        );
      }
      const page = isObject(first) ? first.items : o.items;
      if (!Array.isArray(page)) throw new ImportError('The AnnotationCollection has no annotations in it (no "first" page with items)', 'no-items');
      items = counted(page, 'annotations', LIMITS.annotations, 'first.items');
    } else if (type === 'AnnotationPage') {
      if (!Array.isArray(o.items)) throw new ImportError('The AnnotationPage has no "items"', 'no-items');
      items = counted(o.items, 'annotations', LIMITS.annotations, 'items');
    } else if (Array.isArray(o.annotations) && ('export_date' in o || 'client_version' in o || 'export_userid' in o)) {
      // Hypothesis' "Export annotations" file: {export_date, export_userid, client_version, annotations}.
      items = counted(o.annotations, 'annotations', LIMITS.annotations, 'annotations');
      if (items.length && !looksLikeHypothesis(items[0])) throw invalid('annotations.0', 'is not a Hypothesis annotation');
      kind = 'hypothesis';
    } else if (Array.isArray(o.rows) && (o.rows.length === 0 || looksLikeHypothesis(o.rows[0]))) {
      items = counted(o.rows, 'annotations', LIMITS.annotations, 'rows');
      kind = 'hypothesis';
    } else {
      throw new ImportError(WRONG_KIND, 'wrong-kind');
    }
  } else {
    throw new ImportError(WRONG_KIND, 'wrong-kind');
  }

  const skipped: SkipReport = { count: 0, byReason: {}, first: [] };
  const annotations: HighlightRecord[] = [];
  const ids = new Map<string, number>();
  for (let i = 0; i < items.length; i++) {
    let record: HighlightRecord;
    try {
      record = kind === 'hypothesis' ? fromHypothesis(items[i], i, ctx) : fromW3c(items[i], i, ctx, kind === 'margin');
    } catch (error) {
      if (!(error instanceof Skip)) throw error;
      skipped.count++;
      skipped.byReason[error.reason] = (skipped.byReason[error.reason] ?? 0) + 1;
      if (skipped.first.length < LIMITS.listedSkips) skipped.first.push({ position: i + 1, reason: error.reason });
      continue;
    }
    const seen = ids.get(record.id);
    if (seen !== undefined)
      throw new ImportError(`annotation ${i + 1}: the id ${record.id} appears twice (also annotation ${seen})`, 'duplicate-id', {
        at: `annotation ${i + 1}`,
        id: record.id,
      });
    ids.set(record.id, i + 1);
    annotations.push(record);
  }
  if (!annotations.length && skipped.count && !ctx.articles.size && !corrections.length) {
    throw new ImportError(
      `Nothing in this file can be placed in an article's text: ${describeSkips(skipped)}`,
      'nothing-importable',
      { skipped: describeSkips(skipped) },
      skipped,
    );
  }
  return { articles: [...ctx.articles.values()], annotations, corrections, skipped };
}

const SKIP_WORDS: Record<SkipReason, string> = {
  reply: 'replies',
  'page-note': 'page notes',
  'no-quote': 'without a text quote',
  'not-text': 'on an image, video or sound, not text',
  'empty-quote': 'with an empty quote',
  'not-a-web-page': 'on a local file, not a web page',
};

/** "2 replies, 1 page notes (items 3, 5, 9)" — the English summary the CLI and errors use. */
export function describeSkips(s: SkipReport): string {
  const counts = Object.entries(s.byReason).map(([reason, n]) => `${n} ${SKIP_WORDS[reason as SkipReason]}`);
  return `${counts.join(', ')} (item${s.first.length > 1 ? 's' : ''} ${s.first.map((f) => f.position).join(', ')}${s.count > s.first.length ? ', …' : ''})`;
}

export type { TextPositionSelector };

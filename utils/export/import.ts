import * as v from 'valibot';
import type { Selectors } from '../anchoring';
import type { ArticleRecord } from '../article';
import { cleanTags, MAX_NOTE } from '../db/annotations';
import { HIGHLIGHT_COLORS, type AnnotationRecord, type EntityCorrectionRecord, type HighlightColor } from '../db/schema';
import { ENTITY_TYPES } from '../entities/types';
import { normalizeUrl } from '../url';
import { FORMAT_VERSION, type MarginData } from './model';

/** A file that cannot be imported, with a message for the reader naming the problem. */
export class ImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportError';
  }
}

const MAX_FILE = 200 * 1024 * 1024;
const MAX_ANNOTATIONS = 500_000;
const MAX_ARTICLES = 100_000;

// --- Schemas -------------------------------------------------------------------------

const webUrl = v.pipe(
  v.string(),
  v.maxLength(4096),
  v.check((s) => {
    try {
      return ['http:', 'https:', 'file:'].includes(new URL(s).protocol);
    } catch {
      return false;
    }
  }, 'is not a web address (http, https or file)'),
);
const date = v.pipe(
  v.string(),
  v.maxLength(64),
  v.check((s) => !Number.isNaN(Date.parse(s)), 'is not a date'),
);
const text = (max: number) => v.pipe(v.string(), v.maxLength(max, `is longer than ${max} characters`));
const nullableText = (max: number) => v.nullish(text(max));

const quoteSelector = v.object({
  type: v.literal('TextQuoteSelector'),
  exact: v.pipe(text(100_000), v.minLength(1, 'is empty')),
  prefix: v.optional(text(1000), ''),
  suffix: v.optional(text(1000), ''),
});
const positionSelector = v.object({
  type: v.literal('TextPositionSelector'),
  start: v.pipe(v.number(), v.integer(), v.minValue(0)),
  end: v.pipe(v.number(), v.integer(), v.minValue(0)),
});
const anySelector = v.looseObject({ type: v.string() });
const target = v.looseObject({ source: webUrl, selector: v.optional(v.unknown()) });

/** A value or a list of values as a list (at most `max`); objects only. */
function list(value: unknown, where: string, max = 50): Record<string, unknown>[] {
  const items = value === undefined ? [] : Array.isArray(value) ? value : [value];
  if (items.length > max) throw new ImportError(`${where}: more than ${max} entries`);
  for (const [i, item] of items.entries()) {
    if (!item || typeof item !== 'object' || Array.isArray(item)) throw new ImportError(`${where}.${i}: is not an object`);
  }
  return items as Record<string, unknown>[];
}
const textualBody = v.looseObject({
  type: v.optional(v.string()),
  value: v.optional(text(MAX_NOTE)),
  purpose: v.optional(v.string()),
  format: v.optional(v.string()),
});
const entity = v.object({ text: text(500), type: v.picklist(ENTITY_TYPES) });

const w3cAnnotation = v.looseObject({
  id: v.optional(text(500)),
  type: v.optional(v.union([v.string(), v.array(v.string())])),
  created: v.optional(date),
  modified: v.optional(date),
  // One body or several, one target or several: normalised to lists and checked one by
  // one below (a loose object schema would otherwise take an array for an object).
  body: v.optional(v.unknown()),
  bodyValue: v.optional(text(MAX_NOTE)),
  target: v.unknown(),
  'margin:color': v.optional(v.picklist(HIGHLIGHT_COLORS)),
  'margin:articleId': v.optional(text(100)),
  'margin:entities': v.optional(v.pipe(v.array(entity), v.maxLength(1000))),
  'margin:orphaned': v.optional(v.boolean()),
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
  text: v.pipe(text(500), v.minLength(1)),
  action: v.picklist(['remove', 'set']),
  type: v.optional(v.picklist(ENTITY_TYPES)),
  createdAt: date,
  updatedAt: date,
});

const marginExport = v.looseObject({
  type: v.literal('AnnotationCollection'),
  'margin:version': v.literal(FORMAT_VERSION),
  first: v.looseObject({ items: v.pipe(v.array(v.unknown()), v.maxLength(MAX_ANNOTATIONS)) }),
  'margin:articles': v.pipe(v.array(marginArticle), v.maxLength(MAX_ARTICLES)),
  'margin:entityCorrections': v.optional(v.pipe(v.array(marginCorrection), v.maxLength(100_000)), []),
});

const hypothesisAnnotation = v.looseObject({
  id: text(200),
  uri: webUrl,
  text: v.optional(text(MAX_NOTE), ''),
  tags: v.optional(v.pipe(v.array(text(200)), v.maxLength(100)), []),
  created: date,
  updated: v.optional(date),
  target: v.pipe(v.array(v.looseObject({ source: webUrl, selector: v.optional(v.array(anySelector)) })), v.minLength(1)),
  document: v.optional(v.looseObject({ title: v.optional(v.union([v.array(text(2000)), text(2000)])) })),
});

function explain(issues: v.BaseIssue<unknown>[], where: string): string {
  const issue = issues[0];
  const path = v.getDotPath(issue);
  const at = [where, path].filter(Boolean).join('.');
  return `${at ? `${at}: ` : ''}${issue.message}`;
}

function parse<T extends v.GenericSchema>(schema: T, input: unknown, where: string): v.InferOutput<T> {
  const result = v.safeParse(schema, input);
  if (!result.success) throw new ImportError(explain(result.issues, where));
  return result.output;
}

// --- Ids --------------------------------------------------------------------------------

/** A stable id for things imported from other tools, so importing twice does not duplicate. */
export function stableId(key: string): string {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < key.length; i++) {
    const k = key.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  const hex = [h1, h2, h3, h4].map((h) => (h >>> 0).toString(16).padStart(8, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const UUID = /^(?:urn:uuid:)?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

// --- Conversion -------------------------------------------------------------------------

function ms(value: string | undefined, fallback: number): number {
  return value ? Date.parse(value) : fallback;
}

/** The article a highlight from another tool belongs to: one already read, or a placeholder (title, no text). */
function articleFor(articles: Map<string, ArticleRecord>, url: string, title: string | undefined, time: number): ArticleRecord {
  const known = articles.get(url);
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
  articles.set(url, article);
  return article;
}

function selectorsOf(list: v.InferOutput<typeof anySelector>[], where: string): Selectors {
  const quote = list.find((s) => s.type === 'TextQuoteSelector');
  if (!quote) throw new ImportError(`${where}: the target has no TextQuoteSelector, so Margin cannot find the text again`);
  const q = parse(quoteSelector, quote, `${where}.TextQuoteSelector`);
  const pos = list.find((s) => s.type === 'TextPositionSelector');
  const p = pos ? parse(positionSelector, pos, `${where}.TextPositionSelector`) : null;
  return {
    quote: q,
    // Without a position, one that never holds: the quote finds the text.
    position: p && p.end > p.start ? p : { type: 'TextPositionSelector', start: 0, end: 0 },
  };
}

function fromW3c(raw: unknown, index: number, now: number, articles: Map<string, ArticleRecord>): AnnotationRecord {
  const where = `annotation ${index + 1}`;
  const a = parse(w3cAnnotation, raw, where);
  const targets = list(a.target, `${where}.target`, 20);
  if (!targets.length) throw new ImportError(`${where}: it has no target`);
  const first = parse(target, targets[0], `${where}.target`);
  const selectorList = list(first.selector, `${where}.target.selector`, 20).map((sel, i) => parse(anySelector, sel, `${where}.target.selector.${i}`));
  const selectors = selectorsOf(selectorList, where);
  const url = normalizeUrl(first.source);
  const bodies = (typeof a.body === 'string' ? [] : list(a.body, `${where}.body`, 200)).map((b, i) => parse(textualBody, b, `${where}.body.${i}`));
  const notes = bodies.filter((b) => b.value !== undefined && b.purpose !== 'tagging').map((b) => b.value!);
  if (a.bodyValue) notes.unshift(a.bodyValue);
  const tags = bodies.filter((b) => b.purpose === 'tagging' && b.value).map((b) => b.value!);
  const created = ms(a.created, now);
  const article = articleFor(articles, url, undefined, created);
  const idMatch = a.id?.match(UUID);
  return {
    id: idMatch ? idMatch[1].toLowerCase() : stableId(`${url}\u0000${selectors.quote.exact}\u0000${a.id ?? ''}\u0000${a.created ?? ''}`),
    articleId: article.id,
    url,
    selectors,
    quote: selectors.quote.exact,
    color: (a['margin:color'] ?? 'yellow') as HighlightColor,
    note: notes.join('\n\n').slice(0, MAX_NOTE),
    tags: cleanTags(tags),
    entities: a['margin:entities'] ?? [],
    createdAt: created,
    updatedAt: ms(a.modified, created),
    orphaned: a['margin:orphaned'] ?? !article.textContent,
  };
}

function fromHypothesis(raw: unknown, index: number, now: number, articles: Map<string, ArticleRecord>): AnnotationRecord {
  const where = `annotation ${index + 1}`;
  const h = parse(hypothesisAnnotation, raw, where);
  const target = h.target[0];
  const selectors = selectorsOf(target.selector ?? [], where);
  const url = normalizeUrl(target.source || h.uri);
  const created = ms(h.created, now);
  const title = Array.isArray(h.document?.title) ? h.document?.title[0] : h.document?.title;
  const article = articleFor(articles, url, title, created);
  return {
    id: stableId(`hypothesis:${h.id}`),
    articleId: article.id,
    url,
    selectors,
    quote: selectors.quote.exact,
    color: 'yellow',
    note: h.text,
    tags: cleanTags(h.tags),
    entities: [],
    createdAt: created,
    updatedAt: ms(h.updated, created),
    orphaned: !article.textContent,
  };
}

function looksLikeHypothesis(item: unknown): boolean {
  return !!item && typeof item === 'object' && 'uri' in item && 'target' in item && Array.isArray((item as { target: unknown }).target);
}

/**
 * Read an import file: Margin's own export, any standard W3C Web Annotation JSON-LD
 * document (one annotation, an array, an AnnotationCollection or an AnnotationPage) whose
 * targets carry a source URL and a TextQuoteSelector, or Hypothesis' JSON export. The
 * whole file is validated before anything is written; the first problem is reported.
 */
export function parseImport(input: string, now = Date.now()): MarginData {
  if (input.length > MAX_FILE) throw new ImportError(`The file is larger than ${MAX_FILE / 1024 / 1024} MB`);
  if (!input.trim()) throw new ImportError('The file is empty');
  let json: unknown;
  try {
    json = JSON.parse(input.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new ImportError(`The file is not valid JSON (${(error as Error).message}) — it may be cut off or not an export`);
  }
  const articles = new Map<string, ArticleRecord>();
  const corrections: EntityCorrectionRecord[] = [];
  let items: unknown[];
  let convert = fromW3c;

  if (json && typeof json === 'object' && !Array.isArray(json) && 'margin:version' in json) {
    const version = (json as Record<string, unknown>)['margin:version'];
    if (version !== FORMAT_VERSION) {
      throw new ImportError(`This file is in Margin's format ${JSON.stringify(version)}; this version of Margin reads format ${FORMAT_VERSION}`);
    }
    const doc = parse(marginExport, json, '');
    for (const [k, a] of doc['margin:articles'].entries()) {
      const url = normalizeUrl(a.url);
      if (articles.has(url)) throw new ImportError(`margin:articles.${k}: a second article for ${url}`);
      const { entities, ...rest } = a;
      articles.set(url, { ...rest, url, savedAt: Date.parse(a.savedAt), updatedAt: Date.parse(a.updatedAt), ...(entities ? { entities } : {}) } as ArticleRecord);
    }
    for (const c of doc['margin:entityCorrections']) {
      if (c.action === 'set' && !c.type) throw new ImportError(`margin:entityCorrections: "${c.text}" sets no kind`);
      corrections.push({ id: c.id ?? stableId(`correction:${c.text}`), text: c.text, action: c.action, ...(c.type ? { type: c.type } : {}), createdAt: Date.parse(c.createdAt), updatedAt: Date.parse(c.updatedAt) });
    }
    items = doc.first.items;
  } else if (Array.isArray(json)) {
    items = json;
    if (items.length && looksLikeHypothesis(items[0])) convert = fromHypothesis;
  } else if (json && typeof json === 'object') {
    const o = json as Record<string, unknown>;
    const type = Array.isArray(o.type) ? o.type[0] : o.type;
    if (type === 'Annotation') items = [o];
    else if (type === 'AnnotationCollection') {
      const first = o.first as Record<string, unknown> | undefined;
      const page = first && typeof first === 'object' ? first.items : o.items;
      if (!Array.isArray(page)) throw new ImportError('The AnnotationCollection has no annotations in it (no "first" page with items)');
      items = page;
    } else if (type === 'AnnotationPage') {
      if (!Array.isArray(o.items)) throw new ImportError('The AnnotationPage has no "items"');
      items = o.items;
    } else if (Array.isArray(o.rows) && (o.rows.length === 0 || looksLikeHypothesis(o.rows[0]))) {
      items = o.rows;
      convert = fromHypothesis;
    } else {
      throw new ImportError('This is not a Margin export, a W3C Web Annotation document or a Hypothesis export');
    }
  } else {
    throw new ImportError('This is not a Margin export, a W3C Web Annotation document or a Hypothesis export');
  }
  if (items.length > MAX_ANNOTATIONS) throw new ImportError(`The file holds more than ${MAX_ANNOTATIONS} annotations`);

  const annotations = items.map((item, i) => convert(item, i, now, articles));
  const ids = new Set<string>();
  for (const [i, a] of annotations.entries()) {
    if (ids.has(a.id)) throw new ImportError(`annotation ${i + 1}: the id ${a.id} appears twice`);
    ids.add(a.id);
  }
  return { articles: [...articles.values()], annotations, corrections };
}

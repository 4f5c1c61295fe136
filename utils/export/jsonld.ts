import { entitiesJson } from './entity-pages';
import type { HighlightRecord } from '../db/schema';
import { ANNO_CONTEXT, FORMAT_VERSION, iso, MARGIN_NS, type MarginData } from './model';
import { codePointsIn } from './positions';
import { w3cSelector } from './selectors';

/**
 * The position to write, in code points (W3C §4.2.5): converted with the article's text (`points`, codePointsIn);
 * without text, the offsets as an imported file gave them (already code points), or none
 * when they are UTF-16 units that cannot be converted — an export never states what it
 * does not know. `internal` is then the UTF-16 position Margin keeps for itself.
 */
function exportedPosition(
  a: HighlightRecord,
  points: ((offset: number) => number) | undefined,
): { position?: { start: number; end: number }; internal?: { start: number; end: number } } {
  const p = a.selectors.position;
  if (!p) return {};
  if (points) return { position: { start: points(p.start), end: points(p.end) } };
  const given = a.imported?.position;
  if (given && given.start === p.start && given.end === p.end) return { position: given };
  return { internal: { start: p.start, end: p.end } };
}

function sameList(a: readonly string[] | undefined, b: readonly string[]): boolean {
  return !!a && a.length === b.length && a.every((x, i) => x === b[i]);
}

/**
 * The W3C Web Annotation data model (JSON-LD): one Annotation per highlight (a
 * TextQuoteSelector, and a TextPositionSelector in code points when the position is known,
 * the note as a commenting body, tags as tagging bodies). What an imported annotation
 * carried beyond that — other selectors (a PDF page), other targets, the original source
 * URL, its bodies as written, its id (as `via`) — goes back out as it came. What only
 * Margin needs sits in its own namespace ("margin:"), which other tools ignore.
 */
export function toW3cAnnotation(a: HighlightRecord, points?: (offset: number) => number) {
  const x = a.imported ?? {};
  const noteAsImported = (x.note ?? '') === a.note;
  let body: unknown;
  let bodyValue: string | undefined;
  if (x.body !== undefined && noteAsImported && sameList(x.tags, a.tags)) body = x.body;
  else if (x.bodyValue && noteAsImported && !a.tags.length) bodyValue = a.note;
  else {
    const bodies: Record<string, string>[] = [];
    if (a.note) bodies.push({ type: 'TextualBody', value: a.note, format: 'text/plain', purpose: 'commenting' });
    for (const tag of a.tags) bodies.push({ type: 'TextualBody', value: tag, purpose: 'tagging' });
    if (bodies.length) body = bodies;
  }
  const { position, internal } = exportedPosition(a, points);
  const { exact, prefix, suffix } = a.selectors.quote;
  // Objects are built by assignment, in the order their keys are written, rather than from
  // spreads of optional parts: at 100k highlights an export is mostly this and JSON.stringify.
  // An empty prefix or suffix says nothing: written only when there is one.
  const quote: Record<string, unknown> = { type: 'TextQuoteSelector', exact };
  if (prefix) quote.prefix = prefix;
  if (suffix) quote.suffix = suffix;
  // A quote the file scoped (inside a FragmentSelector's refinedBy, or refined itself) is among `others`, as written: not also at top level.
  const selector: unknown[] = x.quoteScoped ? [] : [quote];
  if (position) selector.push({ type: 'TextPositionSelector', start: position.start, end: position.end });
  const { selectors: others, pages } = x.selectors?.length ? pageSelectors(x.selectors.map(w3cSelector), quote) : NO_SELECTORS;
  selector.push(...others);
  const target: Record<string, unknown> = x.targetProperties ? { ...x.targetProperties } : {};
  if (pages.length) target['margin:selector'] = pages;
  target.source = x.source ?? a.url;
  target.selector = selector.length === 1 && x.quoteScoped ? selector[0] : selector;
  const edited = a.updatedAt !== a.createdAt;
  const written = (ms: number, as: string | undefined) => (as !== undefined && sameInstant(as, ms) ? as : iso(ms));
  // What the file said that Margin has no field for comes first, so that Margin's own keys win.
  const out: Record<string, unknown> = x.properties ? { ...x.properties } : {};
  out.id = `urn:uuid:${a.id}`;
  out.type = x.type ?? 'Annotation';
  out.motivation = x.motivation ?? (a.note ? 'commenting' : 'highlighting');
  if (!x.undated) out.created = written(a.createdAt, x.created);
  // Margin's own highlights always say when they changed; imported ones only when the file or the reader did.
  if (edited || !a.imported || x.modified !== undefined) out.modified = written(a.updatedAt, x.modified);
  // Where it came from: W3C's `via` takes an IRI; any other id of the file goes in Margin's namespace.
  if (x.id) out[/^[a-z][a-z0-9+.-]*:\S+$/i.test(x.id) ? 'via' : 'margin:sourceId'] = x.id;
  if (body !== undefined) out.body = body;
  if (bodyValue !== undefined) out.bodyValue = bodyValue;
  out.target = x.target !== undefined ? x.target : x.targets ? [target, ...x.targets] : target;
  out['margin:color'] = a.color;
  out['margin:articleId'] = a.articleId;
  out['margin:entities'] = a.entities;
  out['margin:orphaned'] = a.orphaned;
  if (internal) out['margin:position'] = internal;
  // The note as the file gave it, once the reader has changed it: a file imported again then says nothing new (transfer.ts).
  if (x.note !== undefined && !noteAsImported) out['margin:importedNote'] = x.note;
  return out;
}

const NO_SELECTORS: { selectors: unknown[]; pages: unknown[] } = { selectors: [], pages: [] };

/** A date as written (always with a zone: utils/export/import/common.ts, writtenDate) stands for `ms` when it reads back to it. */
function sameInstant(written: string, ms: number): boolean {
  return Date.parse(written) === ms;
}

const RFC3778 = 'http://tools.ietf.org/rfc/rfc3778';

/**
 * Hypothesis' PageSelector ({index, label}) is no W3C selector: it goes under Margin's namespace
 * as written, and into the W3C list in its standard form, a FragmentSelector for the PDF page
 * (RFC 3778 counts pages from 1) refined by the quote, so that it selects the same passage.
 */
function pageSelectors(selectors: unknown[], quote: unknown): { selectors: unknown[]; pages: unknown[] } {
  const pages: unknown[] = [];
  const out: unknown[] = [];
  const fragments: unknown[] = [];
  for (const s of selectors) {
    const r = s as { type?: unknown; index?: unknown } | null;
    if (r && typeof r === 'object' && r.type === 'PageSelector') {
      pages.push(s);
      if (Number.isInteger(r.index) && (r.index as number) >= 0)
        fragments.push({ type: 'FragmentSelector', conformsTo: RFC3778, value: `page=${(r.index as number) + 1}`, refinedBy: quote });
    } else out.push(s);
  }
  return { selectors: [...out, ...fragments], pages };
}

export function marginJson(data: MarginData, generated = Date.now()): string {
  const points = new Map(data.articles.filter((a) => a.textContent).map((a) => [a.id, codePointsIn(a.textContent)]));
  const id = `urn:uuid:${crypto.randomUUID()}`;
  const document = {
    '@context': [ANNO_CONTEXT, { margin: MARGIN_NS }],
    id,
    type: 'AnnotationCollection',
    label: 'Margin — highlights and notes',
    generator: { id: 'https://margin-reader.app', type: 'Software', name: 'Margin' },
    generated: iso(generated),
    total: data.annotations.length,
    'margin:version': FORMAT_VERSION,
    // The W3C model requires the page's own IRI too (§6.1).
    first: {
      id: `${id}#page-1`,
      type: 'AnnotationPage',
      partOf: { id },
      startIndex: 0,
      items: data.annotations.map((a) => toW3cAnnotation(a, points.get(a.articleId))),
    },
    'margin:articles': data.articles.map((a) => ({ ...a, savedAt: iso(a.savedAt), updatedAt: iso(a.updatedAt) })),
    'margin:entityCorrections': data.corrections.map((c) => ({ ...c, createdAt: iso(c.createdAt), updatedAt: iso(c.updatedAt) })),
    // Derived (issue 24): the people, organisations and places, with merges, notes, articles and highlights.
    'margin:entities': entitiesJson(data),
  };
  // Compact: at 100k highlights, indenting would make the file a third larger and the export half again as slow.
  return JSON.stringify(document);
}

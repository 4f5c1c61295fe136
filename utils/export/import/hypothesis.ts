import * as v from 'valibot';
import type { TextQuoteSelector } from '../../anchoring';
import { MAX_NOTE, newHighlightRecord } from '../../db/highlights';
import type { HighlightRecord, ImportedExtras } from '../../db/schema';
import { normalizeUrl } from '../../url';
import { stableId } from '../ids';
import { w3cSelector } from '../selectors';
import {
  anySelector,
  articleFor,
  cleaned,
  date,
  findSelectors,
  internalSelectors,
  isObject,
  LIMITS,
  parse,
  readDate,
  Skip,
  tagsAsWritten,
  text,
  webUrl,
  writtenDate,
  type Context,
  type Found,
} from './common';

/*
 * Hypothesis' annotations (its "Export annotations" file and its API's rows) as Margin highlights.
 * Hypothesis counts offsets in UTF-16, as Margin does, and writes its RangeSelector, kept as written.
 */

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

/** The fields Margin reads itself; every other one (user, group, permissions, links, user_info, hidden, flagged…) is kept as written and given back. */
const HYPOTHESIS_OWN = new Set(['id', 'text', 'tags', 'created', 'updated', 'target', 'references']);

export function fromHypothesis(raw: unknown, index: number, ctx: Context): HighlightRecord {
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
  const created = h.created ? readDate(h.created, ctx) : ctx.now;
  const updated = h.updated ? readDate(h.updated, ctx) : created;
  const title = Array.isArray(h.document?.title) ? h.document?.title[0] : h.document?.title;
  const article = articleFor(ctx, url, title, created);
  // Given back on export as the annotation's `via`: where it came from.
  const extras: ImportedExtras = { id: `https://hypothes.is/a/${h.id}` };
  // Hypothesis counts offsets in UTF-16, as Margin does.
  const selectors = internalSelectors(chosen.found as Found & { quote: TextQuoteSelector }, article, 'utf16', extras);
  if (written !== url) extras.source = written;
  if (chosen.found.others.length) extras.selectors = chosen.found.others.map(w3cSelector);
  if (chosen.found.quoteScoped) extras.quoteScoped = true;
  // Hypothesis writes microseconds: given back as written.
  if (h.created) extras.created = writtenDate(h.created, created);
  if (h.updated) extras.modified = writtenDate(h.updated, updated);
  if (!h.created) extras.undated = true;
  if (h.text) extras.note = h.text;
  const properties = Object.fromEntries(Object.entries(raw as Record<string, unknown>).filter(([k]) => !HYPOTHESIS_OWN.has(k)));
  if (Object.keys(properties).length) extras.properties = properties;
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
    updatedAt: updated,
    orphaned: !article.textContent,
    imported: cleaned(extras),
  });
}

export function looksLikeHypothesis(item: unknown): boolean {
  return isObject(item) && 'uri' in item && Array.isArray(item.target);
}

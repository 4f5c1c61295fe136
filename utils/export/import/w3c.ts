import * as v from 'valibot';
import type { TextQuoteSelector } from '../../anchoring';
import { MAX_NOTE, newHighlightRecord } from '../../db/highlights';
import { HIGHLIGHT_COLORS, type HighlightRecord, type ImportedExtras } from '../../db/schema';
import { normalizeUrl } from '../../url';
import { stableId } from '../ids';
import {
  articleFor,
  date,
  entity,
  findSelectors,
  internalSelectors,
  invalid,
  iri,
  isObject,
  list,
  offset,
  parse,
  cleaned,
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
 * A W3C Web Annotation (https://www.w3.org/TR/annotation-model/) as a Margin highlight: one
 * annotation of any W3C document, or of Margin's own export (its `margin:` properties read too).
 */

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

/** A Margin (UUID) id, bare or as a `urn:uuid:`. */
const UUID = /^(?:urn:uuid:)?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

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

interface Bodies {
  notes: string[];
  tags: string[];
  /**
   * Something in the bodies besides one plain commenting note and tags (a Choice, a link, a
   * language, two notes, a note without a purpose…): the bodies go back out as written.
   */
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
    if (!plainKeys || (b.format !== undefined && b.format !== 'text/plain') || (purpose !== 'tagging' && purpose !== 'commenting')) out.special = true;
  });
  // Margin keeps one note: two notes are joined in it, and their bodies kept as they were.
  if (out.notes.length > 1) out.special = true;
  return out;
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

/** At most `max` UTF-16 units, never half a surrogate pair. */
function shorten(value: string, max: number): string {
  const end = /[\ud800-\udbff]/.test(value.charAt(max - 1)) ? max - 1 : max;
  return value.slice(0, end);
}

export function fromW3c(raw: unknown, index: number, ctx: Context, margin: boolean): HighlightRecord {
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
      return { ...s, found: findSelectors(s.selector, place, margin && ctx.positionUnit === 'utf16'), raw: t, within: !!members };
    });
  });
  // §3.2.5: an annotation has a body or a bodyValue, never both. Bodies are checked before an item is skipped, as targets are.
  if (a.body !== undefined && a.bodyValue !== undefined) throw invalid(where, 'has both body and bodyValue');
  const bodies = readBodies(a.body, where);
  const chosen = read.find((t) => t.found.quote);
  if (!chosen) throw new Skip(read.every((t) => notText(t.rest) || notText(t.written)) ? 'not-text' : 'no-quote');
  if (!chosen.found.quote!.exact) throw new Skip('empty-quote');
  const notes = a.bodyValue !== undefined ? [a.bodyValue, ...bodies.notes] : bodies.notes;
  let note = notes.join('\n\n');
  if (note.length > MAX_NOTE) {
    // Longer than a note can be: shortened in Margin and said in the report; the bodies are kept whole and given back.
    note = shorten(note, MAX_NOTE);
    bodies.special = true;
    ctx.notices.shortened.push(index + 1);
  }
  const tags = tagsAsWritten(bodies.tags);
  const url = normalizeUrl(chosen.url);
  const created = a.created ? readDate(a.created, ctx) : ctx.now;
  const modified = a.modified ? readDate(a.modified, ctx) : created;
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
  if (chosen.found.quoteScoped) extras.quoteScoped = true;
  if (Array.isArray(a.type) && a.type.includes('Annotation')) extras.type = a.type;
  if (a.created) extras.created = writtenDate(a.created, created);
  if (a.modified) extras.modified = writtenDate(a.modified, modified);
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
    extras.tags = tags;
  } else if (a.bodyValue !== undefined && !tags.length) extras.bodyValue = true;
  // The note as imported (see ImportedExtras.note). Margin's own file says it when the reader has changed it since;
  // otherwise it is the note, for an annotation that came from another tool (one with anything of the file kept).
  const importedNote = margin ? raw['margin:importedNote'] : undefined;
  if (typeof importedNote === 'string' && importedNote.length <= MAX_NOTE) extras.note = importedNote;
  else if (note && (bodies.special || !margin || Object.keys(cleaned(extras) ?? {}).length)) extras.note = note;
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
    updatedAt: modified,
    orphaned: a['margin:orphaned'] ?? !article.textContent,
    imported: cleaned(extras),
  });
}

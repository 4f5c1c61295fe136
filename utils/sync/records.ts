import * as v from 'valibot';
import { MAX_NOTE } from '../db/highlights';
import {
  CORRECTION_ACTIONS,
  HIGHLIGHT_COLORS,
  type HighlightRecord,
  type ArticleBody,
  type ArticleRow,
  type EntityCorrectionRecord,
  type SyncSeenRow,
} from '../db/schema';
import { ENTITY_TYPES } from '../entities/types';
import { describeShapeProblem, ENTITY_EDIT_MAX, MAX_BODY_HTML, MAX_BODY_RECORD_CHARS, MAX_BODY_TEXT, shapeProblem } from '../limits';
import { normalizeUrl } from '../url';

/**
 * What one replicated document carries (issue 10), how it is checked when it arrives, and
 * how two versions of it merge. Ids: 'a:' + highlight id, 'r:' + article id (its row), 'b:' +
 * article id (its body). The payload is stored as `p` in clear, or sealed as `x` (crypto.ts).
 *
 * Issue 21: every payload carries `n`, the document's version counter (the version it was
 * written over, plus one), inside the seal: a device refuses a version no newer than one it
 * has already had (a replay, engine.ts). A deletion is a payload too — a tombstone (`k: 'd'`),
 * sealed like any change — so a server cannot forge one with CouchDB's bare `_deleted`.
 */

/** 'c:' + correction id: the reader's entity corrections; 's:' + key: a preference (issue 21). */
export type DocKind = 'a' | 'r' | 'b' | 'c' | 's';

/** The Dexie table each kind of document is the record of, and back. */
export const TABLE_OF = { a: 'annotations', r: 'articles', b: 'bodies', c: 'entityCorrections', s: 'settings' } as const;
export type SyncedTableName = (typeof TABLE_OF)[DocKind];
export const KIND_OF: Record<SyncedTableName, DocKind> = { annotations: 'a', articles: 'r', bodies: 'b', entityCorrections: 'c', settings: 's' };

/** Per-field modification times of a highlight: each field merges on its own, the later edit winning. */
export interface FieldTimes {
  color: number;
  note: number;
  tags: number;
}

interface Versioned {
  /** The document's version counter (absent in documents of earlier versions: 0). */
  n?: number;
}

export interface HighlightPayload extends Versioned {
  k: 'a';
  rec: HighlightRecord;
  t: FieldTimes;
  /** Hashes of the notes this note was written over: tells "edited from the other" from "both edited". */
  nh: string[];
}

export type ArticlePayload = Versioned & { k: 'r'; rec: Omit<ArticleRow, 'facets'> };
export type BodyPayload = Versioned & { k: 'b'; rec: ArticleBody; at: number };
export type CorrectionPayload = Versioned & { k: 'c'; rec: EntityCorrectionRecord };
/** A preference: its key and value, and when this device changed it. */
export type SettingPayload = Versioned & { k: 's'; rec: { key: string; value: unknown }; at: number };
/** The record `id` of kind `of` was deleted at `at`. */
export type Tombstone = Versioned & { k: 'd'; of: DocKind; id: string; at: number };
export type LivePayload = HighlightPayload | ArticlePayload | BodyPayload | CorrectionPayload | SettingPayload;
export type Payload = LivePayload | Tombstone;

/** Above a note kept beside another device's version of it. One text for every device, so both merge to the same note. */
export const SYNC_CONFLICT_HEADING = '— Version from another device (differs from the note above) · 다른 기기의 메모 (위 메모와 달라요) —';

const NOTE_HISTORY = 64;

export const docId = (kind: DocKind, id: string) => `${kind}:${id}`;

export function parseDocId(id: string): { kind: DocKind; id: string } | undefined {
  const m = /^([arbcs]):(.{1,200})$/s.exec(id);
  return m ? { kind: m[1] as DocKind, id: m[2]! } : undefined;
}

/** FNV-1a, 32-bit: a short fingerprint of a note (inside the payload, sealed with it). */
export function noteHash(note: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < note.length; i++) {
    h ^= note.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return `${(h >>> 0).toString(36)}.${note.length.toString(36)}`;
}

// --- Validation ----------------------------------------------------------------------

const text = (max: number) => v.pipe(v.string(), v.maxLength(max));
const time = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1e13));
const id = v.pipe(v.string(), v.minLength(1), v.maxLength(200));
const anyWebUrl = v.pipe(
  text(4096),
  v.check((s) => {
    try {
      return ['http:', 'https:', 'file:'].includes(new URL(s).protocol);
    } catch {
      return false;
    }
  }, 'is not a web address'),
);
// An article's URL, normalised as it arrives (a device of another version, or a server, may send
// a share link's form): the article is then found by the one URL it is known by here.
const webUrl = v.pipe(anyWebUrl, v.transform(normalizeUrl));
const counter = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(Number.MAX_SAFE_INTEGER));
const offset = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(2 ** 31));
const entity = v.strictObject({ text: text(500), type: v.picklist(ENTITY_TYPES) });

// Exactly HighlightRecord's fields (`satisfies`: tsc fails on one missing or extra), so a field added to the record cannot make every synced highlight refused.
const highlightRecord = v.strictObject({
  id,
  articleId: id,
  url: webUrl,
  selectors: v.strictObject({
    quote: v.strictObject({ type: v.literal('TextQuoteSelector'), exact: text(100_000), prefix: text(100_000), suffix: text(100_000) }),
    position: v.optional(v.strictObject({ type: v.literal('TextPositionSelector'), start: offset, end: offset })),
  }),
  quote: text(100_000),
  color: v.picklist(HIGHLIGHT_COLORS),
  note: text(MAX_NOTE),
  tags: v.pipe(v.array(text(80)), v.maxLength(1000)),
  entities: v.pipe(v.array(entity), v.maxLength(10_000)),
  createdAt: time,
  updatedAt: time,
  orphaned: v.boolean(),
  // What another tool's file said (utils/db/schema.ts ImportedExtras): kept as written, never interpreted as HTML.
  imported: v.optional(v.record(v.string(), v.unknown())),
} satisfies Record<keyof HighlightRecord, v.GenericSchema>);

const highlightPayload = v.strictObject({
  k: v.literal('a'),
  rec: highlightRecord,
  t: v.strictObject({ color: time, note: time, tags: time }),
  nh: v.pipe(v.array(text(40)), v.maxLength(NOTE_HISTORY)),
  n: v.optional(counter),
});

const nullable = (max: number) => v.nullable(text(max));
const articlePayload = v.strictObject({
  k: v.literal('r'),
  rec: v.strictObject({
    id,
    url: webUrl,
    title: text(10_000),
    byline: nullable(10_000),
    siteName: nullable(1000),
    lang: nullable(100),
    publishedTime: nullable(100),
    excerpt: nullable(100_000),
    savedAt: time,
    updatedAt: time,
    savedUrl: v.optional(anyWebUrl),
    publishedAt: v.number(),
    entities: v.pipe(
      v.array(v.strictObject({ text: text(500), type: v.picklist(ENTITY_TYPES), count: v.pipe(v.number(), v.integer(), v.minValue(0)) })),
      v.maxLength(10_000),
    ),
  }),
  n: v.optional(counter),
});

const bodyPayload = v.strictObject({
  k: v.literal('b'),
  rec: v.strictObject({ id, contentHtml: text(MAX_BODY_HTML), textContent: text(MAX_BODY_TEXT) }),
  at: time,
  n: v.optional(counter),
});

const correctionPayload = v.strictObject({
  k: v.literal('c'),
  rec: v.strictObject({
    id,
    text: v.pipe(text(500), v.minLength(1)),
    action: v.picklist(CORRECTION_ACTIONS),
    type: v.optional(v.picklist(ENTITY_TYPES)),
    // The entity explorer's merges, splits and notes (issue 24) travel like the recogniser's corrections.
    key: v.optional(text(ENTITY_EDIT_MAX.key)),
    into: v.optional(text(ENTITY_EDIT_MAX.into)),
    form: v.optional(text(ENTITY_EDIT_MAX.form)),
    note: v.optional(text(ENTITY_EDIT_MAX.note)),
    createdAt: time,
    updatedAt: time,
  } satisfies Record<keyof EntityCorrectionRecord, v.GenericSchema>),
  n: v.optional(counter),
});

// Each synced preference with what it may hold (utils/background/settings.ts reads them as leniently).
const settingValue = v.variant('key', [
  v.strictObject({
    key: v.literal('preferences'),
    // A preference a later version adds passes through this one untouched, at most 32 in all: a
    // device that does not know it keeps it (settings.ts writes it back), where a strict shape made
    // devices from before the page toolbar refuse the whole record.
    value: v.pipe(
      v.looseObject({
        toolbarOpens: v.picklist(['popup', 'panel']),
        textSize: v.picklist(['small', 'medium', 'large', 'x-large']),
        // Optional: devices from before the on-page toolbar (issue 22, item 7) send none.
        pageToolbar: v.optional(v.boolean()),
      }),
      v.check((value) => Object.keys(value).length <= 32, 'holds more than 32 preferences'),
    ),
  }),
  v.strictObject({ key: v.literal('hiddenEntityKinds'), value: v.pipe(v.array(v.picklist(ENTITY_TYPES)), v.maxLength(ENTITY_TYPES.length)) }),
]);
const settingPayload = v.strictObject({ k: v.literal('s'), rec: settingValue, at: time, n: v.optional(counter) });

const tombstone = v.strictObject({ k: v.literal('d'), of: v.picklist(['a', 'r', 'b', 'c', 's']), id, at: time, n: v.optional(counter) });

const payloadSchema = v.variant('k', [highlightPayload, articlePayload, bodyPayload, correctionPayload, settingPayload, tombstone]);

/** A checked payload for the document `docIdText`, or the reason it is refused. */
export function validatePayload(docIdText: string, value: unknown): { ok: true; payload: Payload } | { ok: false; reason: string } {
  const parsedId = parseDocId(docIdText);
  if (!parsedId) return { ok: false, reason: 'unknown document id' };
  // The shape first, without recursion: valibot and everything after it walk the value recursively.
  const shape = shapeProblem(value, undefined, parsedId.kind === 'b' ? MAX_BODY_RECORD_CHARS : undefined);
  if (shape) return { ok: false, reason: `${recordName(docIdText, value)} is ${describeShapeProblem(shape)}` };
  const result = v.safeParse(payloadSchema, value);
  if (!result.success) {
    const issue = result.issues[0];
    const path = issue.path?.map((p) => String(p.key)).join('.') ?? '';
    return { ok: false, reason: `${path ? path + ': ' : ''}${issue.message}` };
  }
  const payload = result.output as Payload;
  if (payload.k === 'd') {
    if (payload.of !== parsedId.kind || payload.id !== parsedId.id) return { ok: false, reason: 'the deletion does not match its document id' };
    return { ok: true, payload };
  }
  const recId = payload.k === 's' ? payload.rec.key : payload.rec.id;
  if (payload.k !== parsedId.kind || recId !== parsedId.id) return { ok: false, reason: 'the record does not match its document id' };
  if (payload.k === 'a' && payload.rec.quote !== payload.rec.selectors.quote.exact) return { ok: false, reason: 'quote differs from its selector' };
  return { ok: true, payload };
}

/** A record named for the reader: its id and, when it has one, the start of its quote, note or title. */
export function recordName(docIdText: string, value?: unknown): string {
  const rec = (value as { rec?: Record<string, unknown> } | undefined)?.rec;
  const label = [rec?.quote, rec?.note, rec?.title, rec?.text].find((x): x is string => typeof x === 'string' && x.length > 0);
  const kinds: Record<string, string> = { a: 'highlight', r: 'article', b: 'article text', c: 'entity correction', s: 'preference' };
  const kind = docIdText[1] === ':' ? (kinds[docIdText[0]!] ?? 'document') : 'document';
  return `${kind} ${docIdText.slice(2, 62)}${label ? ` “${label.slice(0, 40)}”` : ''}`;
}

/** The version counter of a payload (0 for documents written before it existed). */
export const versionOf = (payload: Payload | undefined) => payload?.n ?? 0;

// --- From and to the local records --------------------------------------------------

/** Canonical JSON (sorted keys), to tell whether two records say the same. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, val: unknown) =>
    val && typeof val === 'object' && !Array.isArray(val)
      ? Object.fromEntries(
          Object.entries(val as Record<string, unknown>)
            .filter(([, x]) => x !== undefined)
            .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : val,
  );
}

/** A 64-bit digest of a text (two FNV-1a variants and the length): tells a record that changed from one that did not. */
export function digest(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15);
  }
  return `${(a >>> 0).toString(36)}.${(b >>> 0).toString(36)}.${text.length.toString(36)}`;
}

/** What the next version of a highlight needs of the version it follows (kept per document: SyncSeenRow.base). */
export type HighlightBase = NonNullable<SyncSeenRow['base']>;

export function highlightBase(p: HighlightPayload): HighlightBase {
  return { c: p.rec.color, nt: noteHash(p.rec.note), tg: digest(canonical(p.rec.tags)), t: p.t, nh: p.nh };
}

/**
 * The payload for a highlight as it is here, given what the replicated version it follows said
 * (if any): each field that changed takes the record's time, the others keep theirs, and a
 * changed note remembers the one it replaced.
 */
export function highlightPayloadOver(rec: HighlightRecord, base: HighlightBase | undefined): HighlightPayload {
  if (!base) return { k: 'a', rec, t: { color: rec.updatedAt, note: rec.updatedAt, tags: rec.updatedAt }, nh: [] };
  const at = Math.max(rec.updatedAt, ...Object.values(base.t));
  const noteChanged = base.nt !== noteHash(rec.note);
  return {
    k: 'a',
    rec,
    t: {
      color: base.c !== rec.color ? at : base.t.color,
      note: noteChanged ? at : base.t.note,
      tags: base.tg !== digest(canonical(rec.tags)) ? at : base.t.tags,
    },
    nh: noteChanged ? [...base.nh.filter((h) => h !== base.nt), base.nt].slice(-NOTE_HISTORY) : base.nh,
  };
}

/** The same, given the previous payload itself. */
export function highlightPayloadFor(rec: HighlightRecord, previous: HighlightPayload | undefined): HighlightPayload {
  return highlightPayloadOver(rec, previous && highlightBase(previous));
}

export function articlePayloadFor(row: ArticleRow): ArticlePayload {
  const { facets: _facets, ...rec } = row;
  return { k: 'r', rec };
}

// --- Merge ---------------------------------------------------------------------------

/** Later first; ties broken by the value itself so every device picks the same. */
function later<T>(a: T, ta: number, b: T, tb: number): T {
  if (ta !== tb) return ta > tb ? a : b;
  return canonical(a) >= canonical(b) ? a : b;
}

const SECTION_BREAK = `\n\n${SYNC_CONFLICT_HEADING}\n`;
/** A note's versions as sync kept them: the parts between conflict headings. */
const noteSections = (note: string) => note.split(SECTION_BREAK);

export interface MergeNote {
  /** Both devices changed the note: both texts are kept, one under SYNC_CONFLICT_HEADING. */
  conflict: boolean;
}

/**
 * Two versions of one highlight, merged the same way on every device whatever their order:
 * colour and tags each take the later edit; the note takes the version written over the
 * other, the one that contains the other, or — when both were edited — both, the later
 * first and the other under SYNC_CONFLICT_HEADING, for the reader to resolve.
 */
export function mergeHighlights(a: HighlightPayload, b: HighlightPayload): { payload: HighlightPayload } & MergeNote {
  const base = later(a, a.rec.updatedAt, b, b.rec.updatedAt);
  const color = later(a.rec.color, a.t.color, b.rec.color, b.t.color);
  const tags = later(a.rec.tags, a.t.tags, b.rec.tags, b.t.tags);
  let note: string;
  let conflict = false;
  const na = a.rec.note;
  const nb = b.rec.note;
  if (na === nb) note = na;
  else if (a.nh.includes(noteHash(nb))) note = na;
  else if (b.nh.includes(noteHash(na))) note = nb;
  else if (na.includes(nb)) note = na;
  else if (nb.includes(na)) note = nb;
  else {
    // Kept as sections under the heading, each once: merging merges again (two devices, or a
    // merge met with a version it already holds) adds only what neither had, never a copy.
    const first = later(a, a.t.note, b, b.t.note);
    const second = first === a ? b : a;
    const parts = noteSections(first.rec.note);
    const theirs = noteSections(second.rec.note);
    const extra = theirs.filter((part) => !parts.includes(part));
    if (!extra.length) note = first.rec.note;
    else if (parts.every((part) => theirs.includes(part))) note = second.rec.note;
    else {
      conflict = true;
      note = [...parts, ...extra].join(SECTION_BREAK);
    }
  }
  const nh = [...new Set([...a.nh, ...b.nh, ...(note !== na ? [noteHash(na)] : []), ...(note !== nb ? [noteHash(nb)] : [])])].sort().slice(-NOTE_HISTORY);
  const times: FieldTimes = { color: Math.max(a.t.color, b.t.color), note: Math.max(a.t.note, b.t.note), tags: Math.max(a.t.tags, b.t.tags) };
  const updatedAt = Math.max(a.rec.updatedAt, b.rec.updatedAt);
  return { payload: { k: 'a', rec: { ...base.rec, color, tags, note, updatedAt }, t: times, nh }, conflict };
}

/** When a live version was last written (a deletion is compared with it). */
function writtenAt(p: LivePayload): number {
  return p.k === 'b' || p.k === 's' ? p.at : p.rec.updatedAt;
}

/**
 * Any two versions of one document, merged deterministically; the result's counter is above
 * both. A deletion beside a live version: the live one wins when it was written after the
 * deletion (an edit made elsewhere meanwhile is kept); otherwise the deletion stands — and on
 * the device that had the edit the deleted record goes to the trash, so nothing is lost for good.
 */
export function mergePayloads(a: Payload, b: Payload): { payload: Payload } & MergeNote {
  const merged = mergeBodies(a, b);
  return { ...merged, payload: { ...merged.payload, n: Math.max(versionOf(a), versionOf(b)) + 1 } };
}

function mergeBodies(a: Payload, b: Payload): { payload: Payload } & MergeNote {
  if (a.k === 'd' && b.k === 'd') return { payload: later(a, a.at, b, b.at), conflict: false };
  if (a.k === 'd' || b.k === 'd') {
    const [gone, live] = (a.k === 'd' ? [a, b] : [b, a]) as [Tombstone, LivePayload];
    return { payload: writtenAt(live) > gone.at ? live : gone, conflict: false };
  }
  if (a.k === 'a' && b.k === 'a') return mergeHighlights(a, b);
  if (a.k === 'r' && b.k === 'r') return { payload: later(a, a.rec.updatedAt, b, b.rec.updatedAt), conflict: false };
  if (a.k === 'b' && b.k === 'b') return { payload: later(a, a.at, b, b.at), conflict: false };
  if (a.k === 'c' && b.k === 'c') return { payload: later(a, a.rec.updatedAt, b, b.rec.updatedAt), conflict: false };
  if (a.k === 's' && b.k === 's') return { payload: later(a, a.at, b, b.at), conflict: false };
  return { payload: later(a, 0, b, 0), conflict: false };
}

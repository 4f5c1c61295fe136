import type { TextPositionSelector } from '../../anchoring';
import type { EntityCorrectionRecord, HighlightRecord } from '../../db/schema';
import { contentKey, stableId } from '../ids';
import type { MarginData } from '../model';
import { counted, ImportError, invalid, isObject, LIMITS, Skip, type Context, type ImportNotices, type SkipReason, type SkipReport } from './common';
import { fromHypothesis, looksLikeHypothesis } from './hypothesis';
import { readMargin } from './margin';
import { fromW3c } from './w3c';
import { MAX_DEPTH, shapeProblem } from '../../limits';

/*
 * Reading an import file (README, "Library, search, export and import"): this module tells the
 * formats apart, applies the limits and collects skips; each format is read in its own module —
 * w3c.ts (any W3C Web Annotation document), margin.ts (Margin's own export) and hypothesis.ts —
 * with what they share in common.ts.
 */

export { contentKey, stableId };
export { ImportError, LIMITS, type ImportErrorCode, type ImportNotices, type SkipReason, type SkipReport } from './common';

export type ParsedImport = MarginData & { skipped: SkipReport; notices: ImportNotices };

/** Levels of a file above its records (a collection, its page, its items). */
const FILE_LEVELS = 4;

/** "first.items.2.target…" → "annotation 3"; the file itself when no item is named. */
function placeOf(path: string): string {
  const m = /^(?:(?:first\.)?items|annotations|rows|margin:articles|articles)?\.?(\d+)(?:\.|$)/.exec(path);
  if (m) return `${/articles/.test(path.split('.')[0] ?? '') ? 'article' : 'annotation'} ${Number(m[1]) + 1}`;
  return path ? `the file (at ${path.slice(0, 60)})` : 'the file';
}

const WRONG_KIND = 'This is not a Margin export, a W3C Web Annotation document or a Hypothesis export';

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
  // Issue 21: a record nested thousands deep would overflow every recursive walk after this one
  // (validation, IndexedDB's structured clone, sync). The shared guard (utils/limits.ts), which does not recurse, names it.
  const shape = shapeProblem(json, MAX_DEPTH + FILE_LEVELS, Infinity);
  if (shape) {
    const at = placeOf(shape.at);
    throw new ImportError(`${at} is nested more than ${MAX_DEPTH} levels deep: Margin does not import it`, 'too-deep', { at, limit: String(MAX_DEPTH) });
  }
  const ctx: Context = { now, articles: new Map(), positionUnit: 'code-points', notices: { shortened: [], floatingDates: 0 } };
  let corrections: EntityCorrectionRecord[] = [];
  let items: unknown[];
  let kind: 'margin' | 'w3c' | 'hypothesis' = 'w3c';

  if (isObject(json) && 'margin:version' in json) {
    kind = 'margin';
    ({ items, corrections } = readMargin(json, ctx));
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
  return { articles: [...ctx.articles.values()], annotations, corrections, skipped, notices: ctx.notices };
}

/** One and many: "1 reply", "2 replies". */
const SKIP_WORDS: Record<SkipReason, [string, string]> = {
  reply: ['reply', 'replies'],
  'page-note': ['page note', 'page notes'],
  'no-quote': ['without a text quote', 'without a text quote'],
  'not-text': ['on an image, video or sound, not text', 'on an image, video or sound, not text'],
  'empty-quote': ['with an empty quote', 'with an empty quote'],
  'not-a-web-page': ['on a local file, not a web page', 'on a local file, not a web page'],
};

/** "2 replies, 1 page note (items 3, 5, 9)" — the English summary the CLI and errors use. */
export function describeSkips(s: SkipReport): string {
  const counts = Object.entries(s.byReason).map(([reason, n]) => `${n} ${SKIP_WORDS[reason as SkipReason][n === 1 ? 0 : 1]}`);
  return `${counts.join(', ')} (item${s.first.length > 1 ? 's' : ''} ${s.first.map((f) => f.position).join(', ')}${s.count > s.first.length ? ', …' : ''})`;
}

export type { TextPositionSelector };

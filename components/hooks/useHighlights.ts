import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { anchor, describeTextQuote, type Anchor } from '../../utils/anchoring';
import { isRecord, type Article, type ArticleRecord } from '../../utils/article';
import type { HighlightPatch, EditOutcome, PatchBase } from '../../utils/db/highlights';
import type { HighlightRecord, HighlightColor } from '../../utils/db/schema';
import { unwrap, wrapRanges } from '../../utils/dom/text-ranges';
import type { EntitySpan } from '../../utils/entities/types';
import { entitiesWithin } from '../../utils/entities/summary';
import { t } from '../../utils/i18n';
import type { WriteOutcome } from '../../utils/background/messages';
import { highlightsClient } from '../highlights-client';
import { useReaderQuery } from './db';

export interface HighlightLayer {
  records: HighlightRecord[];
  /** Where each placed highlight is in the body's text. */
  placement: Map<string, Anchor>;
  create(range: Anchor, color: HighlightColor, bodyEntities: EntitySpan[]): Promise<WriteOutcome<HighlightRecord>>;
  edit(id: string, patch: HighlightPatch, base: PatchBase): Promise<EditOutcome>;
  remove(id: string): Promise<WriteOutcome<HighlightRecord | null>>;
  restore(record: HighlightRecord): Promise<WriteOutcome<HighlightRecord>>;
}

/**
 * The reader's highlights over the rendered body: read live from the database (a highlight
 * made on the page, in the popup, the side panel or the library shows here at once), anchored
 * in the body's text (orphaned ones are flagged, never dropped), drawn as <mark class="hl">
 * that the keyboard reaches, and every change written through the background (which redraws
 * the live page).
 */
export function useHighlights(article: Article | ArticleRecord, body: HTMLElement | null, tabId: number | undefined): HighlightLayer {
  const articleId = isRecord(article) ? article.id : null;
  const live = useReaderQuery(
    async ({ readerDb }) => (articleId ? readerDb().annotations.where('articleId').equals(articleId).sortBy('createdAt') : []),
    [articleId],
  );
  // The live answer, with this page's own writes applied at once (before the query comes back).
  const [records, setRecords] = useState<HighlightRecord[]>([]);
  const [placement, setPlacement] = useState<Map<string, Anchor>>(new Map());
  const marks = useRef<HTMLElement[]>([]);
  const reported = useRef(new Map<string, boolean>());

  useEffect(() => {
    if (live) setRecords(live);
  }, [live]);

  useLayoutEffect(() => {
    if (!body) return;
    // The marks are drawn anew on every change (this page's or another's): a reader on a mark
    // with the keyboard stays on it, rather than falling back to the page's start.
    const active = body.ownerDocument.activeElement;
    const focused = active instanceof HTMLElement && marks.current.includes(active) ? active.dataset.hl : undefined;
    unwrap(marks.current);
    marks.current = [];
    const text = body.textContent ?? '';
    const places = new Map<string, Anchor>();
    for (const a of records) {
      const found = anchor(text, a.selectors);
      if (found) places.set(a.id, found);
    }
    const ranges = records.filter((a) => places.has(a.id)).map((a) => ({ ...places.get(a.id)!, a }));
    for (const [, els] of wrapRanges(body, ranges, ({ a }) => {
      const mark = document.createElement('mark');
      mark.className = `hl hl-${a.color}`;
      mark.dataset.hl = a.id;
      if (a.note) mark.dataset.note = '';
      return mark;
    })) {
      const first = els[0];
      const a = records.find((x) => x.id === first?.dataset.hl);
      if (first && a) {
        // One tab stop per highlight, named by its colour, quote and whether it has a note.
        first.setAttribute('data-hl-first', '');
        first.tabIndex = 0;
        first.setAttribute('role', 'button');
        first.setAttribute('aria-label', t(a.note ? 'highlightMarkWithNote' : 'highlightMark', a.quote.slice(0, 60)));
      }
      marks.current.push(...els);
    }
    if (focused) marks.current.find((m) => m.dataset.hl === focused && m.hasAttribute('data-hl-first'))?.focus({ preventScroll: true });
    setPlacement(places);
  }, [body, records]);

  // Keep the orphaned flag true to what the reader sees (and to the library's lists): after
  // the render, once per highlight and state, never from inside it.
  useEffect(() => {
    if (!body) return;
    for (const a of records) {
      const orphaned = !placement.has(a.id);
      if (orphaned === a.orphaned || reported.current.get(a.id) === orphaned) continue;
      reported.current.set(a.id, orphaned);
      highlightsClient.markOrphaned(a.id, orphaned);
    }
    // Only when a placement is new: the commit that brings new highlights still holds the old
    // placement (the layout effect above sets the new one), and would report a new highlight
    // orphaned for a moment.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [placement]);

  // Writes go through the one client (every failure an outcome); this page's own writes show at once.
  const create = useCallback(
    async (range: Anchor, color: HighlightColor, bodyEntities: EntitySpan[]): Promise<WriteOutcome<HighlightRecord>> => {
      if (!articleId || !body) return { status: 'failed', reason: 'This article is not saved, so it cannot hold highlights' };
      const text = body.textContent ?? '';
      const entities = entitiesWithin(bodyEntities, range.start, range.end);
      const result = await highlightsClient.create({
        articleId,
        url: article.url,
        selectors: describeTextQuote(text, range.start, range.end),
        color,
        entities,
        tabId,
      });
      if (result.status === 'saved') setRecords((list) => [...list.filter((a) => a.id !== result.value.id), result.value]);
      return result;
    },
    [articleId, body, tabId, article.url],
  );

  /** An edit made against `base` (what the card showed): merged with edits made elsewhere meanwhile, or refused. */
  const edit = useCallback(
    async (id: string, patch: HighlightPatch, base: PatchBase): Promise<EditOutcome> => {
      const result = await highlightsClient.edit(id, patch, base, tabId);
      if (result.status === 'saved') setRecords((list) => list.map((a) => (a.id === result.record.id ? result.record : a)));
      return result;
    },
    [tabId],
  );

  const remove = useCallback(
    async (id: string) => {
      const result = await highlightsClient.remove(id, tabId);
      if (result.status === 'saved') setRecords((list) => list.filter((a) => a.id !== id));
      return result;
    },
    [tabId],
  );

  const restore = useCallback(
    async (record: HighlightRecord) => {
      const result = await highlightsClient.restore(record, tabId);
      if (result.status === 'saved') setRecords((list) => [...list.filter((a) => a.id !== result.value.id), result.value]);
      return result;
    },
    [tabId],
  );

  return { records, placement, create, edit, remove, restore };
}

import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { anchor, describe, type Anchor } from '../utils/anchoring';
import type { Article, ArticleRecord } from '../utils/article';
import type { AnnotationPatch } from '../utils/db/annotations';
import type { AnnotationRecord, HighlightColor } from '../utils/db/schema';
import { unwrap, wrapRanges } from '../utils/dom/text-ranges';
import type { EntitySpan } from '../utils/entities/types';
import { sendMessage } from '../utils/messages';
import { entitiesWithin } from '../utils/entities/summary';

export interface HighlightLayer {
  annotations: AnnotationRecord[];
  /** Where each placed highlight is in the body's text. */
  placement: Map<string, Anchor>;
  create(range: Anchor, color: HighlightColor, bodyEntities: EntitySpan[]): Promise<AnnotationRecord>;
  update(id: string, patch: AnnotationPatch): Promise<AnnotationRecord>;
  remove(id: string): Promise<AnnotationRecord | null>;
  restore(record: AnnotationRecord): Promise<void>;
}

/**
 * The reader's highlights over the rendered body: loaded from the database, anchored in
 * the body's text (orphaned ones are flagged, never dropped), drawn as <mark class="hl">,
 * and every change written through the background.
 */
export function useHighlights(article: Article | ArticleRecord, body: HTMLElement | null, tabId: number | undefined): HighlightLayer {
  const articleId = 'id' in article ? (article as ArticleRecord).id : null;
  const [annotations, setAnnotations] = useState<AnnotationRecord[]>([]);
  const [placement, setPlacement] = useState<Map<string, Anchor>>(new Map());
  const marks = useRef<HTMLElement[]>([]);

  useEffect(() => {
    if (!articleId) return;
    sendMessage('listAnnotations', { articleId })
      .then(setAnnotations)
      .catch(() => setAnnotations([]));
  }, [articleId]);

  useLayoutEffect(() => {
    if (!body) return;
    unwrap(marks.current);
    marks.current = [];
    const text = body.textContent ?? '';
    const places = new Map<string, Anchor>();
    for (const a of annotations) {
      const found = anchor(text, a.selectors);
      if (found) places.set(a.id, found);
      // Keep the orphaned flag true to what the reader sees (and to the library's lists).
      if (!found !== a.orphaned) void sendMessage('updateAnnotation', { id: a.id, patch: { orphaned: !found } }).catch(() => {});
    }
    const ranges = annotations.filter((a) => places.has(a.id)).map((a) => ({ ...places.get(a.id)!, a }));
    for (const [, els] of wrapRanges(body, ranges, ({ a }) => {
      const mark = document.createElement('mark');
      mark.className = `hl hl-${a.color}`;
      mark.dataset.hl = a.id;
      if (a.note) mark.dataset.note = '';
      return mark;
    })) {
      els[0]?.setAttribute('data-hl-first', '');
      marks.current.push(...els);
    }
    setPlacement(places);
  }, [body, annotations]);

  const replace = (record: AnnotationRecord) => setAnnotations((list) => list.map((a) => (a.id === record.id ? record : a)));

  const create = useCallback(
    async (range: Anchor, color: HighlightColor, bodyEntities: EntitySpan[]) => {
      if (!articleId || !body) throw new Error('This article is not saved, so it cannot hold highlights');
      const text = body.textContent ?? '';
      const entities = entitiesWithin(bodyEntities, range.start, range.end);
      const record = await sendMessage('createAnnotation', {
        articleId,
        url: article.url,
        selectors: describe(text, range.start, range.end),
        color,
        entities,
        tabId,
      });
      setAnnotations((list) => [...list, record]);
      return record;
    },
    [articleId, body, tabId],
  );

  const update = useCallback(
    async (id: string, patch: AnnotationPatch) => {
      const record = await sendMessage('updateAnnotation', { id, patch, tabId });
      replace(record);
      return record;
    },
    [tabId],
  );

  const remove = useCallback(
    async (id: string) => {
      const removed = await sendMessage('deleteAnnotation', { id, tabId });
      setAnnotations((list) => list.filter((a) => a.id !== id));
      return removed;
    },
    [tabId],
  );

  const restore = useCallback(
    async (record: AnnotationRecord) => {
      const back = await sendMessage('restoreAnnotation', { record, tabId });
      setAnnotations((list) => [...list.filter((a) => a.id !== back.id), back]);
    },
    [tabId],
  );

  return { annotations, placement, create, update, remove, restore };
}

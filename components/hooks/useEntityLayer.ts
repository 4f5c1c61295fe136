import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { isRecord, type Article, type ArticleRecord } from '../../utils/article';
import { unwrap, wrapRanges } from '../../utils/dom/text-ranges';
import { loadedRecognizer, loadRecognizer } from '../../utils/entities/lazy';
import { applySplits, countByType, groupKey, summarizeEntities, type EntityGroup } from '../../utils/entities/summary';
import { useReaderQuery } from './db';
import { groupMentions, rawMentions } from '../../utils/entities/mentions';
import type { EntityCorrection, EntitySpan, EntityType } from '../../utils/entities/types';
import { t } from '../../utils/i18n';
import { sendMessage } from '../../utils/background/messages';
import { kindLabel } from '../entity-kinds';

export interface EntityLayer {
  /** null until the recogniser has run over this article. */
  spans: EntitySpan[] | null;
  counts: Map<EntityType, number>;
  groups: Map<EntityType, EntityGroup[]>;
  /** The next mention of an entity (short forms included), in text order, each call the next one. */
  next(group: EntityGroup): HTMLElement | null;
}

/** A mark's title: its kind and name (and the fuller name a short form stands for), in the reader's language. */
function markTitle(kind: EntityType, name: string, canonical?: string): string {
  return `${t(kindLabel(kind))} · ${name}${canonical ? ` (${canonical})` : ''}`;
}

/**
 * recognizeArticle, run by the background (utils/background/entities.ts), which keeps the models
 * loaded between the popup's opens and has started reading them while the page was extracted; a
 * background that cannot answer leaves it to this page (the recogniser's chunk, loaded at open).
 */
async function recognize(
  text: string,
  title: string,
  lang: string | null,
  corrections: EntityCorrection[],
  modelFailed: (model: 'korean' | 'english') => void,
): Promise<EntitySpan[]> {
  try {
    // Read by npm run bench: how long the background took to answer.
    performance.mark('margin:recognize');
    const answer = await sendMessage('recognizeEntities', { text, title, lang, corrections });
    performance.mark('margin:recognized');
    for (const model of answer.failed) modelFailed(model);
    return answer.spans;
  } catch (error) {
    console.warn('Margin: the background did not recognise the entities; recognising here', error);
  }
  const { recognizeArticle } = loadedRecognizer() ?? (await loadRecognizer());
  return recognizeArticle(text, {
    title,
    lang,
    corrections,
    onModelError: (model, error) => {
      console.warn(`Margin: ${model} entity model not loaded`, error);
      modelFailed(model);
    },
  });
}

/**
 * The entities of the rendered article: recognised (with the reader's corrections) by
 * recognizeArticle, the entry point every part of Margin calls, drawn as <mark class="ent">,
 * titled by kind unless the kind is switched off, and told to the library (its entity filter). The headline is read, for context, but not
 * marked: its names come again in the body.
 */
export function useEntityLayer(
  article: Article | ArticleRecord,
  rendered: { title: HTMLElement; body: HTMLElement } | null,
  corrections: EntityCorrection[] | undefined,
  hidden: Set<EntityType> | undefined,
  onReady?: () => void,
  /** Told when the Korean model could not be loaded (the marks then come from the rules alone). */
  onModelError?: (message: string) => void,
): EntityLayer {
  const [spans, setSpans] = useState<EntitySpan[] | null>(null);
  // The reader's splits of the recogniser's joins (the entity page's "Not this one"), read live; a
  // database that cannot be read leaves none (the marks must not wait for it), and a write that
  // leaves them as they were (a correction) recognises nothing again.
  const [splitsFailed, setSplitsFailed] = useState(false);
  const liveSplits = useReaderQuery(
    (live) => live.readEntityEdits(live.readerDb()).then((edits) => JSON.stringify([...edits.splits])),
    [],
    () => setSplitsFailed(true),
  );
  const splitsJson = liveSplits ?? (splitsFailed ? '[]' : undefined);
  const splits = useMemo(
    () => (splitsJson === undefined ? undefined : new Map<string, string[]>(JSON.parse(splitsJson) as [string, string[]][])),
    [splitsJson],
  );
  // The corrections by content: a live query that answers the same list again (another page wrote
  // elsewhere in the database) is no reason to recognise and draw the marks again.
  const correctionsJson = corrections && JSON.stringify(corrections);
  const sameCorrections = useMemo(() => corrections, [correctionsJson]); // eslint-disable-line react-hooks/exhaustive-deps
  const marks = useRef<HTMLElement[]>([]);
  /** What the marks on screen were drawn from: the same spans again keep them (their identity too). */
  const drawn = useRef<{ body: HTMLElement; spans: string } | null>(null);
  /** The recogniser's spans before the reader's splits: the library is told the entities from them (entity-splits.ts). */
  const recognizedSpans = useRef<EntitySpan[]>([]);
  const cursor = useRef(new Map<string, number>());
  const articleId = isRecord(article) ? article.id : undefined;
  const kindsKnown = hidden !== undefined;
  // The callbacks of the latest render, called when recognition ends: new callbacks alone are no
  // reason to recognise again.
  const callbacks = useRef({ onReady, onModelError });
  callbacks.current = { onReady, onModelError };

  useLayoutEffect(() => {
    if (!rendered || !sameCorrections || !kindsKnown || !splits) return;
    let live = true;
    void (async () => {
      const titleText = rendered.title.textContent ?? '';
      const bodyText = rendered.body.textContent ?? '';
      const modelFailed = (model: 'korean' | 'english') => {
        // The toast names the Korean model; compromise's English lexicon is part of the extension's code.
        if (live && model === 'korean') callbacks.current.onModelError?.(t('entityModelFailed'));
      };
      const recognized = await recognize(bodyText, titleText, article.lang ?? null, sameCorrections, modelFailed);
      if (!live) return;
      const found = applySplits(recognized, splits);
      // The same marks as on screen (the article saved meanwhile, a write elsewhere): leave them, so
      // that what points at one — an open menu (issue 24), the focus, the entity list's cursor — stays on it.
      const key = JSON.stringify(found.map((f) => [f.start, f.end, f.type, f.text, f.canonical ?? '']));
      if (drawn.current?.body === rendered.body && drawn.current.spans === key && marks.current.every((m) => m.isConnected)) {
        callbacks.current.onReady?.();
        return;
      }
      unwrap(marks.current);
      marks.current = [];
      const make = (span: EntitySpan) => {
        const mark = document.createElement('mark');
        mark.className = `ent ent-${span.type}`;
        mark.dataset.kind = span.type;
        mark.dataset.name = span.text;
        mark.dataset.entity = groupKey(span);
        if (span.canonical && span.canonical !== span.text) mark.dataset.canonical = span.canonical;
        return mark;
      };
      for (const [, els] of wrapRanges(rendered.body, found, make)) {
        // The entity list focuses a mention (Enter then opens its menu); Tab does not stop at each.
        els[0]?.setAttribute('data-first', '');
        if (els[0]) els[0].tabIndex = -1;
        marks.current.push(...els);
      }
      drawn.current = { body: rendered.body, spans: key };
      recognizedSpans.current = recognized;
      setSpans(found);
      callbacks.current.onReady?.();
    })().catch((error: unknown) => console.warn('Margin: entities not drawn', error));
    return () => {
      live = false;
    };
  }, [rendered, sameCorrections, kindsKnown, article.lang, splits]);

  // A mark names its kind in its title; a switched-off kind shows nothing, not even on hover.
  useEffect(() => {
    for (const mark of marks.current) {
      const kind = mark.dataset.kind as EntityType;
      if (hidden?.has(kind)) mark.removeAttribute('title');
      else mark.title = markTitle(kind, mark.dataset.name!, mark.dataset.canonical);
    }
  }, [spans, hidden]);

  const counts = useMemo(() => countByType(spans ?? []), [spans]);
  const groups = useMemo(() => summarizeEntities(spans ?? []), [spans]);

  // The library filters by the names of each article (after the marks are painted).
  useEffect(() => {
    if (!spans || !articleId) return;
    const list = [...groups.values()].flat();
    const entities = list.map((g) => ({ text: g.text, type: g.type, count: g.spans.length }));
    // Forms and first-mention sentences, for the entity explorer's index (utils/db/entity-index.ts),
    // and the entities before splits, with each form's count: the background applies the splits
    // there are from them, and any later split applies to this article without a visit (entity-splits.ts).
    const text = rendered?.body.textContent ?? '';
    const mentions = rendered ? groupMentions(list, text) : undefined;
    const raw = rendered ? rawMentions([...summarizeEntities(recognizedSpans.current).values()].flat(), text) : undefined;
    void sendMessage('setArticleEntities', { articleId, entities, mentions, raw }).catch(() => {});
  }, [groups, spans, articleId, rendered]);

  const next = (group: EntityGroup) => {
    if (!rendered) return null;
    const all = Array.from(rendered.body.querySelectorAll<HTMLElement>('mark.ent[data-first]')).filter((m) => m.dataset.entity === group.key);
    if (!all.length) return null;
    const index = (cursor.current.get(group.key) ?? -1) + 1;
    cursor.current.set(group.key, index);
    return all[index % all.length]!;
  };

  return { spans, counts, groups, next };
}

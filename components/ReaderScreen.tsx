import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Article } from '../utils/article';
import { errorMessage } from '../utils/async';
import type { AnnotationRecord, HighlightColor } from '../utils/db/schema';
import { download } from '../utils/dom/download';
import { rangeOffsets, unwrap, wrapRanges } from '../utils/dom/text-ranges';
import { loadedRecognizer, loadRecognizer } from '../utils/entities/lazy';
import { DEFAULT_HIDDEN_KINDS } from '../utils/background/settings';
import { countByType, groupKey, summarizeEntities, type EntityGroup } from '../utils/entities/summary';
import { normalizeName, type EntityCorrection, type EntitySpan, type EntityType } from '../utils/entities/types';
import { t } from '../utils/i18n';
import { sendMessage } from '../utils/messages';
import { ArticleView } from './ArticleView';
import { kindLabel } from './entity-kinds';
import { EntityLegend } from './EntityLegend';
import { EntityMenu, type MenuTarget } from './EntityMenu';
import { EntityPanel } from './EntityPanel';
import { HighlightCard } from './HighlightCard';
import { NotesPanel } from './NotesPanel';
import { SelectionToolbar } from './SelectionToolbar';
import { useHighlights } from './useHighlights';
import { ToastView, useToast } from './Toast';

let correctionsRequest: Promise<EntityCorrection[]> | null = null;
let prefetched: EntityCorrection[] | null = null;
let hiddenRequest: Promise<EntityType[]> | null = null;
let prefetchedHidden: EntityType[] | null = null;

/** Start loading the reader's corrections. */
export function prefetchCorrections(): Promise<EntityCorrection[]> {
  correctionsRequest ??= sendMessage('listEntityCorrections')
    .catch(() => [] as EntityCorrection[])
    .then((list) => (prefetched = list));
  return correctionsRequest;
}

/** Start loading the kinds the reader switched off in the legend. */
export function prefetchHiddenKinds(): Promise<EntityType[]> {
  hiddenRequest ??= sendMessage('getHiddenEntityKinds')
    .catch(() => [...DEFAULT_HIDDEN_KINDS])
    .then((kinds) => (prefetchedHidden = kinds));
  return hiddenRequest;
}

/** What the marks need besides the article (the popup asks for it before the article arrives). */
export function prefetchReaderState(): void {
  void prefetchCorrections();
  void prefetchHiddenKinds();
}

interface Rendered {
  title: HTMLElement;
  body: HTMLElement;
}

type Panel = 'entities' | 'notes' | null;

const OWN_UI = '.entity-menu, .selection-toolbar, .highlight-card, .entity-panel, .reader-tools, .toast';

/** Spans found over title + "\n" + body, in the body's own offsets. */
function inBody(spans: EntitySpan[], titleLength: number): EntitySpan[] {
  const shift = titleLength + 1;
  return spans.filter((s) => s.start >= shift).map((s) => ({ ...s, start: s.start - shift, end: s.end - shift }));
}

/**
 * The article with its layers: the reader's highlights and notes, and the entities
 * (marks, legend, list, corrections).
 */
export function ReaderScreen({ article, tabId }: { article: Article; tabId?: number }) {
  const [rendered, setRendered] = useState<Rendered | null>(null);
  const [corrections, setCorrections] = useState<EntityCorrection[] | null>(prefetched);
  // null until the recogniser has run over this article.
  const [spans, setSpans] = useState<EntitySpan[] | null>(null);
  // null until the reader's choice of kinds is known (the marks wait for it: no flash of hidden kinds).
  const [hiddenKinds, setHiddenKinds] = useState<Set<EntityType> | null>(prefetchedHidden && new Set(prefetchedHidden));
  const hidden = hiddenKinds ?? new Set(DEFAULT_HIDDEN_KINDS);
  const [panel, setPanel] = useState<Panel>(null);
  const [menu, setMenu] = useState<MenuTarget | null>(null);
  const [selection, setSelection] = useState<{ start: number; end: number; x: number; y: number; text: string } | null>(null);
  const [card, setCard] = useState<{ id: string; x: number; y: number; focusNote: boolean } | null>(null);
  const { toast, show: showToast, hide: hideToast } = useToast(2600);
  const highlights = useHighlights(article, rendered?.body ?? null, tabId);
  const marks = useRef<HTMLElement[]>([]);
  const cursor = useRef(new Map<string, number>());
  const wrapper = useRef<HTMLDivElement>(null);
  const articleId = 'id' in article ? (article as { id: string }).id : undefined;

  useEffect(() => {
    if (!prefetched) prefetchCorrections().then(setCorrections);
    if (!prefetchedHidden) prefetchHiddenKinds().then((kinds) => setHiddenKinds((current) => current ?? new Set(kinds)));
  }, []);

  const onRendered = useCallback((title: HTMLElement, body: HTMLElement) => {
    performance.mark('margin:article');
    setRendered({ title, body });
  }, []);

  // Recognise and mark whenever the article or the corrections change (before paint: the
  // marks appear with the article, not a frame later). The title is read, for context, but
  // not marked: a headline is for reading, and its names come again in the body.
  const kindsKnown = hiddenKinds !== null;
  useLayoutEffect(() => {
    if (!rendered || !corrections || !kindsKnown) return;
    let live = true;
    (async () => {
      unwrap(marks.current);
      marks.current = [];
      const titleText = rendered.title.textContent ?? '';
      const bodyText = rendered.body.textContent ?? '';
      const text = `${titleText}\n${bodyText}`;
      const { recognizeEntities, loadEnglishModel, needsEnglishModel } = loadedRecognizer() ?? (await loadRecognizer());
      const english = needsEnglishModel(text) ? await loadEnglishModel().catch(() => null) : null;
      if (!live) return;
      const found = inBody(recognizeEntities(text, { lang: article.lang, corrections, english }), titleText.length);
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
        els[0]?.setAttribute('data-first', '');
        marks.current.push(...els);
      }
      setSpans(found);
      performance.mark('margin:entities');
      wrapper.current?.setAttribute('data-entities', 'ready');
    })();
    return () => {
      live = false;
    };
  }, [rendered, corrections, kindsKnown]);

  // A mark names its kind in its title; a switched-off kind shows nothing, not even on hover.
  useEffect(() => {
    for (const mark of marks.current) {
      const kind = mark.dataset.kind as EntityType;
      if (hidden.has(kind)) mark.removeAttribute('title');
      else mark.title = markTitle(kind, mark.dataset.name!, mark.dataset.canonical);
    }
  }, [spans, hiddenKinds]);

  const counts = useMemo(() => countByType(spans ?? []), [spans]);
  const groups = useMemo(() => summarizeEntities(spans ?? []), [spans]);

  // The library filters by the names of each article (after the marks are painted).
  useEffect(() => {
    if (!spans || !articleId) return;
    const entities = [...groups.values()].flat().map((g) => ({ text: g.text, type: g.type, count: g.spans.length }));
    void sendMessage('setArticleEntities', { articleId, entities }).catch(() => {});
  }, [groups]);
  const corrected = useMemo(() => new Set((corrections ?? []).map((c) => normalizeName(c.text))), [corrections]);

  /** Switch a kind off or on in the legend; the choice holds for every article. */
  const setKindShown = (type: EntityType, shown: boolean) => {
    const next = new Set(hidden);
    if (shown) next.delete(type);
    else next.add(type);
    prefetchedHidden = [...next];
    setHiddenKinds(next);
    void sendMessage('setHiddenEntityKinds', { kinds: [...next] }).catch((error) => console.warn('Margin: kinds not saved', errorMessage(error)));
  };
  const toggle = (type: EntityType) => setKindShown(type, hidden.has(type));

  // Every mention of the entity, short forms included ("Assange" for "Julian Assange"), in text order.
  const pick = (group: EntityGroup) => {
    if (!rendered) return;
    const all = Array.from(rendered.body.querySelectorAll<HTMLElement>('mark.ent[data-first]')).filter((m) => m.dataset.entity === group.key);
    if (!all.length) return;
    const index = (cursor.current.get(group.key) ?? -1) + 1;
    const target = all[index % all.length];
    cursor.current.set(group.key, index);
    for (const m of rendered.body.querySelectorAll('.ent-current')) m.classList.remove('ent-current');
    target.classList.add('ent-current');
    target.scrollIntoView({ block: 'center', behavior: 'smooth' });
  };

  /**
   * Save a correction of `name` (or undo one) and say so. A correction applies to every
   * article, so the toast offers Undo, which puts back what there was before: the reader's
   * earlier correction of the name, or none (the recogniser decides again).
   */
  const correct = async (name: string, request: () => Promise<EntityCorrection[]>, text: string, undoable = true) => {
    setMenu(null);
    const before = (corrections ?? []).find((c) => normalizeName(c.text) === normalizeName(name));
    try {
      const list = await request();
      prefetched = list;
      setCorrections(list);
      if (!undoable) return showToast({ text });
      const undo = () =>
        void correct(name, () => (before ? sendMessage('saveEntityCorrection', before) : sendMessage('removeEntityCorrection', { text: name })), t('correctionUndone'), false);
      showToast({ text, undo }, 8000);
    } catch (error) {
      console.warn('Margin: correction not saved', errorMessage(error));
      showToast({ text: t('correctionFailed') }, 5000);
    }
  };

  const openCard = (annotation: AnnotationRecord, focusNote = false) => {
    const first = rendered?.body.querySelector<HTMLElement>(`mark.hl[data-hl="${annotation.id}"]`);
    const rect = first?.getBoundingClientRect();
    setCard({ id: annotation.id, focusNote, ...(rect ? menuPosition(rect, 300) : { x: 8, y: 60 }) });
  };

  const highlight = async (color: HighlightColor, withNote: boolean) => {
    if (!selection) return;
    setSelection(null);
    window.getSelection()?.removeAllRanges();
    try {
      const record = await highlights.create({ start: selection.start, end: selection.end }, color, spans ?? []);
      if (withNote) setTimeout(() => openCard(record, true), 0);
    } catch (error) {
      console.warn('Margin: highlight not saved', errorMessage(error));
      showToast({ text: t('highlightSaveFailed') }, 5000);
    }
  };

  const changeHighlight = async (id: string, patch: { color?: HighlightColor; note?: string; tags?: string[] }) => {
    try {
      await highlights.update(id, patch);
    } catch (error) {
      console.warn('Margin: highlight not updated', errorMessage(error));
      showToast({ text: t('highlightSaveFailed') }, 5000);
    }
  };

  const exportArticle = async (id: string) => {
    try {
      download(await sendMessage('exportArticle', { articleId: id }));
    } catch (error) {
      showToast({ text: errorMessage(error) });
    }
  };

  const deleteHighlight = async (id: string) => {
    setCard(null);
    try {
      const removed = await highlights.remove(id);
      if (removed) showToast({ text: t('highlightDeleted'), undo: () => void highlights.restore(removed) }, 6000);
    } catch (error) {
      showToast({ text: t('highlightSaveFailed') }, 5000);
    }
  };

  const onClick = (event: MouseEvent) => {
    const target = event.target as Element;
    if (!window.getSelection()?.isCollapsed || target.closest?.(OWN_UI)) return;
    // A switched-off kind is plain text: a click on it is not a click on a name.
    const entity = ((typeof target.closest === 'function' ? ancestors(target, 'mark.ent') : []) as HTMLElement[]).find((m) => !hidden.has(m.dataset.kind as EntityType)) ?? null;
    const hl = target.closest?.('mark.hl') as HTMLElement | null;
    if (entity && !(hl && entity.contains(hl))) {
      const name = entity.dataset.name!;
      setCard(null);
      setMenu({ name, type: entity.dataset.kind as EntityType, corrected: corrected.has(normalizeName(name)), ...menuPosition(entity.getBoundingClientRect()) });
    } else if (hl) {
      const annotation = highlights.annotations.find((a) => a.id === hl.dataset.hl);
      setMenu(null);
      if (annotation) openCard(annotation);
    }
  };

  const onMouseUp = (event: MouseEvent) => {
    // Clicks in Margin's own menus and panels are not selections of the article.
    if ((event.target as Element).closest?.(OWN_UI)) return;
    const current = window.getSelection();
    if (!current || current.isCollapsed || !rendered || !current.rangeCount) return;
    const range = current.getRangeAt(0);
    const offsets = rangeOffsets(rendered.body, range);
    if (!offsets) return;
    const text = (rendered.body.textContent ?? '').slice(offsets.start, offsets.end);
    setMenu(null);
    setCard(null);
    setSelection({ ...offsets, text, ...menuPosition(range.getBoundingClientRect(), 250, 46) });
  };

  const placed = highlights.annotations.filter((a) => highlights.placement.has(a.id)).sort((a, b) => highlights.placement.get(a.id)!.start - highlights.placement.get(b.id)!.start);
  const orphaned = highlights.annotations.filter((a) => !highlights.placement.has(a.id));
  const cardAnnotation = card && highlights.annotations.find((a) => a.id === card.id);

  const classes = ['reader-screen', ...[...hidden].map((type) => `hide-${type}`)].join(' ');
  return (
    <div class={classes} ref={wrapper} onClick={onClick} onMouseUp={onMouseUp}>
      <div class="reader-tools">
        {!!spans?.length && (
          <EntityLegend counts={counts} hidden={hidden} onToggle={toggle} panelOpen={panel === 'entities'} onTogglePanel={() => setPanel((p) => (p === 'entities' ? null : 'entities'))} />
        )}
        {articleId && (
          <button
            type="button"
            class="chip chip-notes"
            aria-expanded={panel === 'notes'}
            title={t('notesButtonTitle')}
            onClick={() => setPanel((p) => (p === 'notes' ? null : 'notes'))}
            data-testid="notes-button"
          >
            {t('notesButton', String(highlights.annotations.length))}
          </button>
        )}
      </div>
      <ArticleView article={article} onRendered={onRendered} />
      {panel === 'entities' && <EntityPanel groups={groups} hidden={hidden} onPick={pick} onClose={() => setPanel(null)} />}
      {panel === 'notes' && (
        <NotesPanel
          placed={placed}
          orphaned={orphaned}
          onPick={(a) => {
            rendered?.body.querySelector(`mark.hl[data-hl="${a.id}"]`)?.scrollIntoView({ block: 'center', behavior: 'smooth' });
            setTimeout(() => openCard(a), 350);
          }}
          onClose={() => setPanel(null)}
          onExport={articleId ? () => exportArticle(articleId) : undefined}
        />
      )}
      {selection && (
        <SelectionToolbar
          x={selection.x}
          y={selection.y}
          onHighlight={highlight}
          onMarkName={() => {
            const name = normalizeName(selection.text);
            setSelection(null);
            if (name && name.length <= 60) setMenu({ name, corrected: corrected.has(name), x: selection.x, y: selection.y });
          }}
        />
      )}
      {cardAnnotation && card && (
        <HighlightCard
          annotation={cardAnnotation}
          x={card.x}
          y={card.y}
          focusNote={card.focusNote}
          onChange={(patch) => changeHighlight(cardAnnotation.id, patch)}
          onDelete={() => deleteHighlight(cardAnnotation.id)}
          onClose={() => setCard(null)}
        />
      )}
      {menu && (
        <EntityMenu
          target={menu}
          onSet={(type) => {
            // Naming something as a kind that is switched off would seem to do nothing: show the kind.
            if (hidden.has(type)) setKindShown(type, true);
            void correct(menu.name, () => sendMessage('saveEntityCorrection', { text: menu.name, action: 'set', type }), t('correctionSaved'));
          }}
          onRemove={() => void correct(menu.name, () => sendMessage('saveEntityCorrection', { text: menu.name, action: 'remove' }), t('entityRemoved', menu.name))}
          onUndo={() => void correct(menu.name, () => sendMessage('removeEntityCorrection', { text: menu.name }), t('correctionUndone'), false)}
          onClose={() => setMenu(null)}
        />
      )}
      <ToastView toast={toast} onDone={hideToast} />
    </div>
  );
}

/** A mark's title: its kind and name (and the fuller name a short form stands for), in the reader's language. */
function markTitle(kind: EntityType, name: string, canonical?: string): string {
  return `${t(kindLabel(kind))} · ${name}${canonical ? ` (${canonical})` : ''}`;
}

/** The elements matching `selector` from `el` outwards (nested marks: the innermost first). */
function ancestors(el: Element, selector: string): Element[] {
  const out: Element[] = [];
  for (let at = el.closest(selector); at; at = at.parentElement?.closest(selector) ?? null) out.push(at);
  return out;
}

/** Where to put a small menu under a rectangle (above it if there is no room), kept inside the window. */
function menuPosition(rect: DOMRect, width = 260, height = 196): { x: number; y: number } {
  const x = Math.max(8, Math.min(rect.left, window.innerWidth - width - 8));
  const below = rect.bottom + 6;
  const y = below + height > window.innerHeight ? rect.top - height - 6 : below;
  return { x, y: Math.max(8, Math.min(y, window.innerHeight - height - 4)) };
}

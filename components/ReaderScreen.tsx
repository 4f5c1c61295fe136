import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { isRecord, type Article, type ArticleRecord } from '../utils/article';
import { errorMessage } from '../utils/async';
import { DEFAULT_HIDDEN_KINDS } from '../utils/background/settings';
import type { HighlightRecord, HighlightColor } from '../utils/db/schema';
import { download } from '../utils/dom/download';
import { rangeAt } from '../utils/dom/text-ranges';
import { normalizeName, type EntityCorrection, type EntityType } from '../utils/entities/types';
import { t, type MessageKey } from '../utils/i18n';
import { sendMessage } from '../utils/background/messages';
import { ArticleView } from './ArticleView';
import { EntityLegend } from './EntityLegend';
import type { MenuTarget } from './EntityMenu';
import { EntityPanel } from './EntityPanel';
import { HighlightCard } from './HighlightCard';
import { COLORS, NOTE_KEY } from './highlight-colors';
import { useCorrections, useHiddenKinds } from './hooks/useReaderData';
import { useEntityLayer } from './hooks/useEntityLayer';
import { useHighlights } from './hooks/useHighlights';
import { extendSelectionByKey, moveCaretByKey, useCaret, useSelection } from './hooks/useSelection';
import { NotesPanel } from './NotesPanel';
import type { AnchorRect } from './Popover';
import { SelectionToolbar } from './SelectionToolbar';
import { ToastView, useToast } from './Toast';
import { keepInView } from '../utils/dom/keep-in-view';
import { failureText } from './highlights-client';
import { useHighlightEditor } from './hooks/useHighlightEditor';
import { overlapOf } from '../utils/text/overlap';

/** Why a selection cannot be marked as a name, in the reader's words. */
const REFUSED: Record<'too-long' | 'open-quote' | 'verb', MessageKey> = {
  'too-long': 'markNameTooLong',
  'open-quote': 'markNameOpenQuote',
  verb: 'markNameVerb',
};
import { UpdateNotice } from './UpdateNotice';
import { lazyModule, useLazy } from './hooks/useLazy';

/** The entity menu and name cleaning, loaded once the article is drawn (not before the popup's first paint). */
const entityMenu = lazyModule(() => import('./EntityMenu'));

interface Rendered {
  title: HTMLElement;
  body: HTMLElement;
}

type Panel = 'entities' | 'notes' | null;

/** Where to open the article: at a highlight, or at a passage of its text (a search hit). */
export type ReaderFocus = { highlight: string } | { start: number; end: number };

interface Props {
  article: Article | ArticleRecord;
  tabId?: number;
  /** The side panel also scrolls the live page to a highlight the reader goes to. */
  onGoToHighlight?: (id: string) => void;
  focus?: ReaderFocus;
  /** The saved copy's kept photos (issue 22), by picture key → object URL. */
  photos?: ReadonlyMap<string, string>;
}

/** The elements matching `selector` from `el` outwards (nested marks: the innermost first). */
function ancestors(el: Element, selector: string): Element[] {
  const out: Element[] = [];
  for (let at = el.closest(selector); at; at = at.parentElement?.closest(selector) ?? null) out.push(at);
  return out;
}

const typing = (target: EventTarget | null) => target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));

/**
 * The article with its layers — the reader's highlights and notes, and the entities (marks,
 * legend, list, corrections) — and the floating UI that acts on them. The same screen in the
 * popup and in the side panel.
 */
export function ReaderScreen({ article, tabId, onGoToHighlight, focus, photos }: Props) {
  const [rendered, setRendered] = useState<Rendered | null>(null);
  const menuModule = useLazy(entityMenu, !!rendered);
  const corrections = useCorrections();
  const hiddenKinds = useHiddenKinds();
  const hidden = hiddenKinds ?? new Set(DEFAULT_HIDDEN_KINDS);
  const [panel, setPanel] = useState<Panel>(null);
  const [menu, setMenu] = useState<MenuTarget | null>(null);
  const [card, setCard] = useState<{ id: string; focusNote: boolean } | null>(null);
  const { toast, show: showToast, hide: hideToast } = useToast(2600);
  const wrapper = useRef<HTMLDivElement>(null);
  const toolbarHasFocus = () => !!document.activeElement?.closest('.selection-toolbar');
  const { selection, clear: clearSelection, current: currentSelection } = useSelection(rendered?.body ?? null, toolbarHasFocus);
  const highlights = useHighlights(article, rendered?.body ?? null, tabId);
  // The keyboard reader's caret in the article (← →), drawn: browsers draw none in read-only text.
  const caret = useCaret(rendered?.body ?? null);
  const entities = useEntityLayer(
    article,
    rendered,
    corrections,
    hiddenKinds,
    () => {
      performance.mark('margin:entities');
      wrapper.current?.setAttribute('data-entities', 'ready');
    },
    (text) => showToast({ text }, 8000),
  );
  const articleId = isRecord(article) ? article.id : undefined;
  const corrected = new Set((corrections ?? []).map((c) => normalizeName(c.text)));

  const onRendered = useCallback((title: HTMLElement, body: HTMLElement) => {
    performance.mark('margin:article');
    setRendered({ title, body });
  }, []);

  const markOf = (id: string) => rendered?.body.querySelector<HTMLElement>(`mark.hl[data-hl="${id}"]`) ?? null;
  const rectOf = (el: () => Element | null) => (): AnchorRect | null => el()?.getBoundingClientRect() ?? null;

  /** Switch a kind off or on in the legend; the choice holds for every article (and every open reader). */
  const setKindShown = (type: EntityType, shown: boolean) => {
    const next = new Set(hidden);
    if (shown) next.delete(type);
    else next.add(type);
    void sendMessage('setHiddenEntityKinds', { kinds: [...next] }).catch((error) => console.warn('Margin: kinds not saved', errorMessage(error)));
  };

  /**
   * Save a correction of `name` (or undo one) and say so. A correction applies to every
   * article, so the toast offers Undo, which puts back what there was before.
   */
  const correct = async (name: string, request: () => Promise<EntityCorrection[]>, text: string, undoable = true) => {
    setMenu(null);
    const before = (corrections ?? []).find((c) => normalizeName(c.text) === normalizeName(name));
    try {
      await request();
      if (!undoable) return showToast({ text });
      const undo = () =>
        void correct(
          name,
          () => (before ? sendMessage('saveEntityCorrection', before) : sendMessage('removeEntityCorrection', { text: name })),
          t('correctionUndone'),
          false,
        );
      showToast({ text, undo }, 8000);
    } catch (error) {
      console.warn('Margin: correction not saved', errorMessage(error));
      showToast({ text: t('correctionFailed') }, 5000);
    }
  };

  const openCard = (record: HighlightRecord, focusNote = false) => {
    setMenu(null);
    setCard({ id: record.id, focusNote });
    onGoToHighlight?.(record.id);
  };

  const openEntityMenu = (entity: HTMLElement) => {
    const name = entity.dataset.name!;
    setCard(null);
    // Found again by its entity and place among that entity's marks should the marks be drawn anew
    // (issue 24: a menu opened while the article was being saved closed when its mark was replaced).
    const body = rendered?.body;
    const sameEntity = () => Array.from(body?.querySelectorAll<HTMLElement>(`mark.ent[data-entity="${CSS.escape(entity.dataset.entity ?? '')}"]`) ?? []);
    const nth = sameEntity().indexOf(entity);
    setMenu({
      name,
      type: entity.dataset.kind as EntityType,
      corrected: corrected.has(normalizeName(name)),
      anchor: rectOf(() => (entity.isConnected ? entity : (sameEntity()[nth] ?? null))),
      // The entity page is about saved articles: offered once this one is saved.
      entityKey: articleId ? entity.dataset.entity : undefined,
    });
  };

  const highlight = async (color: HighlightColor, withNote: boolean) => {
    // Act only on a selection that is still there (never on one the reader has left).
    const chosen = currentSelection();
    clearSelection();
    if (!chosen) return;
    // Never a highlight over another (issue 22): the same words are that highlight (recoloured
    // if asked), part of one or several is said and left alone.
    const over = overlapOf(highlights.placement, chosen);
    if (over?.kind === 'overlap') return showToast({ text: t('highlightOverlaps') }, 5000);
    const existing = over && highlights.records.find((a) => a.id === over.id);
    if (existing) {
      if (existing.color !== color && !withNote) await changeHighlight(existing.id, { color }, { updatedAt: existing.updatedAt, color: existing.color });
      if (withNote) openCard(existing, true);
      else showToast({ text: t('highlightAlreadyThere') }, 3000);
      return;
    }
    const created = await highlights.create({ start: chosen.start, end: chosen.end }, color, entities.spans ?? []);
    if (created.status === 'saved') {
      if (withNote) openCard(created.value, true);
      return;
    }
    console.warn('Margin: highlight not saved', created.status === 'failed' ? created.reason : created.status);
    showToast({ text: created.status === 'full' ? t('writeFailedFull') : t('highlightSaveFailed') }, 5000);
  };

  // Editing from the card: an edit against the version the card showed, merged with another
  // page's or refused and said (the reader's text stays in the field), "show the other note",
  // and putting back a highlight deleted elsewhere — as in the library (useHighlightEditor).
  const editor = useHighlightEditor({
    records: highlights.records,
    edit: (id, patch, base) => highlights.edit(id, patch, base),
    revive: (record) => highlights.restore({ ...record, updatedAt: Date.now() }),
    show: showToast,
    // The toast is outside the card, so the click on it closed the card: open it again, with the other note.
    reopen: (id) => setCard({ id, focusNote: true }),
  });
  const changeHighlight = editor.change;

  const exportArticle = async (id: string) => {
    try {
      download(await sendMessage('exportArticle', { articleId: id }));
    } catch (error) {
      showToast({ text: errorMessage(error) });
    }
  };

  const deleteHighlight = async (id: string) => {
    setCard(null);
    const result = await highlights.remove(id);
    if (result.status !== 'saved') return showToast({ text: failureText(result) }, 12_000);
    const removed = result.value;
    if (removed) showToast({ text: t('highlightDeleted'), undo: () => void highlights.restore(removed) }, 6000);
  };

  /** What is under a click or a focused element: a visible name, else a highlight. */
  const activate = (target: Element) => {
    // A switched-off kind is plain text: a click on it is not a click on a name.
    const entity = (ancestors(target, 'mark.ent') as HTMLElement[]).find((m) => !hidden.has(m.dataset.kind as EntityType)) ?? null;
    const hl = target.closest<HTMLElement>('mark.hl');
    if (entity && !(hl && entity.contains(hl))) return (openEntityMenu(entity), true);
    const record = hl && highlights.records.find((a) => a.id === hl.dataset.hl);
    if (record) return (openCard(record), true);
    return false;
  };

  const onClick = (event: MouseEvent) => {
    const target = event.target as Element;
    if (!window.getSelection()?.isCollapsed || !rendered?.body.contains(target)) return;
    activate(target);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    const target = event.target as Element;
    if (!rendered?.body.contains(target)) return;
    if ((event.key === 'Enter' || event.key === ' ') && target.matches('mark')) {
      if (activate(target)) event.preventDefault();
    } else if (extendSelectionByKey(rendered.body, event) || moveCaretByKey(rendered.body, event)) event.preventDefault();
  };

  // While the toolbar is up: 1–4 highlight in a colour, N highlights and opens the note (with
  // the highlight function of the latest render: it sees the current marks and highlights).
  const latestHighlight = useRef(highlight);
  latestHighlight.current = highlight;
  useEffect(() => {
    if (!selection) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
      const color = COLORS.find((c) => c.code === event.code);
      if (color || event.code === NOTE_KEY.code) {
        event.preventDefault();
        void latestHighlight.current(color?.color ?? 'yellow', !color);
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [selection]);

  useFocus(focus, rendered?.body ?? null, highlights.placement.size);

  const placed = highlights.records
    .filter((a) => highlights.placement.has(a.id))
    .sort((a, b) => highlights.placement.get(a.id)!.start - highlights.placement.get(b.id)!.start);
  const orphaned = highlights.records.filter((a) => !highlights.placement.has(a.id));
  const notes = highlights.records.filter((a) => a.note.trim()).length;
  const cardHighlight = card && highlights.records.find((a) => a.id === card.id);

  const classes = ['reader-screen', ...[...hidden].map((type) => `hide-${type}`)].join(' ');
  return (
    // eslint-disable-next-line jsx-a11y/no-static-element-interactions -- delegation: the marks inside are the controls (focusable, with roles); this only routes their clicks and keys
    <div class={classes} ref={wrapper} onClick={onClick} onKeyDown={onKeyDown}>
      <div class="reader-tools" role="toolbar" aria-label={t('readerToolsLabel')}>
        {!!entities.spans?.length && (
          <EntityLegend
            counts={entities.counts}
            hidden={hidden}
            onToggle={(type) => setKindShown(type, hidden.has(type))}
            panelOpen={panel === 'entities'}
            onTogglePanel={() => setPanel((p) => (p === 'entities' ? null : 'entities'))}
          />
        )}
        {articleId && (
          <button
            type="button"
            class="chip chip-notes"
            aria-expanded={panel === 'notes'}
            title={t('notesButtonTitle', [String(notes), String(highlights.records.length)])}
            onClick={() => setPanel((p) => (p === 'notes' ? null : 'notes'))}
            data-testid="notes-button"
            data-highlights={highlights.records.length}
          >
            {t('notesButtonBoth', [String(highlights.records.length), String(notes)])}
          </button>
        )}
      </div>
      {articleId && <UpdateNotice articleId={articleId} text={article.textContent} highlights={highlights.records} />}
      <ArticleView article={article} photos={photos} onRendered={onRendered} />
      {panel === 'entities' && (
        <EntityPanel
          groups={entities.groups}
          hidden={hidden}
          onPick={(group) => {
            const target = entities.next(group);
            if (!target) return;
            for (const m of rendered?.body.querySelectorAll('.ent-current') ?? []) m.classList.remove('ent-current');
            target.classList.add('ent-current');
            target.scrollIntoView({ block: 'center', behavior: 'smooth' });
          }}
          onClose={() => setPanel(null)}
        />
      )}
      {panel === 'notes' && (
        <NotesPanel
          placed={placed}
          orphaned={orphaned}
          onPick={(a) => {
            const mark = markOf(a.id);
            mark?.scrollIntoView({ block: 'center', behavior: 'smooth' });
            mark?.focus({ preventScroll: true });
            setTimeout(() => openCard(a), 350);
          }}
          onClose={() => setPanel(null)}
          onExport={articleId ? () => exportArticle(articleId) : undefined}
        />
      )}
      {selection && (
        <SelectionToolbar
          anchor={selection.rect}
          onHighlight={highlight}
          onClose={clearSelection}
          onMarkName={async () => {
            const chosen = currentSelection();
            clearSelection();
            if (!chosen || !rendered) return;
            const { nameFromSelection } = await entityMenu.get();
            // The name itself: no quotes, brackets, particle or possessive (‹숨바꼭질>이 → 숨바꼭질).
            const found = nameFromSelection(rendered.body.textContent ?? '', chosen.start, chosen.end);
            if (found.ok) setMenu({ name: found.name, corrected: corrected.has(found.name), anchor: chosen.rect });
            else if (found.reason !== 'empty') showToast({ text: t(REFUSED[found.reason]) }, 6000);
          }}
        />
      )}
      {cardHighlight && card && (
        <HighlightCard
          key={`${cardHighlight.id}:${editor.cardKey}`}
          highlight={cardHighlight}
          anchor={rectOf(() => markOf(cardHighlight.id))}
          focusNote={card.focusNote}
          onChange={(patch, base) => changeHighlight(cardHighlight.id, patch, base)}
          onDelete={() => deleteHighlight(cardHighlight.id)}
          onClose={() => setCard(null)}
        />
      )}
      {menu && menuModule && (
        <menuModule.EntityMenu
          target={menu}
          onSet={(type) => {
            // Naming something as a kind that is switched off would seem to do nothing: show the kind.
            if (hidden.has(type)) setKindShown(type, true);
            // A mark's text is the recogniser's; what is stored is the clean name (‘한빛전자’ → 한빛전자).
            const name = menuModule.cleanName(menu.name, rendered?.body.textContent ?? undefined) || menu.name;
            void correct(name, () => sendMessage('saveEntityCorrection', { text: name, action: 'set', type }), t('correctionSaved'));
          }}
          onRemove={() =>
            void correct(menu.name, () => sendMessage('saveEntityCorrection', { text: menu.name, action: 'remove' }), t('entityRemoved', menu.name))
          }
          onUndo={() => void correct(menu.name, () => sendMessage('removeEntityCorrection', { text: menu.name }), t('correctionUndone'), false)}
          onClose={() => setMenu(null)}
        />
      )}
      {caret && (
        <span
          class="reader-caret"
          aria-hidden="true"
          data-testid="caret"
          style={{ left: `${caret.left}px`, top: `${caret.top}px`, height: `${Math.max(12, caret.bottom - caret.top)}px` }}
        />
      )}
      <ToastView toast={toast} onDone={hideToast} />
    </div>
  );
}

/** The name of the CSS highlight that shows a search hit in the saved copy (an extension page: the site never sees it). */
const HIT_HIGHLIGHT = 'margin-search-hit';

/**
 * Open the article at `focus` once it is there: a highlight once its mark is drawn (focused,
 * for the keyboard), a passage of text at once (shown with a CSS highlight). Once per focus.
 */
function useFocus(focus: ReaderFocus | undefined, body: HTMLElement | null, drawn: number) {
  const done = useRef(false);
  const release = useRef<(() => void) | undefined>(undefined);
  // Stop keeping the passage in view when the reader leaves.
  useEffect(() => () => release.current?.(), []);
  useEffect(() => {
    if (!focus || !body || done.current) return;
    if ('highlight' in focus) {
      const mark = body.querySelector<HTMLElement>(`mark.hl[data-hl="${CSS.escape(focus.highlight)}"]`);
      if (!mark) return;
      done.current = true;
      // Kept in view while images above it take their height (the mark is found again if redrawn).
      const id = CSS.escape(focus.highlight);
      release.current = keepInView(() => body.querySelector(`mark.hl[data-hl="${id}"]`)?.getBoundingClientRect() ?? null, body);
      mark.focus({ preventScroll: true });
      return;
    }
    const range = rangeAt(body, focus.start, focus.end);
    if (!range) return;
    done.current = true;
    release.current = keepInView(() => range.getBoundingClientRect(), body);
    if (typeof Highlight !== 'undefined') CSS.highlights.set(HIT_HIGHLIGHT, new Highlight(range));
    body.dataset.focused = 'text';
  }, [focus, body, drawn]);
}

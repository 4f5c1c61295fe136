import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Article } from '../utils/article';
import { errorMessage } from '../utils/async';
import { unwrap, wrapRanges } from '../utils/dom/text-ranges';
import { loadedRecognizer, loadRecognizer } from '../utils/entities/lazy';
import { countByType, summarizeEntities, type EntityGroup } from '../utils/entities/summary';
import type { EntityCorrection, EntitySpan, EntityType } from '../utils/entities/types';
import { t } from '../utils/i18n';
import { sendMessage } from '../utils/messages';
import { ArticleView } from './ArticleView';
import { kindLabel } from './entity-kinds';
import { EntityLegend } from './EntityLegend';
import { EntityMenu, type MenuTarget } from './EntityMenu';
import { EntityPanel } from './EntityPanel';

const norm = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim();

let correctionsRequest: Promise<EntityCorrection[]> | null = null;
let prefetched: EntityCorrection[] | null = null;

/** Start loading the reader's corrections (the popup does it before the article arrives). */
export function prefetchCorrections(): Promise<EntityCorrection[]> {
  correctionsRequest ??= sendMessage('listEntityCorrections')
    .catch(() => [] as EntityCorrection[])
    .then((list) => (prefetched = list));
  return correctionsRequest;
}

interface Rendered {
  title: HTMLElement;
  body: HTMLElement;
}

/** The article with its entity layer: marks, legend, list, and the reader's corrections. */
export function ReaderScreen({ article }: { article: Article }) {
  const [rendered, setRendered] = useState<Rendered | null>(null);
  const [corrections, setCorrections] = useState<EntityCorrection[] | null>(prefetched);
  const [spans, setSpans] = useState<EntitySpan[]>([]);
  const [hidden, setHidden] = useState<Set<EntityType>>(new Set());
  const [panelOpen, setPanelOpen] = useState(false);
  const [menu, setMenu] = useState<MenuTarget | null>(null);
  const [toast, setToast] = useState<string | null>(null);
  const marks = useRef<HTMLElement[]>([]);
  const cursor = useRef(new Map<string, number>());
  const wrapper = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!prefetched) prefetchCorrections().then(setCorrections);
  }, []);

  const onRendered = useCallback((title: HTMLElement, body: HTMLElement) => {
    performance.mark('margin:article');
    setRendered({ title, body });
  }, []);

  // Recognise and mark whenever the article or the corrections change (before paint: the
  // marks appear with the article, not a frame later).
  useLayoutEffect(() => {
    if (!rendered || !corrections) return;
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
      const found = recognizeEntities(text, { lang: article.lang, corrections, english });
      const shift = titleText.length + 1;
      const make = (span: EntitySpan) => {
        const mark = document.createElement('mark');
        mark.className = `ent ent-${span.type}`;
        mark.dataset.kind = span.type;
        mark.dataset.name = span.text;
        mark.title = `${t(kindLabel(span.type))} · ${span.text}`;
        return mark;
      };
      const inTitle = found.filter((s) => s.end <= titleText.length);
      const inBody = found.filter((s) => s.start >= shift).map((s) => ({ ...s, start: s.start - shift, end: s.end - shift }));
      for (const [, els] of wrapRanges(rendered.title, inTitle, make)) marks.current.push(...els);
      for (const [, els] of wrapRanges(rendered.body, inBody, make)) {
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
  }, [rendered, corrections]);

  const counts = useMemo(() => countByType(spans), [spans]);
  const groups = useMemo(() => summarizeEntities(spans), [spans]);
  const corrected = useMemo(() => new Set((corrections ?? []).map((c) => norm(c.text))), [corrections]);

  const toggle = (type: EntityType) =>
    setHidden((h) => {
      const next = new Set(h);
      if (next.has(type)) next.delete(type);
      else next.add(type);
      return next;
    });

  const pick = (group: EntityGroup) => {
    if (!rendered) return;
    const selector = `mark.ent[data-kind="${group.type}"]`;
    const mentions = Array.from(rendered.body.querySelectorAll<HTMLElement>(`${selector}[data-first]`)).filter((m) => m.dataset.name === group.text);
    const inTitle = Array.from(rendered.title.querySelectorAll<HTMLElement>(selector)).filter((m) => m.dataset.name === group.text);
    const all = [...inTitle, ...mentions];
    if (!all.length) return;
    const key = `${group.type}:${group.text}`;
    const index = (cursor.current.get(key) ?? -1) + 1;
    const target = all[index % all.length];
    cursor.current.set(key, index);
    for (const m of rendered.body.querySelectorAll('.ent-current')) m.classList.remove('ent-current');
    target.classList.add('ent-current');
    target.scrollIntoView({ block: 'center', behavior: 'smooth' });
  };

  const correct = async (request: Promise<EntityCorrection[]>) => {
    setMenu(null);
    try {
      setCorrections(await request);
      setToast(t('correctionSaved'));
    } catch (error) {
      console.warn('Margin: correction not saved', errorMessage(error));
      setToast(t('correctionFailed'));
    }
    setTimeout(() => setToast(null), 2600);
  };

  const onClick = (event: MouseEvent) => {
    const mark = (event.target as Element).closest?.('mark.ent') as HTMLElement | null;
    if (!mark || !window.getSelection()?.isCollapsed) return;
    const rect = mark.getBoundingClientRect();
    const name = mark.dataset.name!;
    setMenu({ name, type: mark.dataset.kind as EntityType, corrected: corrected.has(norm(name)), ...menuPosition(rect) });
  };

  const onMouseUp = () => {
    const selection = window.getSelection();
    if (!selection || selection.isCollapsed || !rendered) return;
    const text = norm(selection.toString());
    if (!text || text.length > 60 || !rendered.body.contains(selection.anchorNode)) return;
    const rect = selection.getRangeAt(0).getBoundingClientRect();
    setMenu({ name: text, corrected: corrected.has(text), ...menuPosition(rect) });
  };

  const classes = ['reader-screen', ...[...hidden].map((type) => `hide-${type}`)].join(' ');
  return (
    <div class={classes} ref={wrapper} onClick={onClick} onMouseUp={onMouseUp}>
      {spans.length > 0 && (
        <EntityLegend counts={counts} hidden={hidden} onToggle={toggle} panelOpen={panelOpen} onTogglePanel={() => setPanelOpen((o) => !o)} />
      )}
      <ArticleView article={article} onRendered={onRendered} />
      {panelOpen && <EntityPanel groups={groups} hidden={hidden} onPick={pick} onClose={() => setPanelOpen(false)} />}
      {menu && (
        <EntityMenu
          target={menu}
          onSet={(type) => correct(sendMessage('saveEntityCorrection', { text: menu.name, action: 'set', type }))}
          onRemove={() => correct(sendMessage('saveEntityCorrection', { text: menu.name, action: 'remove' }))}
          onUndo={() => correct(sendMessage('removeEntityCorrection', { text: menu.name }))}
          onClose={() => setMenu(null)}
        />
      )}
      {toast && (
        <p class="toast" role="status" data-testid="toast">
          {toast}
        </p>
      )}
    </div>
  );
}

/** Where to put a small menu under a rectangle, kept inside the window. */
function menuPosition(rect: DOMRect): { x: number; y: number } {
  const width = 260;
  const x = Math.max(8, Math.min(rect.left, window.innerWidth - width - 8));
  const below = rect.bottom + 6;
  const y = below + 190 > window.innerHeight ? rect.top - 196 : below;
  return { x, y: Math.max(8, Math.min(y, window.innerHeight - 200)) };
}

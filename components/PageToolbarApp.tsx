import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { PageToolbarSaved, WriteOutcome } from '../utils/background/messages';
import type { EditOutcome, HighlightPatch, PatchBase } from '../utils/db/highlights';
import type { HighlightColor, HighlightRecord } from '../utils/db/schema';
import { t } from '../utils/i18n';
import { ColorSwatches } from './ColorSwatches';
import { editOutcomeToast } from './edit-outcome';
import { COLORS, NOTE_KEY } from './highlight-colors';

/** What the toolbar's frame asks of the background (a fake one in the component tests). */
export interface PageToolbarApi {
  save(color: HighlightColor, note: string): Promise<PageToolbarSaved>;
  load(id: string): Promise<HighlightRecord | null>;
  edit(id: string, patch: HighlightPatch, base: PatchBase): Promise<EditOutcome>;
  remove(id: string): Promise<WriteOutcome<HighlightRecord | null>>;
  close(): void;
  /** The toolbar's height in CSS pixels, for the frame on the page. */
  size(height: number): void;
}

interface Props {
  mode: 'new' | 'edit';
  /** The highlight, in edit mode. */
  id?: string;
  /** Take the focus at once (opened from the keyboard shortcut). */
  focus?: boolean;
  api: PageToolbarApi;
}

/** The reader's words for a save on the page that did not happen (what was typed stays in the field). */
export function saveProblem(result: PageToolbarSaved): string | null {
  switch (result.status) {
    case 'created':
      return null;
    case 'no-selection':
      return t('pageToolbarNoSelection');
    case 'no-article':
      return t('noticeNoArticleForHighlight');
    case 'not-in-article':
      return t('noticeNotInArticle');
    case 'full':
      return t('writeFailedFull');
    case 'failed':
      return t('writeFailed', result.reason);
  }
}

/**
 * The reader's selection toolbar, on the news page (in a frame the page cannot read; see
 * utils/page/page-toolbar.ts): the same four colours (ColorSwatches, keys 1–4) and N for a
 * note as in the reader. A colour highlights at once; _Note_ opens a field, and _Save_ keeps
 * the highlight with its note in the chosen colour. Opened on a drawn highlight, it changes
 * its colour, edits its note or deletes it. Escape closes. A save that fails says why and
 * keeps what was typed.
 */
export function PageToolbarApp({ mode, id, focus, api }: Props) {
  const [record, setRecord] = useState<HighlightRecord | null>(null);
  const [color, setColor] = useState<HighlightColor>('yellow');
  const [noteOpen, setNoteOpen] = useState(mode === 'edit');
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const field = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    if (mode !== 'edit' || !id) return;
    api.load(id).then(
      (found) => {
        if (!found) return setProblem(t('highlightGoneElsewhere'));
        setRecord(found);
        setColor(found.color);
        setNote(found.note);
      },
      () => setProblem(t('highlightGoneElsewhere')),
    );
  }, [api, id, mode]);

  // The frame on the page is as tall as the toolbar.
  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    api.size(el.offsetHeight);
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => api.size(el.offsetHeight));
    observer.observe(el);
    return () => observer.disconnect();
  }, [api]);

  useEffect(() => {
    if (focus) box.current?.querySelector<HTMLElement>('button')?.focus();
  }, [focus]);

  useEffect(() => {
    if (noteOpen && mode === 'new') field.current?.focus();
  }, [noteOpen, mode]);

  const create = async (chosen: HighlightColor, text: string) => {
    setBusy(true);
    setProblem(null);
    const result = await api.save(chosen, text).catch((error: unknown): PageToolbarSaved => ({ status: 'failed', reason: String(error) }));
    setBusy(false);
    const said = saveProblem(result);
    if (said) setProblem(said);
    else api.close();
  };

  const edit = async (patch: HighlightPatch) => {
    if (!record) return;
    setBusy(true);
    setProblem(null);
    const base: PatchBase = { updatedAt: record.updatedAt, color: record.color, note: record.note };
    const result = await api.edit(record.id, patch, base).catch((error: unknown): EditOutcome => ({ status: 'failed', reason: String(error) }));
    setBusy(false);
    if (result.status === 'saved') {
      setRecord(result.record);
      if (patch.note !== undefined) api.close();
      return;
    }
    if (result.status === 'conflict') setRecord(result.record);
    setProblem(editOutcomeToast(result, patch, record, { showOther: () => {}, revive: () => {} })?.text ?? null);
  };

  const remove = async () => {
    if (!record) return;
    setBusy(true);
    const result = await api.remove(record.id).catch((error: unknown): WriteOutcome<null> => ({ status: 'failed', reason: String(error) }));
    setBusy(false);
    if (result.status === 'saved') api.close();
    else setProblem(result.status === 'full' ? t('writeFailedFull') : t('writeFailed', result.status === 'failed' ? result.reason : result.status));
  };

  const pick = (chosen: HighlightColor) => {
    if (busy) return;
    setColor(chosen);
    if (mode === 'edit') void edit({ color: chosen });
    else if (!noteOpen) void create(chosen, '');
  };

  const saveNote = () => {
    if (busy) return;
    if (mode === 'edit') void edit({ note });
    else void create(color, note);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      api.close();
      return;
    }
    const typing = event.target instanceof HTMLTextAreaElement;
    if (typing) {
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        saveNote();
      }
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const swatch = COLORS.find((c) => c.code === event.code);
    if (swatch) {
      event.preventDefault();
      pick(swatch.color);
    } else if (event.code === NOTE_KEY.code && mode === 'new') {
      event.preventDefault();
      setNoteOpen(true);
    }
  };

  const radio = mode === 'edit' || noteOpen;
  return (
    // The frame is the toolbar: its keys (1–4, N, Escape) are the toolbar's.
    <div
      ref={box}
      class="page-toolbar"
      role={radio ? 'dialog' : 'toolbar'}
      aria-label={t('pageToolbarLabel')}
      aria-busy={busy}
      data-testid="page-toolbar"
      data-mode={mode}
      onKeyDown={onKeyDown}
    >
      <div class="page-toolbar-row" role={radio ? 'radiogroup' : undefined} aria-label={radio ? t('colorLabel') : undefined}>
        <ColorSwatches
          selected={radio ? color : undefined}
          onPick={pick}
          name={(label, key) => (radio ? `${label} (${key})` : t('highlightInKey', [label, key]))}
        />
        {!noteOpen && (
          <button
            type="button"
            class="toolbar-text"
            data-action="note"
            title={t('addNoteTitle')}
            aria-keyshortcuts={NOTE_KEY.key}
            onClick={() => setNoteOpen(true)}
          >
            {t('addNote')}
          </button>
        )}
        <button
          type="button"
          class="toolbar-text page-toolbar-close"
          data-action="close"
          aria-label={t('close')}
          title={t('close')}
          onClick={() => api.close()}
        >
          ✕
        </button>
      </div>
      {noteOpen && (mode === 'new' || record) && (
        <div class="page-toolbar-note">
          <textarea
            ref={field}
            class="page-toolbar-field"
            aria-label={t('noteLabel')}
            placeholder={t('notePlaceholder')}
            rows={3}
            value={note}
            onInput={(e) => setNote((e.target as HTMLTextAreaElement).value)}
            data-testid="page-note-input"
          />
          <div class="page-toolbar-actions">
            {mode === 'edit' && (
              <button type="button" class="toolbar-text" data-action="delete" disabled={busy || !record} onClick={() => void remove()}>
                {t('deleteHighlight')}
              </button>
            )}
            <button
              type="button"
              class="button"
              data-action="save"
              disabled={busy || (mode === 'edit' && !record)}
              title={t('pageToolbarSaveTitle')}
              onClick={saveNote}
            >
              {t(mode === 'edit' ? 'pageToolbarSaveNote' : 'pageToolbarSave')}
            </button>
          </div>
        </div>
      )}
      {problem && (
        <p class="page-toolbar-problem" role="alert" data-testid="page-toolbar-problem">
          {problem}
        </p>
      )}
    </div>
  );
}

import { useEffect, useRef, useState } from 'preact/hooks';
import type { EditOutcome, PatchBase } from '../utils/db/highlights';
import type { HighlightRecord, HighlightColor } from '../utils/db/schema';
import { t } from '../utils/i18n';
import { ColorSwatches } from './ColorSwatches';
import { Popover, type AnchorRect } from './Popover';

interface Props {
  highlight: HighlightRecord;
  anchor: () => AnchorRect | null;
  focusNote: boolean;
  /**
   * Save a change. `base` is the version of the record the change was made against (for the
   * note: what the field showed when the reader started typing), so the writer can merge it
   * with edits made meanwhile or refuse it. A 'conflict' answer moves the base on: the
   * reader's text stays in the field, and their next edit replaces the other one.
   */
  onChange: (patch: { color?: HighlightColor; note?: string; tags?: string[] }, base: PatchBase) => void | Promise<EditOutcome | void>;
  onDelete: () => void;
  onClose: () => void;
}

const NOTE_SAVE_DELAY = 400;

/**
 * One highlight: its colour, its note (plain text, saved as the reader types and when
 * the card closes) and its tags, and deleting it.
 */
export function HighlightCard({ highlight, anchor, focusNote, onChange, onDelete, onClose }: Props) {
  const [note, setNote] = useState(highlight.note);
  const [tag, setTag] = useState('');
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const pending = useRef<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  // The version the note in the field is based on: moves on when the field follows live data
  // or a save lands, stays while the reader types.
  const seen = useRef<PatchBase>({ updatedAt: highlight.updatedAt, note: highlight.note });
  const noteShown = useRef(highlight.note);

  const flush = () => {
    clearTimeout(timer.current);
    if (pending.current !== null) {
      const value = pending.current;
      pending.current = null;
      void Promise.resolve(onChange({ note: value }, { ...seen.current })).then((result) => {
        if (result?.status === 'saved') seen.current = { updatedAt: result.record.updatedAt, note: result.record.note };
        else if (result?.status === 'conflict') seen.current = { updatedAt: result.record.updatedAt, note: result.record.note };
      });
    }
  };

  // Live data: another page changed the note while the reader is not editing it here, so the
  // field shows the new note (what the reader typed and has not saved is never replaced).
  useEffect(() => {
    if (highlight.updatedAt === seen.current.updatedAt) return;
    if (pending.current === null && noteShown.current === seen.current.note) {
      seen.current = { updatedAt: highlight.updatedAt, note: highlight.note };
      noteShown.current = highlight.note;
      setNote(highlight.note);
    } else if (pending.current === null && noteShown.current === highlight.note) {
      seen.current = { updatedAt: highlight.updatedAt, note: highlight.note };
    }
  }, [highlight.updatedAt, highlight.note]);

  const fieldBase = (): PatchBase => ({ updatedAt: highlight.updatedAt, color: highlight.color, tags: highlight.tags });

  useEffect(() => {
    // Whatever was typed is saved when the card (or the whole popup) goes away.
    const onHide = () => flush();
    window.addEventListener('pagehide', onHide);
    document.addEventListener('visibilitychange', onHide);
    return () => {
      window.removeEventListener('pagehide', onHide);
      document.removeEventListener('visibilitychange', onHide);
      flush();
    };
    // Per highlight, on purpose: the flush of this highlight's render saves what was typed for
    // it (a later flush could carry a newer onChange for another highlight), and subscribing
    // again on every render would save on every keystroke.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [highlight.id]);

  const typeNote = (value: string) => {
    setNote(value);
    noteShown.current = value;
    pending.current = value;
    clearTimeout(timer.current);
    timer.current = setTimeout(flush, NOTE_SAVE_DELAY);
  };

  const addTag = () => {
    const value = tag.trim();
    if (!value) return;
    void onChange({ tags: [...highlight.tags, ...value.split(',')] }, fieldBase());
    setTag('');
  };

  return (
    <Popover
      anchor={anchor}
      onClose={onClose}
      role="dialog"
      label={t('highlightCardLabel', highlight.quote.slice(0, 40))}
      class="highlight-card"
      testId="highlight-card"
      focus={focusNote ? () => noteRef.current : 'first'}
    >
      <div class="card-row" role="radiogroup" aria-label={t('colorLabel')}>
        <ColorSwatches selected={highlight.color} onPick={(color) => void onChange({ color }, fieldBase())} />
        <button type="button" class="icon-button card-close" aria-label={t('close')} title={t('close')} onClick={onClose}>
          ×
        </button>
      </div>
      <label class="card-label">
        {t('noteLabel')}
        <textarea
          ref={noteRef}
          class="note-input"
          rows={4}
          placeholder={t('notePlaceholder')}
          value={note}
          onInput={(e) => typeNote((e.target as HTMLTextAreaElement).value)}
          onBlur={flush}
          data-testid="note-input"
        />
      </label>
      <div class="card-label">
        {t('tagsLabel')}
        <ul class="tags">
          {highlight.tags.map((tagName) => (
            <li key={tagName} class="tag">
              #{tagName}
              <button
                type="button"
                aria-label={t('removeTag', tagName)}
                onClick={() => void onChange({ tags: highlight.tags.filter((x) => x !== tagName) }, fieldBase())}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
        <input
          class="tag-input"
          aria-label={t('tagsLabel')}
          value={tag}
          placeholder={t('tagsPlaceholder')}
          onInput={(e) => setTag((e.target as HTMLInputElement).value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' || e.key === ',') {
              e.preventDefault();
              addTag();
            }
          }}
          onBlur={addTag}
          data-testid="tag-input"
        />
      </div>
      <button type="button" class="menu-item card-delete" onClick={onDelete} data-action="delete">
        {t('deleteHighlight')}
      </button>
    </Popover>
  );
}

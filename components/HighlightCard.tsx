import { useEffect, useRef, useState } from 'preact/hooks';
import type { AnnotationRecord, HighlightColor } from '../utils/db/schema';
import { t } from '../utils/i18n';
import { ColorSwatches } from './ColorSwatches';
import { Popover, type AnchorRect } from './Popover';

interface Props {
  annotation: AnnotationRecord;
  anchor: () => AnchorRect | null;
  focusNote: boolean;
  onChange: (patch: { color?: HighlightColor; note?: string; tags?: string[] }) => void;
  onDelete: () => void;
  onClose: () => void;
}

const NOTE_SAVE_DELAY = 400;

/**
 * One highlight: its colour, its note (plain text, saved as the reader types and when
 * the card closes) and its tags, and deleting it.
 */
export function HighlightCard({ annotation, anchor, focusNote, onChange, onDelete, onClose }: Props) {
  const [note, setNote] = useState(annotation.note);
  const [tag, setTag] = useState('');
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const pending = useRef<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const flush = () => {
    clearTimeout(timer.current);
    if (pending.current !== null) {
      onChange({ note: pending.current });
      pending.current = null;
    }
  };

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
  }, [annotation.id]);

  const typeNote = (value: string) => {
    setNote(value);
    pending.current = value;
    clearTimeout(timer.current);
    timer.current = setTimeout(flush, NOTE_SAVE_DELAY);
  };

  const addTag = () => {
    const value = tag.trim();
    if (!value) return;
    onChange({ tags: [...annotation.tags, ...value.split(',')] });
    setTag('');
  };

  return (
    <Popover
      anchor={anchor}
      onClose={onClose}
      role="dialog"
      label={t('highlightCardLabel', annotation.quote.slice(0, 40))}
      class="highlight-card"
      testId="highlight-card"
      focus={focusNote ? () => noteRef.current : 'first'}
    >
      <div class="card-row" role="radiogroup" aria-label={t('colorLabel')}>
        <ColorSwatches selected={annotation.color} onPick={(color) => onChange({ color })} />
        <button type="button" class="icon-button card-close" aria-label={t('close')} title={t('close')} onClick={onClose}>
          ×
        </button>
      </div>
      <label class="card-label">
        {t('noteLabel')}
        <textarea ref={noteRef} class="note-input" rows={4} placeholder={t('notePlaceholder')} value={note} onInput={(e) => typeNote((e.target as HTMLTextAreaElement).value)} onBlur={flush} data-testid="note-input" />
      </label>
      <div class="card-label">
        {t('tagsLabel')}
        <ul class="tags">
          {annotation.tags.map((tagName) => (
            <li key={tagName} class="tag">
              #{tagName}
              <button type="button" aria-label={t('removeTag', tagName)} onClick={() => onChange({ tags: annotation.tags.filter((x) => x !== tagName) })}>
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

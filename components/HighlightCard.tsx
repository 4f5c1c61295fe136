import { useEffect, useRef, useState } from 'preact/hooks';
import type { AnnotationRecord, HighlightColor } from '../utils/db/schema';
import { t } from '../utils/i18n';
import { COLORS } from './highlight-colors';

interface Props {
  annotation: AnnotationRecord;
  x: number;
  y: number;
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
export function HighlightCard({ annotation, x, y, focusNote, onChange, onDelete, onClose }: Props) {
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
    if (focusNote) noteRef.current?.focus();
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
    <div class="highlight-card" role="dialog" aria-label={t('notesPanelTitle')} style={{ left: `${x}px`, top: `${y}px` }} data-testid="highlight-card" onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <div class="card-row" role="radiogroup" aria-label={t('colorLabel')}>
        {COLORS.map(({ color, label }) => (
          <button
            type="button"
            key={color}
            role="radio"
            aria-checked={annotation.color === color}
            class={`swatch-button hl-swatch-${color}`}
            data-color={color}
            aria-label={t(label)}
            title={t(label)}
            onClick={() => onChange({ color })}
          />
        ))}
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
    </div>
  );
}

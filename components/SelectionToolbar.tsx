import type { HighlightColor } from '../utils/db/schema';
import { t } from '../utils/i18n';
import { COLORS } from './highlight-colors';

interface Props {
  x: number;
  y: number;
  onHighlight: (color: HighlightColor, withNote: boolean) => void;
  onMarkName: () => void;
}

/** What the reader can do with a selection: highlight it in a colour, add a note, mark a name. */
export function SelectionToolbar({ x, y, onHighlight, onMarkName }: Props) {
  return (
    <div class="selection-toolbar" role="toolbar" style={{ left: `${x}px`, top: `${y}px` }} data-testid="selection-toolbar" onMouseDown={(e) => e.preventDefault()}>
      {COLORS.map(({ color, label }) => (
        <button
          type="button"
          key={color}
          class={`swatch-button hl-swatch-${color}`}
          data-color={color}
          aria-label={t('highlightIn', t(label))}
          title={t('highlightIn', t(label))}
          onClick={() => onHighlight(color, false)}
        />
      ))}
      <button type="button" class="toolbar-text" data-action="note" title={t('addNoteTitle')} onClick={() => onHighlight('yellow', true)}>
        {t('addNote')}
      </button>
      <button type="button" class="toolbar-text" data-action="name" title={t('markAsNameTitle')} onClick={onMarkName}>
        {t('markAsName')}
      </button>
    </div>
  );
}

import type { HighlightColor } from '../utils/db/schema';
import { t } from '../utils/i18n';
import { ColorSwatches } from './ColorSwatches';
import { NOTE_KEY } from './highlight-colors';
import { Popover, type AnchorRect } from './Popover';

interface Props {
  anchor: () => AnchorRect | null;
  onHighlight: (color: HighlightColor, withNote: boolean) => void;
  onMarkName: () => void;
  onClose: () => void;
}

/**
 * What the reader can do with a selection: highlight it in a colour (keys 1–4), add a note
 * (N), mark a name. It does not take the focus — the reader may still be extending the
 * selection with the keyboard — and the keys work while it is up (see useSelection).
 */
export function SelectionToolbar({ anchor, onHighlight, onMarkName, onClose }: Props) {
  return (
    <Popover
      anchor={anchor}
      onClose={onClose}
      role="toolbar"
      label={t('selectionToolbarLabel')}
      class="selection-toolbar"
      testId="selection-toolbar"
      keepSelection
    >
      <ColorSwatches onPick={(color) => onHighlight(color, false)} name={(label, key) => t('highlightInKey', [label, key])} />
      <button
        type="button"
        class="toolbar-text"
        data-action="note"
        title={t('addNoteTitle')}
        aria-keyshortcuts={NOTE_KEY.key}
        onClick={() => onHighlight('yellow', true)}
      >
        {t('addNote')}
      </button>
      <button type="button" class="toolbar-text" data-action="name" title={t('markAsNameTitle')} onClick={onMarkName}>
        {t('markAsName')}
      </button>
    </Popover>
  );
}

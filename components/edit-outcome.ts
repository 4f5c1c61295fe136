import type { HighlightPatch, EditOutcome } from '../utils/db/highlights';
import type { HighlightRecord } from '../utils/db/schema';
import { t } from '../utils/i18n';
import type { Toast } from './Toast';

interface Actions {
  /** Show the other page's note in the open card (the reader's own text stays in the field until then). */
  showOther: () => void;
  /** Put a highlight deleted elsewhere back, with the reader's change on top. */
  revive: (record: HighlightRecord) => void;
}

/**
 * What the reader is told when an edit of a highlight was not saved as it was (popup, side
 * panel, saved copy and library alike): another page changed the same field (nothing was
 * overwritten), the highlight was deleted elsewhere (it can be put back with the change),
 * the disk is full, or the write failed. Null when it was saved. What the reader wrote stays
 * in the field in every case.
 */
export function editOutcomeToast(result: EditOutcome, patch: HighlightPatch, last: HighlightRecord | undefined, actions: Actions): Toast | null {
  switch (result.status) {
    case 'saved':
      return null;
    case 'conflict':
      return result.fields.includes('note') ? { text: t('noteConflict'), action: t('showOtherNote'), undo: actions.showOther } : { text: t('colorConflict') };
    case 'gone': {
      const withChange = last && {
        ...last,
        ...(patch.note !== undefined && { note: patch.note }),
        ...(patch.tags !== undefined && { tags: patch.tags }),
        ...(patch.color && { color: patch.color }),
      };
      return { text: t('highlightGoneElsewhere'), ...(withChange && { action: t('restoreWithNote'), undo: () => actions.revive(withChange) }) };
    }
    case 'full':
      return { text: t('writeFailedFull') };
    case 'failed':
      return { text: t('writeFailed', result.reason) };
  }
}

import { useRef, useState } from 'preact/hooks';
import type { EditOutcome, HighlightPatch, PatchBase } from '../../utils/db/highlights';
import type { HighlightRecord } from '../../utils/db/schema';
import type { WriteOutcome } from '../../utils/background/messages';
import { t } from '../../utils/i18n';
import { editOutcomeToast } from '../edit-outcome';
import { failureText } from '../highlights-client';
import type { Toast } from '../Toast';

export interface HighlightEditorOptions {
  /** The highlights the page shows now: the last version of each is what one deleted elsewhere is put back from. */
  records: HighlightRecord[];
  edit: (id: string, patch: HighlightPatch, base: PatchBase) => Promise<EditOutcome>;
  /** Put back a highlight deleted elsewhere, with the reader's change on top. */
  revive: (record: HighlightRecord) => Promise<WriteOutcome<unknown>>;
  show: (toast: Toast, ms?: number) => void;
  /** Open the card of `id` again (the click on the toast closed it), to show the other page's note. */
  reopen: (id: string) => void;
  /** After a saved edit (the library searches again). */
  onSaved?: (record: HighlightRecord) => void;
}

/**
 * Editing a highlight from a card, the same in the reader (popup, side panel, saved copy) and
 * the library (CODE-NOTES improvement 3: each re-implemented it): the last version of each
 * highlight the page showed, an edit made against the version the card showed — merged with
 * other pages' edits or refused and said — "show the other note" (the card starts again from
 * live data: `cardKey` is its key), and putting back a highlight deleted elsewhere.
 */
export function useHighlightEditor({ records, edit, revive, show, reopen, onSaved }: HighlightEditorOptions) {
  const lastSeen = useRef(new Map<string, HighlightRecord>());
  for (const record of records) lastSeen.current.set(record.id, record);
  const [cardKey, setCardKey] = useState(0);

  const putBack = async (record: HighlightRecord) => {
    const result = await revive(record);
    show(result.status === 'saved' ? { text: t('highlightRestored') } : { text: failureText(result) }, result.status === 'saved' ? undefined : 12_000);
  };

  const change = async (id: string, patch: HighlightPatch, base: PatchBase): Promise<EditOutcome> => {
    const result = await edit(id, patch, base);
    if (result.status === 'saved') {
      lastSeen.current.set(id, result.record);
      onSaved?.(result.record);
    }
    const toast = editOutcomeToast(result, patch, lastSeen.current.get(id), {
      showOther: () => {
        setCardKey((k) => k + 1);
        reopen(id);
      },
      revive: (record) => void putBack(record),
    });
    if (toast) show(toast, result.status === 'gone' ? 15_000 : 12_000);
    return result;
  };

  /** The last version of a highlight this page showed (one deleted elsewhere keeps its card). */
  const last = (id: string) => lastSeen.current.get(id);

  return { change, cardKey, last, putBack };
}

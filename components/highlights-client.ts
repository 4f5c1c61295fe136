import { errorMessage } from '../utils/async';
import { sendMessage, type WriteOutcome } from '../utils/background/messages';
import type { EditOutcome, HighlightPatch, NewHighlight, PatchBase } from '../utils/db/highlights';
import type { HighlightRecord } from '../utils/db/schema';
import { t } from '../utils/i18n';

/** A write that did not happen, and why. */
export type WriteFailure = Exclude<WriteOutcome<unknown>, { status: 'saved' }>;

const failure = (error: unknown): WriteFailure => ({ status: 'failed', reason: errorMessage(error) });

const attempt = async <T>(write: () => Promise<T>): Promise<WriteOutcome<T>> => {
  try {
    return { status: 'saved', value: await write() };
  } catch (error) {
    return failure(error);
  }
};

/**
 * Every write of a highlight from a page (popup, side panel, saved copy, library), through
 * the background, which owns the live page. Each answers an outcome and never throws: a
 * message that could not be delivered, a full disk or a highlight deleted elsewhere are mapped
 * here, once, and said with `failureText` (CODE-NOTES improvement 3; before, eight files sent
 * these messages and each caught, or did not catch, in its own way).
 */
export const highlightsClient = {
  create: (request: NewHighlight & { tabId?: number }) => attempt(() => sendMessage('createHighlight', request)),
  /** An edit made against `base`: merged with edits made elsewhere meanwhile, or refused. */
  edit: (id: string, patch: HighlightPatch, base: PatchBase, tabId?: number): Promise<EditOutcome> =>
    sendMessage('editHighlight', { id, patch, base, tabId }).catch((error: unknown): EditOutcome => failure(error)),
  /** Delete; the value is the deleted record (for undo), null when it was already gone. */
  remove: (id: string, tabId?: number) => attempt(() => sendMessage('deleteHighlight', { id, tabId })),
  /** Undo a delete made here (the live page redraws it). */
  restore: (record: HighlightRecord, tabId?: number) => attempt(() => sendMessage('restoreHighlight', { record, tabId })),
  /** Put back a highlight deleted elsewhere, with the reader's change on top. */
  revive: (record: HighlightRecord): Promise<WriteOutcome<HighlightRecord>> =>
    sendMessage('reviveHighlight', { record: { ...record, updatedAt: Date.now() } }).catch(failure),
  /** Keep the orphaned flag true to what the reader sees; nothing to say if it fails (it is said again next time). */
  markOrphaned: (id: string, orphaned: boolean) => void sendMessage('updateHighlight', { id, patch: { orphaned } }).catch(() => {}),
};

/** What a failed write says, in the reader's language. */
export function failureText(outcome: WriteFailure): string {
  return outcome.status === 'full' ? t('writeFailedFull') : outcome.status === 'gone' ? t('alreadyGone') : t('writeFailed', outcome.reason);
}

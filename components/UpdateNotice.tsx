import type { HighlightRecord } from '../utils/db/schema';
import { useReaderQuery } from './hooks/db';
import { lazyModule, useLazy } from './hooks/useLazy';

/** The notice's body and the diff (UpdateDetails.tsx), loaded only for an article that has changed. */
const details = lazyModule(() => import('./UpdateDetails'));

interface Props {
  articleId: string;
  /** The saved copy's text now (the latest the reader has seen). */
  text: string;
  highlights: readonly HighlightRecord[];
}

/**
 * "Updated since you saved it" (issue 24), shown above an article whose text changed since it
 * was first saved. Most articles never change: this reads whether it did, and only then loads
 * the part that compares the versions.
 */
export function UpdateNotice({ articleId, text, highlights }: Props) {
  const versions = useReaderQuery((live) => live.articleVersions(live.readerDb(), articleId), [articleId]);
  const loaded = useLazy(details, !!versions?.length);
  if (!versions?.length || !loaded) return null;
  return <loaded.UpdateDetails versions={versions} text={text} highlights={highlights} />;
}

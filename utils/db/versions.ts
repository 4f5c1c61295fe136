import { anchor, CONTEXT } from '../anchoring';
import type { ArticleBody, ArticleRow, HighlightRecord, MarginDB } from './schema';

/**
 * The versions of an article the reader has seen (issue 24, "what changed since you highlighted
 * it"). When a revisit finds text other than the saved copy's, the saved copy becomes the new text
 * (the highlights anchor to it, as they always did) and the text it replaces is kept here, with
 * when it was first and last the saved copy. Bounded: MAX_VERSIONS per article (the oldest, the
 * text as first saved, is always kept), each at most MAX_VERSION_CHARS. Local to the device: sync
 * carries the current copy only.
 */
export interface ArticleVersionRecord {
  /** articleId + "\u0000" + `from` (zero-padded). */
  id: string;
  articleId: string;
  /** When this text became the saved copy (the first save, or the revisit that found it). */
  from: number;
  /** When a revisit found other text and replaced it. */
  until: number;
  title: string;
  textContent: string;
}

export const MAX_VERSIONS = 8;
export const MAX_VERSION_CHARS = 2_000_000;

export const versionId = (articleId: string, from: number) => `${articleId}\u0000${String(from).padStart(15, '0')}`;

/**
 * Called inside the transaction that saves a revisited article, before its body is replaced:
 * keeps the replaced text when it differs from the new one. Answers whether it did.
 */
export async function keepReplacedVersion(
  db: MarginDB,
  existing: ArticleRow,
  old: ArticleBody | undefined,
  next: { title: string; textContent: string },
  now: number,
): Promise<boolean> {
  if (!old || !old.textContent || old.textContent === next.textContent) return false;
  if (old.textContent.length > MAX_VERSION_CHARS) return false;
  const earlier = await db.articleVersions.where('articleId').equals(existing.id).sortBy('from');
  // The saved copy has been the current text since the last replacement (or the first save).
  const from = earlier.at(-1)?.until ?? existing.savedAt;
  await db.articleVersions.put({
    id: versionId(existing.id, from),
    articleId: existing.id,
    from,
    until: now,
    title: existing.title,
    textContent: old.textContent,
  });
  const all = [...earlier.filter((v) => v.from !== from), { from }].sort((a, b) => a.from - b.from);
  if (all.length > MAX_VERSIONS) {
    // Keep the first (as saved) and the newest; drop the ones just after the first.
    const drop = all.slice(1, all.length - MAX_VERSIONS + 1);
    await db.articleVersions.bulkDelete(drop.map((v) => versionId(existing.id, v.from)));
  }
  return true;
}

/**
 * Forget the earlier versions of articles deleted for good (the trash purged or emptied, a sync
 * twin folded into the other id, articles deleted outright): versions are kept only while their
 * article is, in the library or in the trash. Call inside a transaction over articleVersions.
 */
export async function forgetVersions(db: MarginDB, articleIds: readonly string[]): Promise<number> {
  if (!articleIds.length) return 0;
  return db.articleVersions
    .where('articleId')
    .anyOf([...articleIds])
    .delete();
}

/** The earlier versions of one article become another's (one page saved twice, folded into one id by sync). */
export async function moveVersions(db: MarginDB, from: string, to: string): Promise<void> {
  const moving = await db.articleVersions.where('articleId').equals(from).toArray();
  if (!moving.length) return;
  await db.articleVersions.bulkDelete(moving.map((v) => v.id));
  await db.articleVersions.bulkPut(moving.map((v) => ({ ...v, id: versionId(to, v.from), articleId: to })));
}

/** An article's earlier versions, oldest first. */
export async function articleVersions(db: MarginDB, articleId: string): Promise<ArticleVersionRecord[]> {
  return db.articleVersions.where('articleId').equals(articleId).sortBy('from');
}

export interface UpdatedArticle {
  row: ArticleRow;
  /** When the last change was found. */
  changedAt: number;
  versions: number;
  /** The reader's highlights made before that change. */
  highlights: HighlightRecord[];
}

/** Articles updated since the reader highlighted them: a change found after one of their highlights was made. Newest change first. */
export async function updatedSinceHighlighted(db: MarginDB): Promise<UpdatedArticle[]> {
  return db.transaction('r', [db.articleVersions, db.articles, db.annotations], async () => {
    const ids = (await db.articleVersions.orderBy('articleId').uniqueKeys()) as string[];
    const out = await Promise.all(
      ids.map(async (id): Promise<UpdatedArticle | null> => {
        const [row, versions, highlights] = await Promise.all([
          db.articles.get(id),
          db.articleVersions.where('articleId').equals(id).toArray(),
          db.annotations.where('articleId').equals(id).toArray(),
        ]);
        if (!row) return null;
        const changedAt = Math.max(...versions.map((v) => v.until));
        const before = highlights.filter((h) => h.createdAt < changedAt);
        return before.length ? { row, changedAt, versions: versions.length, highlights: before } : null;
      }),
    );
    return out.filter((x): x is UpdatedArticle => !!x).sort((a, b) => b.changedAt - a.changedAt);
  });
}

export type HighlightChange = 'moved' | 'changed' | 'gone';

/** The CONTEXT characters before (-1) or after (1) an offset. */
const around = (text: string, at: number, side: -1 | 1) => (side < 0 ? text.slice(Math.max(0, at - CONTEXT), at) : text.slice(at, at + CONTEXT));

/**
 * How a change of the text touches the reader's highlights: each one found in the earlier text is
 * looked for in the current one (as the reader anchors it) — the same words among other words ("moved"),
 * words that differ ("changed"), or nowhere ("gone"). Highlights untouched, or made on a later
 * text than `before`, are left out.
 */
export function affectedHighlights(
  before: string,
  after: string,
  highlights: readonly HighlightRecord[],
): { highlight: HighlightRecord; change: HighlightChange }[] {
  const out: { highlight: HighlightRecord; change: HighlightChange }[] = [];
  for (const h of highlights) {
    const was = anchor(before, h.selectors);
    if (!was) continue;
    const now = anchor(after, h.selectors);
    if (!now) out.push({ highlight: h, change: 'gone' });
    else if (after.slice(now.start, now.end) !== before.slice(was.start, was.end)) out.push({ highlight: h, change: 'changed' });
    else if (
      now.start !== was.start &&
      (around(before, was.start, -1) !== around(after, now.start, -1) || around(before, was.end, 1) !== around(after, now.end, 1))
    )
      // Shifted by an edit elsewhere is not moved; moved is among other words than before.
      out.push({ highlight: h, change: 'moved' });
  }
  return out;
}

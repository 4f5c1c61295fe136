import { splitMentions } from '../entities/mentions';
import { entityKey, type EntityType } from '../entities/types';
import type { EntityCorrectionRecord, MarginDB } from './schema';

/**
 * The reader's splits applied to the saved articles at once (issue 24). A split ("Not this one"
 * on an entity's page) says that a form the recogniser joined to a fuller name stands for itself.
 * The reader's own page applies it to the marks it draws; the library, the entity pages and the
 * Entities view read the articles' stored entities, so those are rewritten here: each article's
 * entities before splits, with the count of each form (`raw` in entityMentions, written by every
 * visit), give its entities after them (splitMentions) without its text or the recogniser.
 *
 * `reconcileSplits` is idempotent and order-free: it compares the splits there are with the ones
 * last applied on this device (a local setting) and rewrites only the articles naming an entity
 * or a form whose split changed — whether the split was made here, arrived by sync, or came with
 * an import. Articles whose visit predates `raw` follow on their next visit.
 */

/** The splits last applied to the articles (local to the device: sync carries the corrections, and each device applies them). */
export const APPLIED_SPLITS_KEY = 'entitySplitsApplied';
const SPLIT = 'split:';
const SEP = '\u0000';

/** The reader's splits (entity key → forms), from the corrections table. */
export function splitsOf(records: readonly Pick<EntityCorrectionRecord, 'action' | 'key' | 'form'>[]): Map<string, string[]> {
  const splits = new Map<string, string[]>();
  for (const r of records) if (r.action === 'split' && r.key && r.form) splits.set(r.key, [...(splits.get(r.key) ?? []), r.form]);
  return splits;
}

/** The splits there are now (read by their text's prefix: a few records, not the whole table). */
export async function readSplits(db: MarginDB): Promise<Map<string, string[]>> {
  return splitsOf(await db.entityCorrections.where('text').startsWith(SPLIT).toArray());
}

const kindOf = (key: string) => key.slice(0, key.indexOf(':')) as EntityType;

/**
 * Bring every article touched by a split made or undone since the last call up to date; answers
 * how many articles it rewrote. One transaction: the articles' rows (their filters and the entity
 * index follow, index-keeper.ts), their mentions and the record of what was applied.
 */
export async function reconcileSplits(db: MarginDB): Promise<number> {
  return db.transaction('rw', [db.entityCorrections, db.settings, db.articles, db.entityMentions, db.entityArticles], async () => {
    const splits = await readSplits(db);
    const now = [...splits].flatMap(([key, forms]) => forms.map((form) => `${key}${SEP}${form}`)).sort();
    const applied = ((await db.settings.get(APPLIED_SPLITS_KEY))?.value as string[] | undefined) ?? [];
    const before = new Set(applied);
    const after = new Set(now);
    const changed = [...now.filter((p) => !before.has(p)), ...applied.filter((p) => !after.has(p))];
    if (!changed.length) return 0;
    // The articles naming the entity a form was split from, or the form as an entity of its own.
    const keys = new Set<string>();
    for (const pair of changed) {
      const [key, form] = pair.split(SEP) as [string, string];
      keys.add(key);
      keys.add(entityKey({ text: form, type: kindOf(key) }));
    }
    const ids = [
      ...new Set(
        (
          await db.entityArticles
            .where('key')
            .anyOf([...keys])
            .toArray()
        ).map((r) => r.articleId),
      ),
    ];
    const [rows, mentions] = await Promise.all([db.articles.bulkGet(ids), db.entityMentions.bulkGet(ids)]);
    let rewritten = 0;
    for (const [i, row] of rows.entries()) {
      const had = mentions[i];
      if (!row || !had?.raw) continue;
      const next = splitMentions(had.raw, splits);
      if (JSON.stringify(had.entities) !== JSON.stringify(next.mentions)) await db.entityMentions.put({ ...had, entities: next.mentions });
      if (JSON.stringify(row.entities) !== JSON.stringify(next.entities)) {
        await db.articles.update(row.id, { entities: next.entities });
        rewritten++;
      }
    }
    await db.settings.put({ key: APPLIED_SPLITS_KEY, value: now });
    return rewritten;
  });
}

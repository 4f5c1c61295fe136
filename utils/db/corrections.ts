import { normalizeName, type EntityCorrection } from '../entities/types';
import { newId } from './articles';
import type { EntityCorrectionRecord, MarginDB } from './schema';

export class CorrectionRepository {
  constructor(
    private readonly db: MarginDB,
    private readonly now: () => number = Date.now,
  ) {}

  async list(): Promise<EntityCorrection[]> {
    // The explorer's merges, splits and notes share the table (utils/db/entities.ts); the recogniser reads only corrections.
    const rows = (await this.db.entityCorrections.orderBy('updatedAt').toArray()).filter((r) => r.action === 'remove' || r.action === 'set');
    return rows.map((r) => (r.action === 'set' ? { text: r.text, action: 'set', type: r.type! } : { text: r.text, action: 'remove' }));
  }

  /** Record a correction; a later correction of the same name replaces the earlier one. */
  async save(correction: EntityCorrection): Promise<EntityCorrectionRecord> {
    const text = normalizeName(correction.text);
    if (!text) throw new Error('An entity correction needs a name');
    return this.db.transaction('rw', this.db.entityCorrections, async () => {
      const existing = await this.db.entityCorrections.where('text').equals(text).first();
      const time = this.now();
      const record: EntityCorrectionRecord = {
        id: existing?.id ?? newId(),
        text,
        action: correction.action,
        ...(correction.action === 'set' ? { type: correction.type } : {}),
        createdAt: existing?.createdAt ?? time,
        updatedAt: time,
      };
      await this.db.entityCorrections.put(record);
      return record;
    });
  }

  /** Forget the correction of a name (the recogniser decides again). */
  async remove(text: string): Promise<void> {
    await this.db.entityCorrections.where('text').equals(normalizeName(text)).delete();
  }
}

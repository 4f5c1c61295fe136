/**
 * The kinds of entity. `work` is a title of a work or a product (a film, drama, book, device,
 * app): no recogniser finds it (the models have no such label); a reader files names there.
 */
export const ENTITY_TYPES = ['person', 'org', 'place', 'work', 'date', 'money', 'percent', 'misc'] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

/** A mention of an entity: [start, end) offsets into the text it was found in. */
export interface EntitySpan {
  start: number;
  end: number;
  text: string;
  type: EntityType;
  /**
   * The fuller name this mention stands for when the article gives one (Assange → Julian
   * Assange; 이 대표 → 이재용): mentions with one canonical name are one entity.
   */
  canonical?: string;
}

/** The reader's corrections, applied to every article. `text` is matched as written. */
export type EntityCorrection = { text: string; action: 'remove' } | { text: string; action: 'set'; type: EntityType };

/** A name as written, told apart from spelling noise: NFC, white space collapsed and trimmed. */
export const normalizeName = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim();

/** One key per entity: its kind and its name, case aside ("org:삼성전자"). */
export const entityKey = (e: { text: string; type: EntityType }) => `${e.type}:${normalizeName(e.text).toLowerCase()}`;

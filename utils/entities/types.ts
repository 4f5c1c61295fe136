export const ENTITY_TYPES = ['person', 'org', 'place', 'date', 'money', 'percent', 'misc'] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

/** A mention of an entity: [start, end) offsets into the text it was found in. */
export interface EntitySpan {
  start: number;
  end: number;
  text: string;
  type: EntityType;
}

/** The reader's corrections, applied to every article. `text` is matched as written. */
export type EntityCorrection =
  | { text: string; action: 'remove' }
  | { text: string; action: 'set'; type: EntityType };

import type { EntityType } from '../utils/entities/types';
import type { MessageKey } from '../utils/i18n';

/** The kinds shown in the reader, in legend order, with their UI names. */
export const KINDS: { type: EntityType; label: MessageKey }[] = [
  { type: 'person', label: 'kindPerson' },
  { type: 'org', label: 'kindOrg' },
  { type: 'place', label: 'kindPlace' },
  { type: 'work', label: 'kindWork' },
  { type: 'date', label: 'kindDate' },
  { type: 'money', label: 'kindMoney' },
  { type: 'percent', label: 'kindPercent' },
  { type: 'misc', label: 'kindMisc' },
];

export const kindLabel = (type: EntityType): MessageKey => KINDS.find((k) => k.type === type)!.label;

import type { HighlightColor } from '../utils/db/schema';
import type { MessageKey } from '../utils/i18n';

export const COLORS: { color: HighlightColor; label: MessageKey }[] = [
  { color: 'yellow', label: 'colorYellow' },
  { color: 'green', label: 'colorGreen' },
  { color: 'blue', label: 'colorBlue' },
  { color: 'pink', label: 'colorPink' },
];

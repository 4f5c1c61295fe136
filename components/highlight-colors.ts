import type { HighlightColor } from '../utils/db/schema';
import type { MessageKey } from '../utils/i18n';

/**
 * The one table of highlight colours for the UI: the name a reader sees and the key that
 * picks the colour while the selection toolbar is up (the digit row, whatever the keyboard
 * layout: matched on KeyboardEvent.code). Their paint is in theme.css (--hl-*, .hl-swatch-*).
 */
export const COLORS: { color: HighlightColor; label: MessageKey; key: string; code: string }[] = [
  { color: 'yellow', label: 'colorYellow', key: '1', code: 'Digit1' },
  { color: 'green', label: 'colorGreen', key: '2', code: 'Digit2' },
  { color: 'blue', label: 'colorBlue', key: '3', code: 'Digit3' },
  { color: 'pink', label: 'colorPink', key: '4', code: 'Digit4' },
];

/** The key for "highlight and write a note" while the toolbar is up (N on a QWERTY keyboard, ㅜ in 2-beolsik). */
export const NOTE_KEY = { key: 'N', code: 'KeyN' };

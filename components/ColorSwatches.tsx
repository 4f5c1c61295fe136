import type { HighlightColor } from '../utils/db/schema';
import { t } from '../utils/i18n';
import { COLORS } from './highlight-colors';

interface Props {
  /** The colour chosen now (radio buttons); absent: plain buttons that act (the selection toolbar). */
  selected?: HighlightColor | null;
  onPick: (color: HighlightColor) => void;
  /** How each button is named: "Highlight in yellow (1)" in the toolbar, "Yellow" elsewhere. */
  name?: (label: string, key: string) => string;
}

/** The four highlight colours as buttons: one component for the toolbar, the card and the library. */
export function ColorSwatches({ selected, onPick, name = (label) => label }: Props) {
  const radio = selected !== undefined;
  return (
    <>
      {COLORS.map(({ color, label, key }) => {
        const accessible = name(t(label), key);
        return (
          <button
            type="button"
            key={color}
            role={radio ? 'radio' : undefined}
            aria-checked={radio ? selected === color : undefined}
            class={`swatch-button hl-swatch-${color}`}
            data-color={color}
            aria-label={accessible}
            title={accessible}
            onClick={() => onPick(color)}
          />
        );
      })}
    </>
  );
}

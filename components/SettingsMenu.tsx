import { useRef, useState } from 'preact/hooks';
import type { Preferences } from '../utils/background/settings';
import { t } from '../utils/i18n';
import { lazyModule, useLazy } from './hooks/useLazy';

/** The panel itself (SettingsPanel.tsx) is loaded once the button is pointed at, focused or clicked. */
const panel = lazyModule(() => import('./SettingsPanel'));

/**
 * Settings (⚙): the button, always in the top bar, and the panel it opens (SettingsPanel.tsx),
 * which the popup does not load before its first paint.
 */
export function SettingsMenu({ preferences }: { preferences: Preferences }) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const loaded = useLazy(panel, open);
  const prefetch = () => void panel.get().catch(() => {});
  return (
    <span class="settings">
      <button
        ref={button}
        type="button"
        class="icon-button"
        aria-expanded={open}
        aria-haspopup="dialog"
        aria-label={t('settingsButton')}
        title={t('settingsButton')}
        onPointerEnter={prefetch}
        onFocus={prefetch}
        onClick={() => setOpen((o) => !o)}
        data-testid="settings-button"
      >
        ⚙
      </button>
      {open && loaded && <loaded.SettingsPanel preferences={preferences} button={button} onClose={() => setOpen(false)} />}
    </span>
  );
}

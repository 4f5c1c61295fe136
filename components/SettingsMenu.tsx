import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { errorMessage } from '../utils/async';
import { ALL_SITES } from '../utils/background/settings';
import { t } from '../utils/i18n';
import { sendMessage } from '../utils/messages';

/**
 * Settings: "show my highlights whenever I revisit a page". Turning it on asks for access
 * to all sites right here, in the reader's click (browsers require a user gesture);
 * turning it off gives the access back.
 */
export function SettingsMenu() {
  const [open, setOpen] = useState(false);
  const [on, setOn] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  useEffect(() => {
    if (open) sendMessage('getSettings').then((s) => setOn(s.alwaysShowHighlights), () => {});
  }, [open]);

  const toggle = async (want: boolean) => {
    setMessage(null);
    try {
      if (want) {
        const granted = await browser.permissions.request({ origins: ALL_SITES });
        if (!granted) {
          setMessage(t('permissionDenied'));
          return;
        }
      }
      const settings = await sendMessage('setAlwaysShowHighlights', { on: want });
      setOn(settings.alwaysShowHighlights);
    } catch (error) {
      setMessage(`${t('permissionDenied')} (${errorMessage(error)})`);
    }
  };

  return (
    <span class="settings">
      <button type="button" class="icon-button" aria-expanded={open} aria-label={t('settingsButton')} title={t('settingsButton')} onClick={() => setOpen((o) => !o)} data-testid="settings-button">
        ⚙
      </button>
      {open && (
        <div class="popover settings-menu" role="dialog" aria-label={t('settingsButton')}>
          <label class="setting">
            <input type="checkbox" checked={on} onChange={(e) => toggle((e.target as HTMLInputElement).checked)} data-testid="always-show" />
            <span>{t('settingAlwaysShow')}</span>
          </label>
          <p class="setting-help">{t('settingAlwaysShowHelp')}</p>
          {message && <p class="setting-help setting-warning">{message}</p>}
        </div>
      )}
    </span>
  );
}

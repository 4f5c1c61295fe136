import { useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { errorMessage } from '../utils/async';
import { ALL_SITES, TEXT_SIZES, type Preferences, type TextSize } from '../utils/background/settings';
import { t, type MessageKey } from '../utils/i18n';
import { sendMessage } from '../utils/background/messages';
import { Popover } from './Popover';

const SIZE_LABELS: Record<TextSize, MessageKey> = { small: 'textSizeSmall', medium: 'textSizeMedium', large: 'textSizeLarge', 'x-large': 'textSizeXLarge' };

/**
 * The browser's own page for changing Margin's keys (issue 22: ⚙ said where it is but did
 * not go there). Firefox opens it itself; Chromium's page is opened in a tab, which an
 * extension may do though a link to it is blocked.
 */
function openShortcutSettings() {
  const commands = browser.commands as typeof browser.commands & { openShortcutSettings?: () => Promise<void> };
  if (commands?.openShortcutSettings) void commands.openShortcutSettings().catch(() => {});
  else void browser.tabs.create({ url: 'chrome://extensions/shortcuts' }).catch(() => {});
}

/**
 * Settings (⚙): what the toolbar button opens, the reader's text size, "show my
 * highlights whenever I revisit a page", and the toolbar on the page after a selection. Turning that on asks for access to all sites right
 * here, in the reader's click (browsers require a user gesture); turning it off gives the
 * access back. Preferences are read live from the database and written through the background.
 */
export function SettingsMenu({ preferences }: { preferences: Preferences }) {
  const [open, setOpen] = useState(false);
  const [on, setOn] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (open)
      sendMessage('getSettings').then(
        (s) => setOn(s.alwaysShowHighlights),
        () => {},
      );
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

  const prefer = (patch: Partial<Preferences>) => void sendMessage('setPreferences', patch).catch((error) => setMessage(errorMessage(error)));

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
        onClick={() => setOpen((o) => !o)}
        data-testid="settings-button"
      >
        ⚙
      </button>
      {open && (
        <Popover
          anchor={() => button.current?.getBoundingClientRect() ?? null}
          onClose={() => setOpen(false)}
          role="dialog"
          label={t('settingsButton')}
          class="popover settings-menu"
          testId="settings-menu"
          focus="first"
          inside={() => [button.current]}
        >
          <fieldset class="setting-group">
            <legend>{t('settingToolbarOpens')}</legend>
            {(['popup', 'panel'] as const).map((value) => (
              <label class="setting" key={value}>
                <input
                  type="radio"
                  name="toolbar-opens"
                  checked={preferences.toolbarOpens === value}
                  onChange={() => prefer({ toolbarOpens: value })}
                  data-testid={`toolbar-opens-${value}`}
                />
                <span>{t(value === 'popup' ? 'settingOpensPopup' : 'settingOpensPanel')}</span>
              </label>
            ))}
          </fieldset>
          <label class="setting setting-select">
            <span>{t('settingTextSize')}</span>
            <select
              value={preferences.textSize}
              onChange={(e) => prefer({ textSize: (e.target as HTMLSelectElement).value as TextSize })}
              data-testid="text-size"
            >
              {TEXT_SIZES.map((size) => (
                <option key={size} value={size}>
                  {t(SIZE_LABELS[size])}
                </option>
              ))}
            </select>
          </label>
          <label class="setting">
            <input type="checkbox" checked={on} onChange={(e) => toggle((e.target as HTMLInputElement).checked)} data-testid="always-show" />
            <span>{t('settingAlwaysShow')}</span>
          </label>
          <p class="setting-help">{t('settingAlwaysShowHelp')}</p>
          <label class="setting">
            <input
              type="checkbox"
              checked={preferences.pageToolbar}
              onChange={(e) => prefer({ pageToolbar: (e.target as HTMLInputElement).checked })}
              data-testid="page-toolbar-setting"
            />
            <span>{t('settingPageToolbar')}</span>
          </label>
          <p class="setting-help">{t('settingPageToolbarHelp')}</p>
          <p class="setting-help">{t('settingShortcutHelp')}</p>
          <p class="setting-help">{t('caretHelp')}</p>
          <button type="button" class="setting-link link-button" onClick={openShortcutSettings} data-testid="shortcut-settings-link">
            {t('shortcutSettingsLink')}
          </button>
          <a class="setting-link" href={browser.runtime.getURL('/library.html#sync')} target="_blank" rel="noreferrer" data-testid="sync-settings-link">
            {t('syncSettingsLink')}
          </a>
          {message && <p class="setting-help setting-warning">{message}</p>}
        </Popover>
      )}
    </span>
  );
}

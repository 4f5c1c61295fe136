import type { RefObject } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { errorMessage } from '../utils/async';
import { ALL_SITES, TEXT_SIZES, type Preferences, type TextSize } from '../utils/background/settings';
import { t, type MessageKey } from '../utils/i18n';
import { sendMessage } from '../utils/background/messages';
import { Popover } from './Popover';
import { useReaderQuery } from './hooks/db';
import { PHOTO_BUDGET, photoUsage } from '../utils/db/photos';
import { formatBytes } from '../utils/format';
import { tn, uiLanguage } from '../utils/i18n';
import type { Settings } from '../utils/background/messages';

/**
 * Photos kept with saved copies (issue 22): the switch (on by default), what they take now,
 * deleting them, and — asked for once, in the reader's click, with what it is for — access to
 * all sites for photos that image servers do not let the page's context read.
 */
function PhotoSettings({ settings, onChange }: { settings: Settings; onChange: (settings: Settings) => void }) {
  const usage = useReaderQuery((live) => photoUsage(live.readerDb()), []);
  const [said, setSaid] = useState<string | null>(null);
  const lang = uiLanguage();
  const size = formatBytes(usage?.bytes ?? 0, lang);
  const act = (run: () => Promise<Settings>, after?: (s: Settings) => string | null) =>
    void run().then(
      (next) => {
        onChange(next);
        setSaid(after?.(next) ?? null);
      },
      (error: unknown) => setSaid(`${t('permissionDenied')} (${errorMessage(error)})`),
    );
  const allSites = async (want: boolean): Promise<Settings> => {
    if (want && !(await browser.permissions.request({ origins: ALL_SITES }))) throw new Error(t('permissionDenied'));
    return sendMessage('setPhotosFromAllSites', { on: want });
  };
  return (
    <fieldset class="setting-group" data-testid="photo-settings">
      <legend>{t('settingPhotosTitle')}</legend>
      <label class="setting">
        <input
          type="checkbox"
          checked={settings.keepPhotos}
          onChange={(e) => {
            const on = (e.target as HTMLInputElement).checked;
            act(
              () => sendMessage('setKeepPhotos', { on }),
              () => (!on && (usage?.bytes ?? 0) > 0 ? t('photosOffKeepOrDelete', size) : null),
            );
          }}
          data-testid="keep-photos"
        />
        <span>{t('settingKeepPhotos')}</span>
      </label>
      <p class="setting-help">{t('settingKeepPhotosHelp', [formatBytes(PHOTO_BUDGET.perArticle, lang), formatBytes(PHOTO_BUDGET.total, lang)])}</p>
      <p class="setting-help" data-testid="photo-usage" data-bytes={usage?.bytes ?? 0}>
        {t('photoStorage', [size, tn('articlesCount', usage?.articles ?? 0)])}
      </p>
      {(usage?.bytes ?? 0) > 0 && (
        <button
          type="button"
          class="setting-link link-button"
          onClick={() =>
            void sendMessage('deletePhotos').then(
              () => setSaid(t('photosDeleted')),
              (error: unknown) => setSaid(errorMessage(error)),
            )
          }
          data-testid="delete-photos"
        >
          {t('deletePhotos')}
        </button>
      )}
      <label class="setting">
        <input
          type="checkbox"
          checked={settings.photosFromAllSites}
          disabled={!settings.keepPhotos}
          onChange={(e) => act(() => allSites((e.target as HTMLInputElement).checked))}
          data-testid="photos-all-sites"
        />
        <span>{t('settingPhotosAllSites')}</span>
      </label>
      <p class="setting-help">{t('settingPhotosAllSitesHelp')}</p>
      {said && (
        <p class="setting-help" role="status" data-testid="photo-said">
          {said}
        </p>
      )}
    </fieldset>
  );
}

interface SettingsPanelProps {
  preferences: Preferences;
  /** The ⚙ button: the panel sits under it, and clicks on it are not "outside". */
  button: RefObject<HTMLButtonElement | null>;
  onClose: () => void;
}

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
export function SettingsPanel({ preferences, button, onClose }: SettingsPanelProps) {
  const [on, setOn] = useState(false);
  const [settings, setSettings] = useState<Settings | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  useEffect(() => {
    sendMessage('getSettings').then(
      (s) => {
        setOn(s.alwaysShowHighlights);
        setSettings(s);
      },
      () => {},
    );
  }, []);

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
      const next = await sendMessage('setAlwaysShowHighlights', { on: want });
      setOn(next.alwaysShowHighlights);
      setSettings(next);
    } catch (error) {
      setMessage(`${t('permissionDenied')} (${errorMessage(error)})`);
    }
  };

  const prefer = (patch: Partial<Preferences>) => void sendMessage('setPreferences', patch).catch((error) => setMessage(errorMessage(error)));

  return (
    <Popover
      anchor={() => button.current?.getBoundingClientRect() ?? null}
      onClose={onClose}
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
        <select value={preferences.textSize} onChange={(e) => prefer({ textSize: (e.target as HTMLSelectElement).value as TextSize })} data-testid="text-size">
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
      {settings && <PhotoSettings settings={settings} onChange={setSettings} />}
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
  );
}

import type { ComponentChildren } from 'preact';
import { browser } from 'wxt/browser';
import type { Preferences } from '../utils/background/settings';
import { t } from '../utils/i18n';
import { SettingsMenu } from './SettingsMenu';

/**
 * The reader's top bar (popup, side panel, saved copy): the brand, the article's page on its
 * site, the library and the settings; `children` go between the original and the library.
 */
export function ReaderTopbar({ url, preferences, children }: { url: string | undefined; preferences: Preferences; children?: ComponentChildren }) {
  return (
    <header class="topbar">
      <span class="brand">
        <img src="/icon/32.png" alt="" width={18} height={18} />
        {t('extName')}
      </span>
      <nav class="topbar-actions" aria-label={t('topbarLabel')}>
        {url && (
          <a class="topbar-link" href={url} target="_blank" rel="noopener noreferrer" title={t('openOriginalTitle')}>
            {t('openOriginal')} ↗
          </a>
        )}
        {children}
        <button
          type="button"
          class="topbar-link link-button"
          title={t('openLibraryTitle')}
          onClick={() => void browser.runtime.openOptionsPage()}
          data-testid="open-library"
        >
          {t('openLibrary')}
        </button>
        <SettingsMenu preferences={preferences} />
      </nav>
    </header>
  );
}

import type en from '../public/_locales/en/messages.json';

export type MessageKey = keyof typeof en;

interface I18nApi {
  getMessage(key: string, substitutions?: string | string[]): string;
  getUILanguage(): string;
}

function api(): I18nApi | undefined {
  const g = globalThis as { browser?: { i18n?: I18nApi }; chrome?: { i18n?: I18nApi } };
  return g.browser?.i18n ?? g.chrome?.i18n;
}

/** A UI string from _locales in the browser's language (the key itself outside a browser). */
export function t(key: MessageKey, substitutions?: string | string[]): string {
  return api()?.getMessage(key, substitutions) || key;
}

export function uiLanguage(): string {
  return api()?.getUILanguage() ?? (typeof navigator !== 'undefined' ? navigator.language : 'en');
}

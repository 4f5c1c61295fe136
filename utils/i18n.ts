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

/** Keys with a form for one ("articlesCount" and "articlesCountOne"). */
export type CountKey = { [K in MessageKey]: `${K}One` extends MessageKey ? K : never }[MessageKey];

/** A number as the reader's locale writes it (1,200). */
export const formatCount = (n: number): string => new Intl.NumberFormat(uiLanguage()).format(n);

/**
 * A count in words: "1 article", "2 articles". English has a form for one (the key + "One"),
 * Korean one form for all (기사 1건, 기사 2건): each locale writes both keys. The count is
 * the only substitution unless `substitutions` are given (then the count is among them).
 */
export function tn(key: CountKey, count: number, substitutions: string[] = [formatCount(count)]): string {
  return t(count === 1 ? (`${key}One` as MessageKey) : key, substitutions);
}

/**
 * URL identity for saved articles: the same article reached through a share link
 * (utm_*, fbclid, …) or with a #fragment must find the same record.
 */

const TRACKING_PARAMS = new Set([
  'fbclid',
  'gclid',
  'dclid',
  'gbraid',
  'wbraid',
  'msclkid',
  'yclid',
  'igshid',
  'mc_cid',
  'mc_eid',
  '_ga',
  '_gl',
  '_hsenc',
  '_hsmi',
  'mkt_tok',
]);

function isTrackingParam(name: string): boolean {
  const key = name.toLowerCase();
  return key.startsWith('utm_') || TRACKING_PARAMS.has(key);
}

declare const normalized: unique symbol;

/**
 * A page URL in the one form an article is known by (normalizeUrl): the type is the proof
 * that it was normalised, so the database, sync and the importers never normalise it again
 * or compare an unnormalised one with it (CODE-NOTES 2). Made only by `normalizeUrl`.
 */
export type NormalizedUrl = string & { readonly [normalized]: true };

/**
 * Normalise a page URL: drop the fragment and tracking parameters, sort the remaining
 * query parameters (their order never changes which article a page is). Scheme and
 * host are lower-cased and default ports dropped by the URL parser itself.
 * Returns the input unchanged when it is not a parseable absolute URL.
 */
export function normalizeUrl(raw: string): NormalizedUrl {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return raw.trim() as NormalizedUrl;
  }
  url.hash = '';
  if (url.search) {
    const kept = [...url.searchParams].filter(([name]) => !isTrackingParam(name));
    kept.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    url.search = new URLSearchParams(kept).toString();
  }
  return url.toString() as NormalizedUrl;
}

const STORE_HOSTS = new Set(['chrome.google.com', 'chromewebstore.google.com', 'addons.mozilla.org', 'microsoftedge.microsoft.com']);

export type UrlReadability = 'readable' | 'restricted' | 'unsupported';

/**
 * Whether the extension may read a tab at this URL. Browser pages (chrome://, about:,
 * the extension stores, other extensions) are off limits to every extension; schemes
 * other than http(s)/file are not web pages at all.
 */
export function classifyUrl(raw: string | undefined | null): UrlReadability {
  if (!raw) return 'restricted';
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'unsupported';
  }
  switch (url.protocol) {
    case 'http:':
    case 'https:':
      return STORE_HOSTS.has(url.hostname) ? 'restricted' : 'readable';
    case 'file:':
      return 'readable';
    case 'chrome:':
    case 'edge:':
    case 'brave:':
    case 'about:':
    case 'chrome-extension:':
    case 'moz-extension:':
    case 'view-source:':
    case 'devtools:':
    case 'chrome-search:':
    case 'chrome-untrusted:':
      return 'restricted';
    default:
      return 'unsupported';
  }
}

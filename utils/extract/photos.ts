/**
 * Which of an article's pictures are its photos (issue 22: the saved copy keeps them for
 * offline reading). Reads the sanitised body as stored — DOMPurify's serialisation, so every
 * attribute is double-quoted — with a scanner rather than a DOM: the background that keeps
 * the photos is a service worker, which has no DOMParser.
 *
 * Skipped before anything is fetched: `data:` and `blob:` addresses (already in the text, or
 * gone), SVG (drawings and logos, and text), pictures the page declares smaller than
 * MIN_PHOTO_SIDE on a side (icons, avatars, tracking pixels), and addresses or classes that
 * say icon, logo, avatar, sprite, pixel, spacer, badge, emoji or tracking. What is too small
 * once fetched is skipped by the keeper (the page may not declare sizes).
 */

/** A picture shorter than this on a side (CSS px as declared, or decoded px) is no photo. */
export const MIN_PHOTO_SIDE = 100;
/** At most this many photos are kept per article (a gallery of 200 is not read offline). */
export const MAX_PHOTOS_PER_ARTICLE = 24;

export interface PhotoCandidate {
  /** The `src` of the picture as the stored body has it: what the saved copy looks it up by. */
  key: string;
  /** What to fetch: the `src` resolved, or the best `srcset` choice when there is no usable `src`. */
  url: string;
}

const IMG = /<img((?:\s+[^\s=>/]+(?:\s*=\s*"[^"]*")?)*)\s*\/?>/gi;
const ATTR = /([^\s=>/]+)(?:\s*=\s*"([^"]*)")?/g;
const NOT_A_PHOTO = /(?:^|[^a-z])(?:icons?|logos?|avatars?|sprites?|pixel|spacer|badges?|emoji|tracking|tracker|beacon|blank|transparent)(?:[^a-z]|$)/i;

const ENTITIES: Record<string, string> = { amp: '&', quot: '"', lt: '<', gt: '>', apos: "'", nbsp: '\u00a0' };
function decodeAttribute(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') return String.fromCodePoint(name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1)));
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

function attributes(raw: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const [, name, value] of raw.matchAll(ATTR)) map.set(name!.toLowerCase(), decodeAttribute(value ?? ''));
  return map;
}

function resolve(url: string, base: string): URL | null {
  try {
    return new URL(url.trim(), base);
  } catch {
    return null;
  }
}

/** The widest `srcset` candidate up to 2000w (or the first, when widths are not given). */
function fromSrcset(srcset: string): string | null {
  let best: { url: string; w: number } | null = null;
  for (const part of srcset.split(/,\s+/)) {
    const [url, descriptor = ''] = part.trim().split(/\s+/);
    if (!url) continue;
    const w = /^(\d+)w$/.exec(descriptor) ? Number(descriptor.slice(0, -1)) : 0;
    if (!best || (w > best.w && w <= 2000)) best = { url, w };
  }
  return best?.url ?? null;
}

const declared = (value: string | undefined) => {
  const n = value === undefined ? NaN : parseFloat(value);
  return Number.isFinite(n) ? n : null;
};

/**
 * What a picture is kept under: its `src` as the stored body writes it, or, when that is empty
 * or a placeholder (`data:`), its chosen `srcset` address. The saved copy finds each picture's
 * photo by the same rule (components/ArticleView.tsx).
 */
export function photoKey(src: string | null, srcset: string | null): string | null {
  if (src && !/^(?:data|blob):/i.test(src.trim())) return src;
  return srcset ? fromSrcset(srcset) : null;
}

/** The article's photos, in the order of the text, each once. */
export function photoCandidates(html: string, base: string): PhotoCandidate[] {
  const out: PhotoCandidate[] = [];
  const seen = new Set<string>();
  for (const [, raw] of html.matchAll(IMG)) {
    const attrs = attributes(raw!);
    const src = attrs.get('src') ?? '';
    const width = declared(attrs.get('width'));
    const height = declared(attrs.get('height'));
    if ((width !== null && width < MIN_PHOTO_SIDE) || (height !== null && height < MIN_PHOTO_SIDE)) continue;
    const chosen = photoKey(src, attrs.get('srcset') ?? null);
    const url = chosen ? resolve(chosen, base) : null;
    if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) continue;
    if (/\.svgz?$/i.test(url.pathname)) continue;
    // The address and the class, not the alt text: "a Pixel phone" is a photo.
    if (NOT_A_PHOTO.test(url.pathname) || NOT_A_PHOTO.test(attrs.get('class') ?? '')) continue;
    const key = photoKey(src, attrs.get('srcset') ?? null)!;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ key, url: url.href });
    if (out.length >= MAX_PHOTOS_PER_ARTICLE) break;
  }
  return out;
}

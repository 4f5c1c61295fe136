// The file itself, not the package index, so isProbablyReaderable stays out of the content script.
import Readability from '@mozilla/readability/Readability.js';
import { normalizeContent } from './normalize';
import { readingWeight } from './weight';

/**
 * What the page gives: the part of extraction that needs the live DOM and runs in the
 * content script. It stays small (the script is injected on every click) and does no
 * interpretation; utils/extract/finish.ts turns a capture into an Article anywhere.
 */
export interface PageCapture {
  url: string;
  documentTitle: string;
  declaredLang: string | null;
  /** Readability's own findings (metadata tags, JSON-LD, byline elements). */
  readability: {
    title: string | null;
    byline: string | null;
    siteName: string | null;
    lang: string | null;
    publishedTime: string | null;
    excerpt: string | null;
  } | null;
  /** Author-ish meta values, then texts of byline-like elements, in order of trust (empty when Readability found a byline). */
  bylineCandidates: string[];
  /** Site-name-ish meta values. */
  siteNameCandidates: string[];
  /** <time datetime> values, then short texts of date-like elements near the headline. */
  dateCandidates: string[];
  contentHtml: string;
  textContent: string;
  /** readingWeight() of the link text inside the content. */
  linkWeight: number;
}

const BYLINE_META = ['byline', 'dable:author', 'article:author', 'og:article:author', 'sailthru.author'];
const SITE_META = ['og:site_name', 'application-name', 'al:android:app_name'];
const BYLINE_SELECTORS = '[itemprop=author],[rel=author],[class*=byline i],[class*=writer i],[class*=reporter i],[class*=journalist i]';
const DATE_SELECTORS = '[class*=date i],[class*=time i],[id*=date i]';
const TIME_SELECTORS = 'article time[datetime],time[pubdate][datetime],time[itemprop=datePublished][datetime]';
// Page furniture Readability would throw away anyway; removing it from the clone first
// spares Readability most of its work on a typical news page (see the benchmark).
const FURNITURE = 'nav,aside,footer,[role=navigation],[role=complementary],[role=menu],[role=menubar],[role=dialog],[role=alertdialog],[role=contentinfo]';

function metaValues(doc: Document, names: string[]): string[] {
  const out: string[] = [];
  for (const name of names) {
    for (const attr of ['name', 'property', 'itemprop']) {
      const value = doc.querySelector(`meta[${attr}="${name}" i]`)?.getAttribute('content')?.trim();
      if (value) out.push(value);
    }
  }
  return out;
}

function texts(doc: Document, selectors: string, limit: number, maxLength: number): string[] {
  const out: string[] = [];
  for (const el of Array.from(doc.querySelectorAll(selectors))) {
    const text = el.textContent?.replace(/\s+/g, ' ').trim();
    if (text && text.length <= maxLength) out.push(text);
    if (out.length >= limit) break;
  }
  return out;
}

/** Run Readability on a clone of the document (the live page is never touched). */
export function capturePage(doc: Document, url: string): PageCapture {
  const root = doc.documentElement;
  const clone = doc.cloneNode(true) as Document;
  for (const el of Array.from(clone.body?.querySelectorAll(FURNITURE) ?? [])) el.remove();
  const parsed = new Readability<Node>(clone, { serializer: (el) => el }).parse();
  const content = parsed?.content as Element | null | undefined;
  let linkWeight = 0;
  if (content) {
    normalizeContent(content);
    for (const a of Array.from(content.querySelectorAll('a'))) linkWeight += readingWeight(a.textContent ?? '');
  }
  return {
    url,
    documentTitle: doc.title ?? '',
    declaredLang:
      root.getAttribute('lang') ||
      doc.querySelector('meta[http-equiv=content-language i]')?.getAttribute('content') ||
      doc.querySelector('meta[property="og:locale" i]')?.getAttribute('content') ||
      null,
    readability: parsed && {
      title: parsed.title ?? null,
      byline: parsed.byline ?? null,
      siteName: parsed.siteName ?? null,
      lang: parsed.lang ?? null,
      publishedTime: parsed.publishedTime ?? null,
      excerpt: parsed.excerpt ?? null,
    },
    // Looked for only when Readability found nothing: these scans cost as much as a clone.
    bylineCandidates: parsed?.byline ? [] : [...metaValues(doc, BYLINE_META), ...texts(doc, BYLINE_SELECTORS, 8, 60)],
    siteNameCandidates: parsed?.siteName ? [] : metaValues(doc, SITE_META),
    dateCandidates: parsed?.publishedTime
      ? []
      : [...Array.from(doc.querySelectorAll(TIME_SELECTORS), (el) => el.getAttribute('datetime') ?? ''), ...texts(doc, DATE_SELECTORS, 40, 200)],
    contentHtml: content?.innerHTML ?? '',
    textContent: content?.textContent ?? '',
    linkWeight,
  };
}

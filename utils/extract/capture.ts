// The file itself, not the package index, so isProbablyReaderable stays out of the content script.
import Readability from '@mozilla/readability/Readability.js';
import { normalizeContent } from './normalize';
import { pruneContent, type PruneFindings } from './prune';
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
  /** How long the capture took in the page (ms). */
  captureMs?: number;
}

const BYLINE_META = ['byline', 'dable:author', 'article:author', 'og:article:author', 'sailthru.author'];
const SITE_META = ['og:site_name', 'application-name', 'al:android:app_name'];
const BYLINE_SELECTORS = '[itemprop=author],[rel=author],[class*=byline i],[class*=writer i],[class*=reporter i],[class*=journalist i]';
const DATE_SELECTORS = '[class*=date i],[class*=time i],[id*=date i]';
const TIME_SELECTORS = 'article time[datetime],time[pubdate][datetime],time[itemprop~=datePublished][datetime]';
// Publication dates in meta tags Readability does not read (it reads article:published_time and JSON-LD).
const DATE_META = 'meta[property*=publish i],meta[name*=pubdate i],meta[property*=pubdate i],meta[itemprop~=datePublished],meta[name=date i]';
// A labelled date in the page's text: "기사입력 :[ 2018-08-25 15:24 ]", "Published: 2019-11-19".
const LABELLED_DATE = /(?:기사\s*입력|입력|등록|승인|published|posted)\s*(?:일|일시|시간)?\s*[:：]?\s*\[?\s*\d{4}\s*[-./년]/i;
// Page furniture Readability would throw away anyway; removing it from the clone first
// spares Readability most of its work on a typical news page (see the benchmark).
const FURNITURE = 'nav,aside,footer,[role=navigation],[role=complementary],[role=menu],[role=menubar],[role=dialog],[role=alertdialog],[role=contentinfo]';

const META_ATTRS = ['name', 'property', 'itemprop'];

/**
 * The content of the first meta tag whose name, property or itemprop is each of `names` (ASCII
 * case aside, as `meta[name="…" i]` matches), in that order: one pass over the meta tags
 * rather than a search of the whole document for each pair, most of which find nothing.
 */
function metaValues(doc: Document, names: string[]): string[] {
  const first = new Map<string, Element>();
  for (const meta of Array.from(doc.getElementsByTagName('meta'))) {
    for (const attr of META_ATTRS) {
      const value = meta.getAttribute(attr);
      if (value === null) continue;
      const key = `${attr} ${value.replace(/[A-Z]+/g, (upper) => upper.toLowerCase())}`;
      if (!first.has(key)) first.set(key, meta);
    }
  }
  const out: string[] = [];
  for (const name of names) {
    for (const attr of META_ATTRS) {
      const value = first.get(`${attr} ${name}`)?.getAttribute('content')?.trim();
      if (value) out.push(value);
    }
  }
  return out;
}

/** Dates in meta tags and <time>; only when there are none, the scans of the page's text. */
function dateCandidates(doc: Document, inBody: string[]): string[] {
  const tagged = [
    ...Array.from(doc.querySelectorAll(DATE_META), (el) => el.getAttribute('content') ?? ''),
    ...Array.from(doc.querySelectorAll(TIME_SELECTORS), (el) => el.getAttribute('datetime') ?? ''),
  ].filter((v) => /^\d{4}-\d\d-\d\d/.test(v));
  return tagged.length ? [...tagged, ...inBody] : [...inBody, ...labelledDates(doc, 5), ...texts(doc, DATE_SELECTORS, 40, 200)];
}

function labelledDates(doc: Document, limit: number): string[] {
  const out: string[] = [];
  if (!doc.body) return out;
  const walker = doc.createTreeWalker(doc.body, 4);
  for (let node = walker.nextNode(); node && out.length < limit; node = walker.nextNode()) {
    const text = (node as Text).data;
    if (text.length <= 200 && LABELLED_DATE.test(text)) out.push(text.replace(/\s+/g, ' ').trim());
  }
  return out;
}

/**
 * A copy of the document without the furniture under its body: what cloning it whole and then
 * removing the furniture gives, without copying the furniture first. Only the elements on the
 * way to a piece of furniture are copied one by one; everything else is copied whole.
 */
function cloneWithoutFurniture(doc: Document): Document {
  const furniture = new Set<Node>(doc.body?.querySelectorAll(FURNITURE) ?? []);
  const clone = doc.cloneNode(false) as Document;
  if (!furniture.size) {
    for (let child = doc.firstChild; child; child = child.nextSibling) clone.appendChild(clone.importNode(child, true));
    return clone;
  }
  const onTheWay = new Set<Node>();
  for (const el of furniture) for (let up = el.parentNode; up && !onTheWay.has(up); up = up.parentNode) onTheWay.add(up);
  const copy = (from: Node, to: Node) => {
    for (let child = from.firstChild; child; child = child.nextSibling) {
      if (furniture.has(child)) continue;
      if (!onTheWay.has(child)) {
        to.appendChild(clone.importNode(child, true));
        continue;
      }
      const shallow = to.appendChild(clone.importNode(child, false));
      copy(child, shallow);
    }
  };
  copy(doc, clone);
  return clone;
}

/** Comments split React's text ("A<!-- -->22"), and Readability would make a paragraph of each piece. */
function removeComments(root: Node): void {
  const doc = root.ownerDocument ?? (root as Document);
  const walker = doc.createTreeWalker(root, 128);
  const comments: Node[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) comments.push(node);
  for (const node of comments) node.parentNode?.removeChild(node);
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
  const began = performance.now();
  const root = doc.documentElement;
  const clone = cloneWithoutFurniture(doc);
  if (clone.body) removeComments(clone.body);
  // Classes kept for pruneContent, which removes them when it is done.
  const parsed = new Readability<Node>(clone, { serializer: (el) => el, keepClasses: true }).parse();
  const content = parsed?.content as Element | null | undefined;
  let linkWeight = 0;
  let found: PruneFindings = { bylines: [], dates: [] };
  if (content) {
    found = pruneContent(content, parsed?.title ?? null, url);
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
    // … and when its byline is the site's own name ("AppleInsider" over "By Mike Wuerthele and Malcolm Owen").
    bylineCandidates:
      parsed?.byline && parsed.byline !== parsed.siteName ? [] : [...metaValues(doc, BYLINE_META), ...found.bylines, ...texts(doc, BYLINE_SELECTORS, 8, 120)],
    siteNameCandidates: parsed?.siteName ? [] : metaValues(doc, SITE_META),
    dateCandidates: /^(?:199\d|20\d\d)-\d\d-\d\d/.test(parsed?.publishedTime ?? '') ? [] : dateCandidates(doc, found.dates),
    contentHtml: content?.innerHTML ?? '',
    textContent: content?.textContent ?? '',
    linkWeight,
    captureMs: performance.now() - began,
  };
}

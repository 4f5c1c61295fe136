/**
 * Metadata that Readability misses on news sites, Korean ones above all: bylines given
 * as "[매체 이름 기자]" at the top of the body or in a .writer element, publication dates
 * shown only as "기사입력 2025.01.28 23:21", site names only in the <title>.
 * Pure string functions over what utils/extract/capture.ts collected from the page.
 */

import { squash } from '../text/scripts';

const MAX_BYLINE = 80;
const BYLINE_DATE_TAIL =
  /\s*[-–—,|·]?\s*(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b|(?:\b|(?<=\p{Ll}))\d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)|\b(?:January|February|March|April|May|June|July|August|September|October|November|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?) \d{1,2}\b|(?<=\p{Ll})\d|\b\d{4}[-./]\d{1,2}[-./]\d{1,2}).*$/u;
const EMAIL = /[\w.+-]+@[\w-]+(\.[\w-]+)+/g;
const URLISH = /https?:\/\/\S+/g;

// A Korean reporter's title: 기자, 특파원, 중국전문기자, 선임기자, 논설위원, 객원기자 …
const KO_REPORTER_TITLE = '(?:[가-힣]{0,6}기자|특파원|논설위원|객원기자|칼럼니스트|에디터|PD|통신원)';
const KO_NAME = '[가-힣]{2,4}';

/** Strip e-mail addresses, links and the punctuation Korean bylines wrap names in. */
export function cleanByline(raw: string | null | undefined): string | null {
  if (!raw) return null;
  let text = squash(raw.replace(EMAIL, ' ').replace(URLISH, ' '));
  text = text.replace(/^(?:by|글|기자명|작성자|written by|posted by|analysis by|opinion by)\s*[:：]?\s+/i, '');
  // A date run into the name ("Jeff FoustMonday, November 18", "Lucas Nolan22 Dec 2016", "admin - 2018-09-16").
  text = text
    .replace(BYLINE_DATE_TAIL, '')
    .replace(/\s+(?:on|at|updated|published)$/i, '')
    .replace(/\s+,/g, ',')
    .trim();
  // "Amy Kuperinsky | NJ Advance Media for NJ.com": the person, not the desk.
  text = text.split(/\s+\|\s+/)[0]!.trim();
  if (/^(?:by|from|staff|admin|administrator)$|^(?:last )?(?:updated|published|posted|modified)\b/i.test(text)) return null;
  text = text.replace(/\(\s*\)|\[\s*\]/g, '').trim();
  // … and the separators a page sets between byline pieces ("• 김서연 기자", "홍길동 기자 ·").
  text = text.replace(/^[[(【<\s•·|/–—-]+|[\])】>=/|·•,:\s]+$/g, '').trim();
  // A bracket left open by the removals above ("홍길동 기자 (").
  text = text.replace(/\s*[([【]$/, '').trim();
  if (!text || text.length > MAX_BYLINE || !/\p{L}/u.test(text)) return null;
  return text;
}

/** "[서울=뉴스핌] 최헌규 중국전문기자=", "[문화누리신문 윤지호 기자]", "(서울=연합뉴스) 홍길동 기자 =" … */
export function bylineFromText(text: string): string | null {
  const head = text.slice(0, 300);
  const patterns = [
    // [매체 이름 기자]
    new RegExp(`^\\s*[\\[(【]\\s*[^\\]\\)】=]{1,30}?\\s+(${KO_NAME})\\s+(${KO_REPORTER_TITLE})\\s*[\\])】]`),
    // [지역=매체] 이름 기자 =
    new RegExp(`^\\s*[\\[(【][^\\]\\)】]{1,30}[\\])】]\\s*(${KO_NAME})\\s*(${KO_REPORTER_TITLE})\\s*=`),
  ];
  for (const re of patterns) {
    const m = head.match(re);
    if (m) return `${m[1]} ${m[2]}`;
  }
  // A closing signature: "윤지호 기자 jiho@example.com" as the last line.
  const tail = text.slice(-200);
  const sig = tail.match(new RegExp(`(?:^|\\n)\\s*(${KO_NAME})\\s+(${KO_REPORTER_TITLE})\\s*(?:\\(?[\\w.+-]+@[\\w.-]+\\)?)?\\s*$`));
  if (sig) return `${sig[1]} ${sig[2]}`;
  // … or the title first: "칼럼니스트 박생강 pillgoo9@example.com".
  const sig2 = tail.match(new RegExp(`(?:^|\\n)\\s*(${KO_REPORTER_TITLE})\\s+(${KO_NAME})\\s*(?:\\(?[\\w.+-]+@[\\w.-]+\\)?)?\\s*$`));
  if (sig2) return `${sig2[2]} ${sig2[1]}`;
  return null;
}

// --- Publication date -------------------------------------------------------------

const PUBLISHED_LABEL = /(기사\s*입력|입력|등록|승인|게재|송고|발행|작성|published|posted|created)\s*(?:일|일시|시간)?\s*[:：]?/i;
const MODIFIED_LABEL = /(최종\s*수정|수정|업데이트|updated|modified)/i;
const LABEL_SPLIT = /(?=(?:기사\s*입력|입력|등록|승인|최종\s*수정|수정|업데이트|게재|송고|published|updated)\s*[:：]?)/i;
const DATE_RE =
  /(\d{4})\s*(?:[.\-/]|년)\s*(\d{1,2})\s*(?:[.\-/]|월)\s*(\d{1,2})\s*일?(?:\s*\([^)]{1,3}\))?(?:\s*(오전|오후|AM|PM)?\s*(\d{1,2})\s*[:시]\s*(\d{2})(?:\s*[:분]\s*(\d{2}))?\s*(?:초)?)?/i;

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/**
 * Parse a date as Korean and other news sites print it. Without a zone in the text,
 * `offset` is applied (Korean sites print Korea time); null offset gives a local time.
 */
export function parseNewsDate(text: string, offset: string | null): string | null {
  const m = text.match(DATE_RE);
  if (!m) return null;
  const [, y, mo, d, ampm, hh, mm, ss] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  if (year < 1990 || year > 2100 || month < 1 || month > 12 || day < 1 || day > 31) return null;
  let date = `${year}-${pad(month)}-${pad(day)}`;
  if (hh !== undefined) {
    let hour = Number(hh);
    if (ampm && /오후|pm/i.test(ampm) && hour < 12) hour += 12;
    if (ampm && /오전|am/i.test(ampm) && hour === 12) hour = 0;
    if (hour > 23 || Number(mm) > 59) return null;
    date += `T${pad(hour)}:${mm}:${ss ?? '00'}`;
  } else {
    return date;
  }
  return offset ? date + offset : date;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH_NAME = '(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.?';
const ENGLISH_DATE = new RegExp(
  `(?:(\\d{1,2})(?:st|nd|rd|th)?\\s+${MONTH_NAME},?\\s+(\\d{4})|${MONTH_NAME}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4}))(?:,?\\s*(?:at\\s*)?(\\d{1,2}):(\\d{2})\\s*([ap])?\\.?m?\\.?)?(?:\\s*(GMT|UTC)\\b)?`,
  'i',
);

/** "November 19, 2019, 07:47", "19 Nov 2019 07:09 GMT", "Monday, November 18th, 2019 at 11:08 a.m." as ISO (local time unless GMT/UTC). */
export function parseEnglishDate(text: string): string | null {
  const m = text.match(ENGLISH_DATE);
  if (!m) return null;
  const [, d1, mon1, y1, mon2, d2, y2, hh, mm, ampm, zone] = m;
  const year = Number(y1 ?? y2);
  const month = MONTHS.indexOf((mon1 ?? mon2 ?? '').toLowerCase()) + 1;
  const day = Number(d1 ?? d2);
  if (year < 1990 || year > 2100 || month < 1 || day < 1 || day > 31) return null;
  const date = `${year}-${pad(month)}-${pad(day)}`;
  if (hh === undefined) return date;
  let hour = Number(hh);
  if (ampm && /p/i.test(ampm) && hour < 12) hour += 12;
  if (ampm && /a/i.test(ampm) && hour === 12) hour = 0;
  if (hour > 23 || Number(mm) > 59) return null;
  return `${date}T${pad(hour)}:${mm}:00${zone ? 'Z' : ''}`;
}

/** An ISO 8601 date as given, if it is one and plausible (not "0001-01-01T00:00:00Z"). */
function isoDate(value: string): string | null {
  const text = value.trim();
  const m = text.match(/^(\d{4})-\d{2}-\d{2}(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/);
  return m && Number(m[1]) >= 1990 && Number(m[1]) <= 2100 ? text.replace(' ', 'T') : null;
}

/** A publication date as pages give it in metadata: ISO as is, English dates as ISO, implausible ones dropped. */
export function normalizeDate(value: string | null | undefined): string | null {
  if (!value?.trim()) return null;
  return isoDate(value) ?? parseEnglishDate(value) ?? parseNewsDate(value, null);
}

// --- Site name ----------------------------------------------------------------------

const TITLE_SEPARATORS = /\s+(?:[-|–—:<>»·]|::)\s+/;

/** The site name from a <title> such as "기사 제목 - 뉴스핌" or "Headline | The Site". */
export function siteNameFromTitle(documentTitle: string, articleTitle: string): string | null {
  const title = squash(documentTitle);
  if (!title || title === articleTitle) return null;
  const parts = title
    .split(TITLE_SEPARATORS)
    .map((p) => p.trim())
    .filter(Boolean);
  const candidates = parts.filter((p) => p !== articleTitle && !articleTitle.includes(p));
  const last = candidates[candidates.length - 1];
  return last && last.length <= 40 ? last : null;
}

// Platforms that put their own name where a publication's belongs.
const PLATFORMS = /^(?:blogger|blogspot|wordpress(?:\.com)?|tumblr|wix|squarespace|ghost)$/i;

function compact(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
}

/** An IPv4 or IPv6 address (as URL writes it: "127.0.0.1", "[::1]"). */
const IP_HOST = /^(?:\d{1,3}(?:\.\d{1,3}){3}|\[[0-9a-f:.]+\])$/i;

/** The host as the address writes it ("127.0.0.1:8080") when it is an IP address, which has no name to read. */
function ipHost(url: string): string | null {
  try {
    const parsed = new URL(url);
    return IP_HOST.test(parsed.hostname) ? parsed.host : null;
  } catch {
    return null;
  }
}

/**
 * The registrable name of a host: "www.politifact.com" → "politifact", "news.bbc.co.uk" → "bbc".
 * None for an IP address (its second-to-last number is no name: 127.0.0.1 is not "0").
 */
export function hostLabel(url: string): string | null {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return null;
  }
  if (IP_HOST.test(host)) return null;
  const parts = host.replace(/^www\d?\./, '').split('.');
  if (parts.length < 2) return parts[0] || null;
  const second = parts[parts.length - 2]!;
  // co.uk, com.br, co.kr, or.kr …
  if (parts.length >= 3 && parts[parts.length - 1]!.length === 2 && second.length <= 3) return parts[parts.length - 3]!;
  return second;
}

/** Does a name belong to the site's domain ("NYTimes" to nytimes.com, "Houston Chronicle" to chron.com; not "U.S.")? */
export function belongsToHost(name: string, label: string): boolean {
  const c = compact(name);
  if (c.length < 2) return false;
  if (c.includes(label) || (c.length >= 4 && label.includes(c))) return true;
  const initials = name
    .split(/[\s.&-]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toLowerCase())
    .join('');
  return initials === label || (label.length >= 4 && c.startsWith(label.slice(0, 4)));
}

/**
 * A byline that only names the publication ("BBC News" on bbc.com, "RT" on rt.com): the site's
 * name, or its domain's own label, written another way. Such a byline says no more than the
 * site name beside it and is dropped.
 */
export function isSiteName(byline: string, siteName: string | null, url: string): boolean {
  const c = compact(byline);
  if (!c) return false;
  if (siteName && compact(siteName) === c) return true;
  const label = hostLabel(url);
  return !!label && label.replace(/[^\p{L}\p{N}]/gu, '') === c;
}

/** The site's brand from its domain, spelled as its <title> spells it when it does ("PolitiFact"), else capitalised. */
export function brandFromHost(url: string, documentTitle: string): string | null {
  const label = hostLabel(url);
  if (!label) return ipHost(url);
  for (const part of squash(documentTitle).split(TITLE_SEPARATORS)) if (compact(part) === label) return part.trim();
  const inTitle = documentTitle.match(new RegExp(`\\b${label.replace(/[^a-z0-9]/g, '')}\\b`, 'i'))?.[0];
  if (inTitle && inTitle !== inTitle.toLowerCase()) return inTitle;
  return label.length <= 3 ? label.toUpperCase() : label[0]!.toUpperCase() + label.slice(1);
}

/**
 * The publication's name: the first candidate (JSON-LD publisher, og:site_name …) that is
 * one — not a @handle, an address, a platform, a list of sections or the headline — then
 * the <title>'s site part when it belongs to the domain, then the domain's brand.
 */
export function publicationName(candidates: (string | null | undefined)[], documentTitle: string, articleTitle: string, url: string): string | null {
  const label = hostLabel(url);
  for (const raw of candidates) {
    const name = squash(raw ?? '');
    if (!name || /^@|^https?:|^www\./i.test(name) || PLATFORMS.test(name) || name === articleTitle) continue;
    const parts = name.split(/\s+\|\s+/);
    if (parts.length > 2) {
      const own = label ? parts.find((p) => belongsToHost(p, label)) : undefined;
      if (own) return own;
      continue;
    }
    if (name.length <= 60) return name;
  }
  const fromTitle = siteNameFromTitle(documentTitle, articleTitle);
  // A name in another script than the domain's ("뉴스핌" on newspim.com) cannot be compared: trusted.
  if (fromTitle && label && compact(fromTitle).startsWith(label) && compact(fromTitle) !== label) return brandFromHost(url, documentTitle); // "PolitiFact West Virginia": an edition
  if (fromTitle && (!label || !/[a-z]/i.test(fromTitle) || belongsToHost(fromTitle, label))) return fromTitle;
  return brandFromHost(url, documentTitle);
}

/** Section, author or site parts of a headline: "… | Editorial", "… | Eleanor Ainge Roy", "Opinion | …". */
export function cleanTitle(title: string, siteName: string | null, byline: string | null): string {
  let text = title;
  if (siteName) {
    const suffix = new RegExp(`\\s+(?:[-|–—:·»]|::)\\s+${siteName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'i');
    const stripped = text.replace(suffix, '');
    if (stripped.length >= 5) text = stripped;
  }
  const parts = text.split(/\s+\|\s+/);
  if (parts.length !== 2) return text;
  const [head, tail] = parts as [string, string];
  const words = (s: string) => s.split(/\s+/).length;
  const known = (s: string) => (byline && compact(s) === compact(byline)) || (siteName && compact(s) === compact(siteName));
  if (known(tail) || (words(tail) <= 3 && words(head) >= 4 && /^\p{Lu}/u.test(tail))) return head;
  if (known(head) || (words(head) <= 2 && words(tail) >= 4 && /^\p{Lu}/u.test(head))) return tail;
  return text;
}

/** The first credible byline among candidates (meta values, then byline-like elements). */
export function bylineFromCandidates(candidates: string[]): string | null {
  for (const candidate of candidates) {
    if (/^https?:/i.test(candidate.trim())) continue;
    // A date label or a date first ("승인 2025.09.18 07:05") is a date line, not a byline.
    if (/^\D{0,12}\d{4}\s*[.\-/년]/.test(candidate)) continue;
    const text = cleanByline(candidate);
    if (text && text.length <= 40 && !/\d{4}\s*[.\-/년]/.test(text)) return text;
  }
  return null;
}

/**
 * The publication date among candidates: a valid <time datetime> value, else the first
 * date labelled as publication ("기사입력", "입력", "승인", "Published" …), else the first
 * date not labelled as a modification. `lang` decides the zone of zone-less dates.
 */
export function publishedFromCandidates(candidates: string[], lang: string | null): string | null {
  const offset = lang?.startsWith('ko') ? '+09:00' : null;
  const unlabelled: string[] = [];
  for (const candidate of candidates) {
    const iso = isoDate(candidate);
    if (iso) return iso;
    // Split "기사입력 : … 최종수정 : …" into labelled pieces.
    for (const piece of candidate.split(LABEL_SPLIT)) {
      const parsed = parseNewsDate(piece, offset) ?? parseEnglishDate(piece);
      if (!parsed || MODIFIED_LABEL.test(piece)) continue;
      if (PUBLISHED_LABEL.test(piece)) return parsed;
      unlabelled.push(parsed);
    }
  }
  return unlabelled[0] ?? null;
}

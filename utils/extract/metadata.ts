/**
 * Metadata that Readability misses on news sites, Korean ones above all: bylines given
 * as "[매체 이름 기자]" at the top of the body or in a .writer element, publication dates
 * shown only as "기사입력 2025.01.28 23:21", site names only in the <title>.
 * Pure string functions over what utils/extract/capture.ts collected from the page.
 */

const MAX_BYLINE = 80;
const EMAIL = /[\w.+-]+@[\w-]+(\.[\w-]+)+/g;
const URLISH = /https?:\/\/\S+/g;

// A Korean reporter's title: 기자, 특파원, 중국전문기자, 선임기자, 논설위원, 객원기자 …
const KO_REPORTER_TITLE = '(?:[가-힣]{0,6}기자|특파원|논설위원|객원기자|칼럼니스트|에디터|PD|통신원)';
const KO_NAME = '[가-힣]{2,4}';

function squash(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Strip e-mail addresses, links and the punctuation Korean bylines wrap names in. */
export function cleanByline(raw: string | null | undefined): string | null {
  if (!raw) return null;
  let text = squash(raw.replace(EMAIL, ' ').replace(URLISH, ' '));
  text = text.replace(/^(?:by|글|기자명|작성자|written by)\s*[:：]?\s+/i, '');
  text = text.replace(/\(\s*\)|\[\s*\]/g, '').trim();
  text = text.replace(/^[[(【<\s]+|[\])】>=/|·,:\s]+$/g, '').trim();
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

/** The first credible byline among candidates (meta values, then byline-like elements). */
export function bylineFromCandidates(candidates: string[]): string | null {
  for (const candidate of candidates) {
    if (/^https?:/i.test(candidate.trim())) continue;
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
    if (/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(candidate.trim())) return candidate.trim();
    // Split "기사입력 : … 최종수정 : …" into labelled pieces.
    for (const piece of candidate.split(LABEL_SPLIT)) {
      const parsed = parseNewsDate(piece, offset);
      if (!parsed || MODIFIED_LABEL.test(piece)) continue;
      if (PUBLISHED_LABEL.test(piece)) return parsed;
      unlabelled.push(parsed);
    }
  }
  return unlabelled[0] ?? null;
}

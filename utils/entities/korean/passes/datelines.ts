import { COMMON_NOUNS } from '../../lexicon-ko';
import type { Context } from '../context';
import { FAIR, GOOD, STRONG } from '../findings';
import { isKoreanName, isPlaceWord, placeSuffix } from '../shapes';

/**
 * The furniture of a news article: datelines ([서울=뉴스핌], (서울=연합뉴스)), bylines in brackets
 * ([문화누리신문 윤지호 기자]) and after an equals sign (글=김선영 기자), photo credits (사진=…).
 */
const PASS = 'datelines';

const DATELINE = /[[(【]\s*([\uac00-\ud7a3]{2,8})\s*=\s*([\uac00-\ud7a3A-Za-z0-9]{2,12}(?: [A-Za-z0-9]+)?)\s*[\])】]/g;
const BRACKET_BYLINE = /[[(【]\s*([^\][()=\n]{2,20}?)\s+([\uac00-\ud7a3]{2,4})\s+(?:[\uac00-\ud7a3]{0,6}기자|특파원)\s*[\])】]/g;
const BYLINE =
  /(?:글|사진|영상|그래픽|편집|정리|취재|기사)(?:\s*[·ㆍ/]\s*(?:글|사진|영상|그래픽))?\s*=\s*([\uac00-\ud7a3]{2,4})\s*(?:[\uac00-\ud7a3]{0,6}기자|특파원|작가|PD)(?![\uac00-\ud7a3])/g;
const PHOTO_CREDIT = /사진\s*=\s*([\uac00-\ud7a3A-Za-z][\uac00-\ud7a3A-Za-z ]{1,20}?)(?=\s*(?:제공|[.,)\]]|$))/g;
const REPORTER = /(?:기자|특파원|작가)$/;
const REPORTER_TITLE = /\s*\S*(?:기자|특파원|작가)$/;
const SPACE = /\s/;

export function datelines({ text, found }: Context): void {
  // matchAll copies each pattern, so the module's /g patterns keep their lastIndex at 0.
  for (const m of text.matchAll(DATELINE)) {
    const [, place = '', agency = ''] = m; // both groups are required: never the defaults
    if (!isPlaceWord(place) && !placeSuffix(place)) continue; // (사진=…) is a credit, see below
    found.add(place, 'place', FAIR, PASS, 'dateline-place');
    found.add(agency, 'org', STRONG, PASS, 'dateline-agency');
  }
  for (const m of text.matchAll(BRACKET_BYLINE)) {
    const [, outlet = '', reporter = ''] = m; // both groups are required: never the defaults
    found.add(outlet, 'org', STRONG, PASS, 'byline-outlet');
    found.add(reporter, 'person', STRONG, PASS, 'byline-reporter');
  }
  // Bylines: 글=김선영 기자, 글·사진=홍길동 기자, 정리=이영희 기자.
  for (const m of text.matchAll(BYLINE)) {
    const [, name = ''] = m;
    if (isKoreanName(name)) found.add(name, 'person', STRONG, PASS, 'byline');
  }
  // Photo credits: (사진=부산국제영화제 제공), 사진=바이두.
  for (const m of text.matchAll(PHOTO_CREDIT)) {
    const name = (m[1] ?? '').trim();
    if (REPORTER.test(name)) {
      const person = name.replace(REPORTER_TITLE, '');
      if (isKoreanName(person)) found.add(person, 'person', GOOD, PASS, 'photo-reporter');
    } else if (!COMMON_NOUNS.has(name) && !SPACE.test(name)) {
      found.add(name, 'org', GOOD, PASS, 'photo-credit');
    }
  }
}

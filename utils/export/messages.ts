import type { ImportSummary } from './transfer';
import type { ImportError, SkipReason, SkipReport } from './import';

/**
 * What the library says about an import, in the reader's language (English, or Korean in
 * 해요체). Kept here rather than in _locales because the sentences are built from an
 * error's code and parameters, and are tested in Node; the CLI keeps the English message.
 */
export type ImportLang = 'en' | 'ko';

export function importLang(uiLanguage: string): ImportLang {
  return uiLanguage.toLowerCase().startsWith('ko') ? 'ko' : 'en';
}

const SKIPS: Record<ImportLang, Record<SkipReason, string>> = {
  en: {
    reply: 'replies',
    'page-note': 'page notes',
    'no-quote': 'without a highlighted passage',
    'not-text': 'on an image, video or sound, not text',
    'empty-quote': 'with an empty passage',
    'not-a-web-page': 'on a local file, not a web page',
  },
  ko: {
    reply: '답글',
    'page-note': '페이지 메모',
    'no-quote': '하이라이트 구절이 없는 항목',
    'not-text': '텍스트가 아닌 이미지·영상·소리에 단 주석',
    'empty-quote': '구절이 빈 항목',
    'not-a-web-page': '웹 페이지가 아닌 파일의 주석',
  },
};

export function skipsText(s: SkipReport, lang: ImportLang): string {
  if (!s.count) return '';
  const counts = Object.entries(s.byReason).map(([reason, n]) =>
    lang === 'ko' ? `${SKIPS.ko[reason as SkipReason]} ${n}건` : `${n} ${SKIPS.en[reason as SkipReason]}`,
  );
  const at = s.first.map((f) => f.position).join(', ') + (s.count > s.first.length ? ', …' : '');
  return lang === 'ko' ? `${counts.join(', ')} (${at}번째)` : `${counts.join(', ')} (item${s.first.length > 1 ? 's' : ''} ${at})`;
}

/** Known validator phrases, for the Korean message; anything else is shown as it is. */
const PROBLEMS_KO: [RegExp, string][] = [
  [/is not a web address/, '웹 주소(http, https, file)가 아니에요'],
  [/is not a date/, '날짜가 아니에요'],
  [/is longer than (\d+) characters/, '$1자보다 길어요'],
  [/has more than (\d+) entries/, '항목이 $1개보다 많아요'],
  [/ends before it starts/, '끝이 시작보다 앞에 있어요'],
  [/has no target/, '대상(target)이 없어요'],
  [/has no source/, '대상의 주소(source)가 없어요'],
  [/is empty/, '비어 있어요'],
  [/refines more than/, 'refinedBy가 너무 깊이 중첩돼 있어요'],
  [/Invalid type: Expected (.+) but received (.+)$/, '형식이 맞지 않아요. $1 형식이어야 하는데 $2 값이 왔어요'],
  [/^Invalid (type|key)|is not an object|is not a list/, '형식이 맞지 않아요'],
  [/is not an IRI/, 'IRI(주소 형식)가 아니에요'],
  [/has both body and bodyValue/, 'body와 bodyValue가 함께 있어요. 둘 중 하나만 있어야 해요'],
  [/is not an agent/, '만든 사람이나 프로그램(IRI나 객체)이 아니에요'],
  [/is not ltr, rtl or auto/, 'ltr, rtl, auto 중 하나가 아니에요'],
  [/is both (\w+) and (\w+)/, '$1이면서 $2일 수는 없어요'],
  [/is only allowed in a Choice/, 'Choice나 묶음(Composite, List, Independents)에만 올 수 있어요'],
  [/is a TextualBody without a value/, '값(value)이 없는 TextualBody예요'],
  [/is not a media type/, '미디어 형식(format)이 아니에요'],
  [/is not a language/, '언어 코드가 아니에요'],
];

/** "annotation 3.target.source" → "3번째 주석의 target.source". */
function placeKo(at: string): string {
  const m = /^annotation (\d+)\.?(.*)$/.exec(at);
  if (m) return m[2] ? `${m[1]}번째 주석의 ${m[2]}` : `${m[1]}번째 주석`;
  const article = /^article (\d+)$/.exec(at);
  if (article) return `${article[1]}번째 기사`;
  if (at.startsWith('the file')) return '파일';
  return at || '파일';
}

/** The reason a file was refused, for the toast "Nothing was imported: …". */
export function importErrorText(error: ImportError, lang: ImportLang): string {
  if (lang === 'en')
    return error.code === 'nothing-importable' && error.skipped
      ? `Nothing in this file can be placed in an article's text: ${skipsText(error.skipped, 'en')}`
      : error.message;
  const p = error.params;
  switch (error.code) {
    case 'too-large':
      return `파일이 ${p.mb} MB보다 커요.`;
    case 'empty':
      return '파일이 비어 있어요.';
    case 'not-json':
      return '올바른 JSON 파일이 아니에요. 중간에 잘렸거나 내보낸 파일이 아닐 수 있어요.';
    case 'too-deep':
      return `${placeKo(p.at ?? '')}: ${p.limit}단계보다 깊게 중첩되어 있어서 가져오지 않았어요.`;
    case 'wrong-kind':
      return 'Margin에서 내보낸 파일, W3C 웹 주석(Web Annotation) 문서, Hypothesis에서 내보낸 파일 중 어느 것도 아니에요.';
    case 'margin-version':
      return `이 파일은 Margin 형식 ${p.version}(으)로 되어 있어요. 이 버전의 Margin은 형식 ${p.supported}까지 읽을 수 있어요.`;
    case 'too-many':
      return `항목이 너무 많아요(${p.max}개 초과).`;
    case 'no-items':
      return p.first
        ? `이 주석 모음의 주석은 파일 안에 없고 첫 페이지가 다른 곳(${p.first})에 있어요. 페이지를 파일로 저장해서 그 파일을 가져오세요.`
        : '파일에 주석 목록이 없어요.';
    case 'duplicate-id':
      return `${placeKo(p.at ?? '')}: 같은 id(${p.id})가 파일에 두 번 나와요.`;
    case 'second-article':
      return `${p.at}: 같은 주소(${p.url})의 기사가 두 번 나와요.`;
    case 'correction-kind':
      return `${p.at}: "${p.text}"의 종류가 없어요.`;
    case 'nothing-importable':
      return error.skipped
        ? `가져올 수 있는 하이라이트가 없어요. ${skipsText(error.skipped, 'ko')}, 모두 ${error.skipped.count}건을 건너뛰었어요.`
        : `가져올 수 있는 하이라이트가 없어요. 건너뛴 항목: ${p.skipped}이에요.`;
    case 'invalid': {
      const problem = p.problem ?? error.message;
      const known = PROBLEMS_KO.find(([re]) => re.test(problem));
      const text = known ? problem.replace(new RegExp(`^.*?(?:${known[0].source}).*$`), known[1]) : problem;
      return `${placeKo(p.at ?? '')}: ${text}`;
    }
  }
}

/** What an import did, for the toast: counts, then skips and conflicts when there are any. */
export function importReportText(s: ImportSummary, lang: ImportLang): string {
  const parts: string[] = [];
  if (lang === 'ko') {
    parts.push(
      `새 기사 ${s.articles.added}건, 새 하이라이트 ${s.annotations.added}건, 바뀐 하이라이트 ${s.annotations.updated}건을 가져왔어요. 이미 있던 것 ${s.annotations.unchanged}건은 그대로예요.`,
    );
    if (s.annotations.conflicts) parts.push(`메모가 달랐던 ${s.annotations.conflicts}건은 내 메모 아래에 가져온 메모를 함께 남겼어요.`);
    if (s.annotations.renamed) parts.push(`id가 겹친 다른 하이라이트 ${s.annotations.renamed}건은 새 id로 가져왔어요.`);
    if (s.skipped.count) parts.push(`${skipsText(s.skipped, 'ko')}, 모두 ${s.skipped.count}건은 건너뛰었어요.`);
  } else {
    parts.push(
      `Imported: ${s.articles.added} new articles, ${s.annotations.added} new highlights, ${s.annotations.updated} updated (${s.annotations.unchanged} already here).`,
    );
    if (s.annotations.conflicts) parts.push(`${s.annotations.conflicts} had a different note: the imported one is kept below yours.`);
    if (s.annotations.renamed) parts.push(`${s.annotations.renamed} other highlights with an id already in use were imported under a new id.`);
    if (s.skipped.count) parts.push(`Skipped ${s.skipped.count}: ${skipsText(s.skipped, 'en')}.`);
  }
  return parts.join(' ');
}

/** The heading above an imported note kept beside the reader's own. */
export function conflictHeading(lang: ImportLang): string {
  return lang === 'ko' ? '— 가져온 메모 (위 메모와 달라요) —' : '— Imported version (differs from the note above) —';
}

/** The message for a full disk. */
export function storageFullText(lang: ImportLang): string {
  return lang === 'ko' ? '기기에 저장 공간이 부족해요. 아무것도 가져오지 않았어요.' : 'Your device has no room for this import. Nothing was imported.';
}

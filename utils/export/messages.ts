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
    reply: 'reply|replies',
    'page-note': 'page note|page notes',
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
    lang === 'ko' ? `${SKIPS.ko[reason as SkipReason]} ${n}건` : count(n, SKIPS.en[reason as SkipReason]),
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

/** "1 article", "2 articles": `forms` is "singular|plural" (one form: the same for both). */
function count(n: number, forms: string): string {
  const [one, many = one] = forms.split('|') as [string, string?];
  return `${n.toLocaleString('en')} ${new Intl.PluralRules('en').select(n) === 'one' ? one : many}`;
}

/** English items joined as a reader writes them: "a", "a and b", "a, b and c". */
const listEn = (items: string[]) => (items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`);

/**
 * What an import did, for the toast: what came in, then skips and conflicts when there are
 * any. Only what happened is said (no "0 new articles"), with English plurals right and
 * Korean sentences a person would write (issue 22).
 */
export function importReportText(s: ImportSummary, lang: ImportLang): string {
  const parts: string[] = [];
  const { added: articles } = s.articles;
  const { added, updated, unchanged, conflicts, renamed } = s.annotations;
  if (lang === 'ko') {
    const fresh = [articles && `기사 ${articles}건`, added && `하이라이트 ${added}건`].filter(Boolean);
    if (fresh.length) parts.push(`${fresh.join('과 ')}을 새로 가져왔어요.`);
    if (updated) parts.push(`하이라이트 ${updated}건은 가져온 내용으로 고쳤어요.`);
    if (unchanged) parts.push(`${fresh.length || updated ? '' : '새로 가져온 것은 없어요. '}이미 있던 하이라이트 ${unchanged}건은 그대로 뒀어요.`);
    if (!fresh.length && !updated && !unchanged) parts.push('새로 가져온 것은 없어요.');
    if (conflicts) parts.push(`메모가 달랐던 ${conflicts}건은 내 메모 아래에 가져온 메모를 함께 남겼어요.`);
    if (renamed) parts.push(`id가 겹친 다른 하이라이트 ${renamed}건은 새 id로 가져왔어요.`);
    if (s.annotations.otherCreators) parts.push(`다른 사람이 같은 구절에 단 주석 ${s.annotations.otherCreators}건은 따로 가져왔어요.`);
    if (s.annotations.keptApart)
      parts.push(`내 메모 아래에 붙이면 너무 길어지는 메모 ${s.annotations.keptApart}건은 자르지 않고 따로 하이라이트로 가져왔어요.`);
    if (s.notices.shortened.length)
      parts.push(
        `메모가 20만 자를 넘는 주석 ${s.notices.shortened.length}건(${s.notices.shortened.slice(0, 5).join(', ')}번째)은 Margin에서 20만 자까지 보여 줘요. 원문 전체는 그대로 두었다가 내보낼 때 돌려줘요.`,
      );
    if (s.notices.floatingDates) parts.push(`시간대가 없는 날짜 ${s.notices.floatingDates}개는 UTC로 읽었어요.`);
    if (s.skipped.count) parts.push(`${skipsText(s.skipped, 'ko')}, 모두 ${s.skipped.count}건은 건너뛰었어요.`);
  } else {
    const fresh = [articles && count(articles, 'new article|new articles'), added && count(added, 'new highlight|new highlights')].filter(
      (x): x is string => !!x,
    );
    const done = [...fresh, updated && `${count(updated, 'highlight|highlights')} updated`].filter((x): x is string => !!x);
    parts.push(done.length ? `Imported ${listEn(done)}.` : 'Nothing new to import.');
    if (unchanged) parts.push(`${count(unchanged, 'highlight was|highlights were')} already here.`);
    if (conflicts) parts.push(`${count(conflicts, 'highlight|highlights')} had a different note: the imported one is kept below yours.`);
    if (renamed)
      parts.push(`${count(renamed, 'other highlight|other highlights')} with an id already in use ${renamed === 1 ? 'was' : 'were'} imported under a new id.`);
    if (s.annotations.otherCreators)
      parts.push(
        `${count(s.annotations.otherCreators, 'annotation|annotations')} by another person on a passage already here ${s.annotations.otherCreators === 1 ? 'was kept as its own highlight' : 'were kept as their own highlights'}.`,
      );
    if (s.annotations.keptApart)
      parts.push(
        `${count(s.annotations.keptApart, 'imported note was|imported notes were')} too long to add below yours: kept whole as ${s.annotations.keptApart === 1 ? 'its own highlight' : 'their own highlights'}.`,
      );
    if (s.notices.shortened.length)
      parts.push(
        `${count(s.notices.shortened.length, 'note was|notes were')} longer than 200,000 characters (item${s.notices.shortened.length > 1 ? 's' : ''} ${s.notices.shortened.slice(0, 5).join(', ')}): Margin shows the first 200,000; the whole text is kept and given back on export.`,
      );
    if (s.notices.floatingDates) parts.push(`${count(s.notices.floatingDates, 'date without a time zone was|dates without a time zone were')} read as UTC.`);
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

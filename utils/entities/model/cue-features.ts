import type { Lexicon } from './features';
import { hashText } from './text-hash';

/**
 * Cue-class features of the Korean tagger (templates 70–77), for names that carry no suffix
 * and no title (issue 19: brands, teams, leagues, schools and idol groups; a country acting
 * as a government or a team; foreign and given names). The character and word hashes of
 * features.ts only know the words KLUE's 4,000 fit sentences happen to contain; these map a
 * word to a **class** (a word that follows an organisation, a word that introduces one, a verb
 * of an acting state or team, the shape of a Latin or Hangul word, the type of the name it is
 * coordinated with), so that what the model learns from one cue word carries over to the others
 * of its class, and to texts in which only the others occur.
 *
 * The word lists are generic Korean news vocabulary written for this (no names), and they are
 * part of the trained weights' meaning: change them only with a retrained model.
 *
 * Each template's value is the same for every character of a run (a run of one script, as in
 * features.ts); the caller mixes in where the character sits in the run (`cuePlace`).
 */

const set = (words: string) => new Set(words.split(/\s+/).filter(Boolean));

/** Words after an organisation's name (its people, its things, what it does): 한빛 구단, 누리 소속사, 가람 팬들. */
export const ORG_NEXT = set(`구단 구단주 선수단 팬 팬들 팬덤 팬클럽 팬미팅 소속사 소속 브랜드 제품 제품군 신제품 매장 매장들 본사 본점 지점 지사 법인
  주가 주식 주주 지분 실적 매출 영업이익 순이익 시가총액 시총 점유율 측 멤버 멤버들 앨범 정규앨범 미니앨범 신곡 타이틀곡 뮤직비디오 컴백 데뷔 월드투어 콘서트
  대변인 관계자 관계자들 노조 임직원 직원 직원들 경영진 이사회 홈구장 홈경기 원정경기 사령탑 코칭스태프 유니폼 엠블럼 로고 공식 홈페이지 계정 채널
  연구팀 연구진 교수진 학생 학생들 재학생 졸업생 동문 총장 이사장 학부모 캠퍼스 교정 입시 공장 사옥 계열사 자회사 모회사 협력사 가맹점 서비스 앱 플랫폼
  광고 광고모델 모델 스폰서 후원사 우승컵 우승 준우승 리그 시즌 로스터 라인업`);

/** Words before an organisation's name that say what it is: 걸그룹 누리, 소속 구단 한빛, 브랜드 가온, 상대 팀 … */
export const ORG_PREV = set(`소속 소속팀 소속사 브랜드 그룹 걸그룹 보이그룹 아이돌 아이돌그룹 밴드 구단 팀 클럽 리그 상대 상대팀 라이벌 명문 명문구단
  업체 기업 회사 제조사 스타트업 자회사 계열사 모회사 프랜차이즈 체인 방송사 채널 매체 언론사 신문 통신사 학교 대학 고교 고등학교 중학교 초등학교
  레이블 기획사 엔터테인먼트사 게임사 플랫폼 앱 서비스 전자상거래 유통업체 항공사 자동차업체 완성차업체 증권사 은행 카드사 보험사 제약사 바이오기업
  프로축구 프로야구 프로농구 프로배구 구단인 팀인 실업팀 대표팀`);

/** Beginnings of the verb after a subject that is an acting state, company or team (미국이 제재를 발표했다; 한빛이 3-1로 이겼다). */
const AGENT_VERBS = `발표 밝혔 밝힌 요청 요구 촉구 비난 규탄 제재 합의 체결 승인 거부 지원 파견 협상 경고 선언 결정 허용 금지 부과 인정 부인 항의 제안
  출시 선보 공개 인수 영입 투자 계약 상장 철수 진출 설립 개발 생산 판매 수출 수입 출범 컴백 데뷔 발매`
  .split(/\s+/)
  .filter(Boolean);
const TEAM_VERBS =
  `승리 이겼 이기 꺾 제압 격파 완파 대파 눌렀 누르 패했 패배 패하 졌 지고 비겼 무승부 우승 준우승 탈락 득점 선제골 동점골 결승골 역전 석패 완승 완봉 연승 연패`
    .split(/\s+/)
    .filter(Boolean);

const TEAM_CLAUSE = new RegExp(`(?:${TEAM_VERBS.join('|')}|\\d\\s?[-–:대]\\s?\\d)`);
const AGENT_CLAUSE = new RegExp(`(?:${AGENT_VERBS.join('|')}|주장|발사|도발|보복|개입|압박|반발|파병|공격|침공|비판)`);

/** What the clause after a subject at `from` does: 2 a team's result (이겼다, 2-1로), 1 an act of a state or a company (발표했다), 0 neither. */
export function clauseAct(text: string, from: number): 0 | 1 | 2 {
  const clause = text.slice(from, from + 80).split(/[.?!\n]/, 1)[0]!;
  return TEAM_CLAUSE.test(clause) ? 2 : AGENT_CLAUSE.test(clause) ? 1 : 0;
}

/** Words that continue a club's name: FC 한빛, 한빛 유나이티드, 가람 시티. */
const CLUB_WORDS = set(`FC CF SC AFC 유나이티드 시티 FC서울 스포르팅 레알 아틀레티코 올림피크 인터 AC 구단 클럽`);

/** The commonest Korean surnames (a given name without a title starts with one). */
const SURNAME_CHARS = new Set([
  ...'김이박최정강조윤장임한오서신권황안송류유전홍고문양손배백허남심노하곽성차주우구민진나지엄채원천방공현함변염여추도소석선설마길연위표명기반왕금옥육인맹제모탁국어은편용예경봉사부가복태목형피두감음빈동온호범좌팽승간상갈서시',
]);
/** Syllables of loanwords and foreign names (카터, 에밀리, 스포츠). */
const LOANWORD = new Set(
  Array.from('스츠즈르트크프브드그슈쥬츄퓨뮤튜듀샤쟈챠퍼커터버러더케테페베레메게네셔져쳐휴뷰큐뉴잭칼톰존앤치키토카코타쿠에엘리니로라마이오우', (c) =>
    c.charCodeAt(0),
  ),
);

/** Particle classes: none, 의, subject/topic, object, and, place/direction, other. */
const PARTICLE_CLASS = new Map<string, number>([
  ['의', 1],
  ...['이', '가', '은', '는', '께서', '께서는', '도', '만'].map((p) => [p, 2] as [string, number]),
  ...['을', '를'].map((p) => [p, 3] as [string, number]),
  ...['와', '과', '와의', '과의', '하고', '이나'].map((p) => [p, 4] as [string, number]),
  ...['에', '에서', '에서는', '에는', '에도', '로', '으로', '에게', '에게는', '까지', '부터', '로서', '으로서'].map((p) => [p, 5] as [string, number]),
]);

/** One run of the text, as features.ts splits it (script class 1 Hangul, 2 Latin, 3 Han, 4 digits, 5 punctuation). */
export interface CueRun {
  start: number;
  end: number;
  cls: number;
  spaceBefore: boolean;
  spaceAfter: boolean;
  particleLength: number;
}

const HANGUL_CLS = 1;
const LATIN_CLS = 2;
const PUNCT_CLS = 5;

/** The label of a lexicon form, as the top label (PS 1, OG 2, LC 3) plus 4 when it also has a second name label; 0 when not a name form. */
function lexClass(lexicon: Lexicon | null, form: string): number {
  // The form's hash first (a hash may collide, never miss): most words are no form.
  if (lexicon?.formHashes && !lexicon.formHashes.has(hashText(form))) return 0;
  const labels = lexicon?.forms.get(form);
  if (!labels) return 0;
  let top = 0;
  let more = 0;
  for (const v of labels) {
    // Labels are packed in the low 3 bits, in features.ts's LEX_LABELS order: PS 0, OG 1, LC 2.
    const label = v & 7;
    const k = label === 0 ? 1 : label === 1 ? 2 : label === 2 ? 3 : 0;
    if (!k) continue;
    if (!top) top = k;
    else more = 4;
  }
  return top | (top ? more : 0);
}

/** A list of word beginnings as a set, with the lengths they come in: whether a word starts with one is a few lookups. */
const beginnings = (words: readonly string[]) => ({ set: new Set(words), lengths: [...new Set(words.map((w) => w.length))].sort((a, b) => a - b) });
const TEAM_BEGINNINGS = beginnings(TEAM_VERBS);
const AGENT_BEGINNINGS = beginnings(AGENT_VERBS);
function startsWithOne(word: string, { set, lengths }: { set: Set<string>; lengths: number[] }): boolean {
  for (const len of lengths) if (len <= word.length && set.has(word.slice(0, len))) return true;
  return false;
}

function verbClass(word: string): number {
  if (startsWithOne(word, TEAM_BEGINNINGS)) return 3;
  if (startsWithOne(word, AGENT_BEGINNINGS)) return 2;
  return 0;
}

/** Class of the word after a name: 1 organisation context, 2 acting verb, 3 team verb, 4 club word; 0 none. */
function nextClass(stem: string, whole: string): number {
  if (ORG_NEXT.has(stem)) return 1;
  if (CLUB_WORDS.has(stem)) return 4;
  return verbClass(whole);
}

/** Shape of a Latin run: ALLCAPS short/long, Capitalised, lowercase, mixed (iPhone, YouTube), with digits. */
function latinShape(word: string): number {
  const digits = /\d/.test(word) ? 8 : 0;
  if (/^[A-Z]+$/.test(word)) return (word.length <= 4 ? 1 : 2) | digits;
  if (/^[A-Z][a-z]+$/.test(word)) return 3 | digits;
  if (/^[a-z]+$/.test(word)) return 4 | digits;
  return 5 | digits;
}

/** Hangul word shape: surname first, stem length, how many syllables are loanword syllables (none, some, all). */
function hangulShape(stem: string): number {
  const len = Math.min(stem.length, 6);
  let loan = 0;
  for (let k = 0; k < stem.length; k++) if (LOANWORD.has(stem.charCodeAt(k))) loan++;
  const ratio = loan === 0 ? 0 : loan === stem.length ? 2 : 1;
  const surname = SURNAME_CHARS.has(stem[0] ?? '') ? 1 : 0;
  return len | (ratio << 3) | (surname << 5);
}

/** Values a run has: one a template, 70–77. */
export const CUE_TEMPLATES = 8;

/**
 * Per run, the cue values of templates 70–77 (0: the template does not fire). The caller
 * hashes each with the character's place in the run.
 */
export function cueValues(text: string, runs: readonly CueRun[], lexicon: Lexicon | null): Int32Array[] {
  const flat = cueValuesFlat(text, runs, lexicon);
  return Array.from({ length: runs.length }, (_, r) => flat.subarray(r * CUE_TEMPLATES, (r + 1) * CUE_TEMPLATES));
}

/** What cueValuesFlat reads of a run, each worked out once a text (a run is read as itself and as a neighbour). */
class RunWords {
  private readonly stems: (string | undefined)[];
  private readonly wholes: (string | undefined)[];
  private readonly lex: Int8Array;
  private readonly next: Int8Array;
  private readonly shape: Int16Array;
  constructor(
    private readonly text: string,
    private readonly runs: readonly CueRun[],
    private readonly lexicon: Lexicon | null,
  ) {
    const n = runs.length;
    this.stems = new Array<string | undefined>(n);
    this.wholes = new Array<string | undefined>(n);
    this.lex = new Int8Array(n).fill(-1);
    this.next = new Int8Array(n).fill(-1);
    this.shape = new Int16Array(n).fill(-1);
  }
  stem(r: number): string {
    let s = this.stems[r];
    if (s === undefined) {
      const run = this.runs[r]!;
      s = this.stems[r] = this.text.slice(run.start, run.end - run.particleLength);
    }
    return s;
  }
  whole(r: number): string {
    let s = this.wholes[r];
    if (s === undefined) {
      const run = this.runs[r]!;
      s = this.wholes[r] = run.particleLength ? this.text.slice(run.start, run.end) : this.stem(r);
    }
    return s;
  }
  particle(r: number): number {
    const run = this.runs[r]!;
    return run.particleLength ? (PARTICLE_CLASS.get(this.text.slice(run.end - run.particleLength, run.end)) ?? 6) : 0;
  }
  lexClass(r: number): number {
    let k = this.lex[r]!;
    if (k < 0) k = this.lex[r] = lexClass(this.lexicon, this.stem(r));
    return k;
  }
  nextClass(r: number): number {
    let k = this.next[r]!;
    if (k < 0) k = this.next[r] = nextClass(this.stem(r), this.whole(r));
    return k;
  }
  hangulShape(r: number): number {
    let k = this.shape[r]!;
    if (k < 0) k = this.shape[r] = hangulShape(this.stem(r));
    return k;
  }
}

const isWordCls = (cls: number) => cls === HANGUL_CLS || cls === LATIN_CLS;
/** A run of one '·' or ',' (a list's separator). */
const isListMark = (text: string, run: CueRun) => run.end - run.start === 1 && (text.charCodeAt(run.start) === 0xb7 || text.charCodeAt(run.start) === 0x2c);
/** A Hangul neighbour whose stem is all loanword syllables (template 75). */
const loanNeighbour = (words: RunWords, runs: readonly CueRun[], r: number) =>
  r >= 0 && r < runs.length && runs[r]!.cls === HANGUL_CLS && ((words.hangulShape(r) >> 3) & 3) === 2;

/** cueValues as one array: run r's values at [r * CUE_TEMPLATES, (r + 1) * CUE_TEMPLATES). */
export function cueValuesFlat(text: string, runs: readonly CueRun[], lexicon: Lexicon | null): Int32Array {
  const out = new Int32Array(runs.length * CUE_TEMPLATES);
  const words = new RunWords(text, runs, lexicon);
  for (let r = 0; r < runs.length; r++) {
    const run = runs[r]!;
    if (run.cls !== HANGUL_CLS && run.cls !== LATIN_CLS && run.cls !== 3) continue;
    const v = r * CUE_TEMPLATES;
    // A particle glued to a Latin or Han name is read with that name (below), not as a word.
    const p = r - 1;
    const prev = p >= 0 ? runs[p]! : undefined;
    if (run.cls === HANGUL_CLS && !run.spaceBefore && prev && (prev.cls === LATIN_CLS || prev.cls === 3) && PARTICLE_CLASS.has(words.whole(r))) continue;
    const stem = words.stem(r);
    let particle = words.particle(r);
    let x = r + 1;
    let next = runs[x];
    // A Latin or Han name with a Hangul particle glued to it (LG가, BTS의): the particle is its own run.
    if (run.cls !== HANGUL_CLS && next && next.cls === HANGUL_CLS && !run.spaceAfter && next.spaceAfter) {
      const glued = PARTICLE_CLASS.get(words.whole(x));
      if (glued) {
        particle = glued;
        x = r + 2;
        next = runs[x];
      }
    }
    const nextWord = next !== undefined && isWordCls(next.cls);
    // 70: the word after (when a space or a particle ends this one) × this word's particle.
    if (nextWord && (run.spaceAfter || particle)) {
      const k = words.nextClass(x);
      if (k) out[v] = 1 + k * 8 + particle;
    }
    // 71: the word before says what kind of name follows.
    if (prev && run.spaceBefore && isWordCls(prev.cls)) {
      const w = words.stem(p);
      if (ORG_PREV.has(w) || ORG_PREV.has(words.whole(p))) out[v + 1] = 1 + words.particle(p);
      else if (CLUB_WORDS.has(w)) out[v + 1] = 16;
    }
    // 72: the shape of a Latin word, and whether a Hangul particle is glued to it (LG가, BTS의).
    if (run.cls === LATIN_CLS) out[v + 2] = 1 + latinShape(stem) * 8 + particle;
    // 73: coordination — the type (lexicon) of the name this one is joined to by 와/과, '·' or ','.
    let partner = -1;
    let side = 0;
    if (particle === 4 && nextWord) {
      partner = x;
      side = 1;
    } else if (next && next.cls === PUNCT_CLS && !run.spaceAfter && isListMark(text, next)) {
      partner = r + 2;
      side = 2;
    } else if (prev && prev.cls === PUNCT_CLS && isListMark(text, prev)) {
      partner = r - 2;
      side = 3;
    } else if (prev && words.particle(p) === 4 && run.spaceBefore) {
      partner = p;
      side = 4;
    }
    if (partner >= 0 && partner < runs.length && isWordCls(runs[partner]!.cls)) {
      const k = words.lexClass(partner);
      if (k) out[v + 3] = 1 + side * 8 + k;
    }
    // 74: a name of the lexicon as a whole word (a place that may act: 미국이 … 발표했다) × its particle × the next word's class.
    const own = words.lexClass(r);
    if (own) {
      const k = nextWord ? words.nextClass(x) : 0;
      out[v + 4] = 1 + own + 8 * particle + 64 * k;
    }
    // 75: the shape of a Hangul word (a given name, a foreign name, a loanword brand), and whether its neighbour is a loanword too.
    if (run.cls === HANGUL_CLS && stem.length >= 2) {
      out[v + 5] = 1 + words.hangulShape(r) + (loanNeighbour(words, runs, p) ? 64 : 0) + (loanNeighbour(words, runs, x) ? 128 : 0) + particle * 256;
    }
    // 76: a club word next to this one (FC 한빛, 한빛 유나이티드) or this word ending like a team (…스, …즈, …츠) after another word.
    if (CLUB_WORDS.has(stem)) out[v + 6] = 1;
    else if (
      run.cls === HANGUL_CLS &&
      stem.length >= 3 &&
      TEAM_ENDING.has(stem.charCodeAt(stem.length - 1)) &&
      prev &&
      run.spaceBefore &&
      prev.cls !== PUNCT_CLS
    ) {
      out[v + 6] = 2 + particle;
    }
    // 77: a name of the lexicon as subject, by what its clause does: a team's result (이겼다, 2-1로), an act of state or company (발표했다), nothing of either.
    if (particle === 2 && own) out[v + 7] = 1 + (own & 3) * 4 + clauseAct(text, run.end);
  }
  return out;
}

/** The last syllables of a team's name (…스, …즈, …츠: template 76). */
const TEAM_ENDING = new Set(['스', '즈', '츠'].map((s) => s.charCodeAt(0)));

/** Where a character sits in its run's stem: begin, inside, end, single; 4 in the particle. */
export function cuePlace(pos: number, stemLength: number, inParticle: boolean): number {
  if (inParticle) return 4;
  const last = stemLength - 1;
  return pos === 0 ? (last <= 0 ? 3 : 0) : pos >= last ? 2 : 1;
}

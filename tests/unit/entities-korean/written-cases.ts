import type { EntityType } from '../../../utils/entities/types';

/**
 * Sentences written for issue 19's Korean error classes (no sentence or name taken from KLUE,
 * a fixture or a page): each with the names a reader expects and, where it matters, words that
 * must not be marked. The names are invented or common knowledge; none is in a list of the
 * product. Written before the cue features were trained, and scored before and after
 * (README, "Korean: names without suffixes or titles").
 */
export interface WrittenCase {
  text: string;
  /** name → kind it should be marked as. */
  expect: Record<string, EntityType>;
  /** Words that should not be marked as `kind` (or at all when `kind` is omitted). */
  not?: { text: string; kind?: EntityType }[];
}

/** Brands, teams, leagues, schools and idol groups without an organisation suffix. */
export const ORGS_WITHOUT_SUFFIX: WrittenCase[] = [
  { text: '걸그룹 라온이 다음 달 새 앨범으로 컴백한다.', expect: { 라온: 'org' } },
  { text: '소속사 측은 보이그룹 새벽별 멤버들의 입대 계획을 밝혔다.', expect: { 새벽별: 'org' } },
  { text: '팬들은 그룹 별무리의 컴백 소식에 환호했다.', expect: { 별무리: 'org' } },
  { text: '아이돌 그룹 초록달은 이번 월드투어에서 열두 도시를 돈다.', expect: { 초록달: 'org' } },
  { text: '스포츠 브랜드 휘날레는 올봄 새 러닝화를 출시했다.', expect: { 휘날레: 'org' } },
  { text: '가전 브랜드 루미오가 신제품을 선보였다.', expect: { 루미오: 'org' } },
  { text: '커피 프랜차이즈 모카랑은 매장을 300곳으로 늘렸다.', expect: { 모카랑: 'org' } },
  { text: 'ZEPHYR가 새 무선 이어폰을 출시했다.', expect: { ZEPHYR: 'org' } },
  { text: 'Lumio의 신제품은 사전 예약에서 매진됐다.', expect: { Lumio: 'org' } },
  { text: '온라인 쇼핑 플랫폼 담다는 올해 매출이 두 배로 늘었다고 밝혔다.', expect: { 담다: 'org' } },
  { text: '가람 유나이티드는 원정경기에서 2-1로 이겼다.', expect: { '가람 유나이티드': 'org' } },
  { text: 'FC 누리는 홈구장에서 열린 개막전에서 승리했다.', expect: { 'FC 누리': 'org' } },
  { text: '한빛 구단은 새 감독을 선임했다고 발표했다.', expect: { 한빛: 'org' } },
  { text: '라이벌 청솔을 3-0으로 꺾은 바다는 선두로 올라섰다.', expect: { 청솔: 'org', 바다: 'org' } },
  { text: '그는 청솔고를 졸업한 뒤 프로에 입단했다.', expect: { 청솔고: 'org' } },
  { text: '새솔고 학생들이 교내 축제를 준비하고 있다.', expect: { 새솔고: 'org' } },
  { text: '삼성전자와 도담은 차세대 반도체 공동 개발에 합의했다.', expect: { 삼성전자: 'org', 도담: 'org' } },
  { text: '현대자동차와 마루모빌리티가 손잡고 자율주행 택시를 선보인다.', expect: { 현대자동차: 'org', 마루모빌리티: 'org' } },
  { text: '토트넘의 팬들은 경기 내내 응원가를 불렀다.', expect: { 토트넘: 'org' } },
  { text: '나이키와 아디다스는 나란히 신제품을 공개했다.', expect: { 나이키: 'org', 아디다스: 'org' } },
  { text: '게임사 넥사의 주가는 이날 8% 올랐다.', expect: { 넥사: 'org' } },
  { text: '밴드 푸른고래는 다음 달 정규앨범을 발매한다.', expect: { 푸른고래: 'org' } },
  { text: '항공사 하늘길은 다음 달부터 제주 노선을 늘린다.', expect: { 하늘길: 'org', 제주: 'place' } },
  { text: '그룹 온새미 측은 악성 루머에 법적으로 대응하겠다고 밝혔다.', expect: { 온새미: 'org' } },
];

/** A country or city acting as a government or a team (KLUE labels most such subjects OG). */
export const PLACES_ACTING: WrittenCase[] = [
  { text: '미국은 중국산 전기차에 추가 관세를 부과하겠다고 발표했다.', expect: { 미국: 'org' } },
  { text: '러시아는 새 제재에 강하게 항의했다.', expect: { 러시아: 'org' } },
  { text: '일본은 한국과의 평가전에서 1-2로 졌다.', expect: { 일본: 'org' } },
  { text: '브라질은 독일을 3-1로 꺾고 결승에 진출했다.', expect: { 브라질: 'org', 독일: 'org' } },
  { text: '북한은 이날 단거리 탄도미사일을 발사했다고 합동참모본부가 밝혔다.', expect: { 북한: 'org' } },
  { text: '프랑스는 대사관 직원들을 철수시키기로 결정했다.', expect: { 프랑스: 'org' } },
];

/** The same names as places: where one is, goes or comes from. */
export const PLACES_AS_PLACES: WrittenCase[] = [
  { text: '그는 미국에서 10년 동안 공부했다.', expect: { 미국: 'place' } },
  { text: '관광객들은 프랑스 파리에 도착했다.', expect: { 프랑스: 'place', 파리: 'place' } },
  { text: '일본 오사카에 사는 교민들이 성금을 보냈다.', expect: { 일본: 'place', 오사카: 'place' } },
  { text: '독일로 떠난 유학생들이 늘었다.', expect: { 독일: 'place' } },
];

/** Foreign, stage and given names with no title nearby. */
export const NAMES_WITHOUT_CUES: WrittenCase[] = [
  { text: '에밀리 카터가 회의에 참석해 발언했다.', expect: { '에밀리 카터': 'person' } },
  { text: '이날 토마스 베르그와 안나 리스가 나란히 입장했다.', expect: { '토마스 베르그': 'person', '안나 리스': 'person' } },
  { text: '김하윤은 결승에서 개인 최고 기록을 세웠다.', expect: { 김하윤: 'person' } },
  { text: '박서준과 이도현이 같은 드라마에 출연한다.', expect: { 박서준: 'person', 이도현: 'person' } },
  { text: '조르주 마르탱은 파리에서 태어났다.', expect: { '조르주 마르탱': 'person', 파리: 'place' } },
  { text: '최유진은 동료들에게 고맙다는 인사를 남겼다.', expect: { 최유진: 'person' } },
];

/**
 * A second set, written after the cue features and the post-processing were chosen and scored
 * once (README): never used to choose anything.
 */
export const WRITTEN_HELD_OUT: WrittenCase[] = [
  { text: '보이그룹 하늘타래는 첫 정규앨범 발매를 앞두고 쇼케이스를 열었다.', expect: { 하늘타래: 'org' } },
  { text: '여성 듀오 달무리가 신곡을 공개하자 팬들이 몰려들었다.', expect: { 달무리: 'org' } },
  { text: '아웃도어 브랜드 솔바람은 친환경 소재로 만든 재킷을 내놨다.', expect: { 솔바람: 'org' } },
  { text: '배달 앱 빨리온의 주문 건수가 지난달 크게 늘었다.', expect: { 빨리온: 'org' } },
  { text: 'NOVARO는 새 노트북 라인업을 공개했다.', expect: { NOVARO: 'org' } },
  { text: '한빛 시티는 홈경기에서 강호를 2-0으로 눌렀다.', expect: { '한빛 시티': 'org' } },
  { text: '가온여고 학생들이 전국 대회에서 우승했다.', expect: { 가온여고: 'org' } },
  { text: 'LG전자와 누비온은 가전 플랫폼 제휴를 맺었다.', expect: { LG전자: 'org', 누비온: 'org' } },
  { text: '캐나다는 자국 철강 산업을 보호하기 위해 보복 관세를 발표했다.', expect: { 캐나다: 'org' } },
  { text: '스페인은 연장 끝에 이탈리아를 꺾고 우승했다.', expect: { 스페인: 'org' } },
  { text: '그는 캐나다 밴쿠버에서 어린 시절을 보냈다.', expect: { 캐나다: 'place', 밴쿠버: 'place' } },
  { text: '호주로 이민을 떠나는 가족이 늘고 있다.', expect: { 호주: 'place' } },
  { text: '마리아 곤살레스는 시상식에서 눈물을 보였다.', expect: { '마리아 곤살레스': 'person' } },
  { text: '정하람과 윤채원은 나란히 결승에 올랐다.', expect: { 정하람: 'person', 윤채원: 'person' } },
  { text: '게임 기획사 별빛소프트 소속 개발자 50명이 새 작품을 만들고 있다.', expect: { 별빛소프트: 'org' } },
  { text: '커피 브랜드 오후세시는 매장 200곳에서 새 음료를 판다.', expect: { 오후세시: 'org' } },
];

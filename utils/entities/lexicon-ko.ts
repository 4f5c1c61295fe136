/**
 * Korean word lists the recogniser reasons with: particles, titles, occupations,
 * suffixes, context words and common nouns. Grammar and vocabulary of Korean news
 * writing — not names.
 */

const set = (s: string): ReadonlySet<string> => new Set(s.split(/\s+/).filter(Boolean));

/** Particles and copula endings that follow a noun, longest first when stripping. */
export const PARTICLES: readonly string[] =
  `에서부터 으로부터 에게서는 이라면서 에서는 에서도 에서의 에서만 으로는 으로도 으로서 으로써 에게는 에게도 까지는 까지도
부터는 이라는 이라고 이라며 이라면 이었다 이었던 이어서 이지만 이었고 라면서 에서 에게 한테 께서 으로 까지 부터 보다 처럼 만큼 마저
조차 라는 라고 라며 와의 과의 에의 로서 로써 로는 로도 에는 에도 에만 이나 이며 이고 이다 이든 이란 이랑 이자 였다 였던 뿐이다 이라
인가 인지 인데 일까 이냐 입니다 께서는 께서도 에게서
의 은 는 이 가 을 를 에 와 과 도 로 만 며 나 랑 인 뿐 께`
    .split(/\s+/)
    .filter(Boolean)
    .sort((a, b) => b.length - a.length);

/** Words after a name that make it a person: 홍길동 기자, 전병서 박사, 박광수 … 이사장. */
export const TITLES_AFTER = set(`기자 특파원 논설위원 논설실장 앵커 PD 박사 교수 부교수 조교수 명예교수 석좌교수 연구원 연구위원 선임연구원
수석연구원 책임연구원 애널리스트 이코노미스트 전략가 대통령 부통령 총리 국무총리 부총리 장관 차관 의원 국회의원 시의원 도의원 구의원
대표 대표이사 공동대표 사장 부사장 회장 부회장 명예회장 이사장 이사 전무 상무 본부장 부장 차장 과장 팀장 실장 국장 처장 원장
소장 청장 총장 학장 교장 위원장 부위원장 위원 대변인 비서관 비서실장 수석 보좌관 시장 부시장 도지사 지사 군수 구청장 의장 부의장
총재 부총재 주석 국가주석 국왕 여왕 왕세자 대사 총영사 영사 감독 코치 선수 투수 타자 포수 내야수 외야수 공격수 수비수 미드필더
골키퍼 주장 작가 소설가 시인 화가 배우 가수 변호사 검사 판사 검사장 검찰총장 의사 간호사 약사 씨 여사 옹 후보 예비후보 당선인
당선자 창업자 창립자 설립자 최고경영자 최고경영책임자 목사 신부 스님 주교 추기경 교황 회계사 셰프 디자이너 사령관 장군 대장 중장
준장 대령 중령 소령 경위 경감 경정 총경 서장 지검장 부장판사 대법관 재판관 헌법재판관 총무 간사 원내대표 당대표 최고위원 사무총장
대변인실 고문 상임고문 특보 특사 보좌관 주필 편집장 평론가 칼럼니스트 교사 강사 연구소장 센터장 단장 부단장 회원 조합장 이장 통장
선생 선생님 군 양 선배 후배 코치진 에이전트`);

/** A title written as one word ending in one of these is a title too: 중국전문기자, 수석연구원. */
export const TITLE_ENDINGS: readonly string[] = [
  '정책관',
  '협력관',
  '심의관',
  '조정관',
  '기획관',
  '비서관',
  '기자',
  '특파원',
  '연구원',
  '교수',
  '위원',
  '대표',
  '장관',
  '의원',
  '감독',
  '선수',
  '회장',
  '사장',
  '이사장',
  '청장',
  '시장',
  '지사',
  '대사',
  '총장',
  '위원장',
  '대변인',
  '비서관',
  '차관',
  '의장',
  '소장',
  '원장',
  '국장',
  '실장',
  '단장',
  '부장',
];

/** Words before a name that make it a person: 배우 송민재, 가수 겸 배우 오하린, CEO 량원펑. */
export const ROLES_BEFORE = set(`배우 가수 감독 영화감독 소설가 작가 시인 화가 사진작가 앵커 아나운서 코미디언 개그맨 개그우먼 방송인 래퍼
피아니스트 바이올리니스트 지휘자 성악가 무용가 발레리나 선수 투수 타자 골키퍼 공격수 수비수 미드필더 코치 창업자 창립자 설립자 CEO
파트너 매니징 공동대표 최고기술책임자 최고재무책임자
최고경영자 회장 총리 대통령 국왕 여왕 왕자 왕세자 교황 주석 감독관 요리사 셰프 유튜버 인플루언서 기업인 사업가 투자자 억만장자
경제학자 과학자 물리학자 수학자 철학자 역사학자 정치인 외교관 활동가 운동가 변호인 피고인 피의자 용의자 희생자 피해자 포수 유격수
내야수 외야수 1루수 2루수 3루수 지명타자 마무리 선발 구원 좌완 우완 신인 에이전트 대학생 학생 주민 회사원 직장인 주부 농민 어민
상인 자영업자 운전자 택시기사 연구원 애널리스트 교수 소장 대변인 특파원 기자 평론가 칼럼니스트 감독 배우 작곡가 프로듀서`);

/** Words before a name that make it an organisation: 제조사 세움에너지, 영자지 사우스차이나모닝포스트. */
export const ORG_BEFORE = set(`스타트업 제조사 업체 기업 회사 자회사 모회사 계열사 경쟁사 협력사 투자사 운용사 증권사 보험사 은행 방송사 통신사
신문사 영자지 일간지 경제지 주간지 외신 매체 언론 구단 팀 그룹 브랜드 플랫폼 거래소 펀드 헤지펀드 사모펀드 운용사 빅테크 유통업체
제약사 항공사 해운사 건설사 완성차 자동차업체 반도체업체 배터리업체 게임사 포털 정당 종합상사 상사 경제매체 방산업체 소재업체
업체인 기업인 자동차회사 구단인 프로야구 프로축구 프로농구 배구단
레이블 기획사 소속팀 이커머스 카드사 게임업체 가전업체`);

/** Words ending an organisation-introducing noun: 배터리 제조사, 방산업체, 경제매체. */
export const ORG_BEFORE_ENDINGS = /(?:업체|기업|회사|제조사|매체|상사|구단|운용사|증권사|은행|방송사|신문|통신사|스타트업)$/;

/** Words after a name that make it an organisation: 엔비디아 주가, 딥시크 모회사, Deep Seek 연구개발팀. */
export const ORG_AFTER = set(`모회사 자회사 계열사 회사 본사 주가 주식 시가총액 시총 연구개발팀 개발팀 경영진 이사회 노조 노동조합 임직원
직원 직원들 대변인 창업자 창립자 설립자 최고경영자 CEO CFO CTO 주주 주주들 영업이익 순이익 주가는 측 사옥 본사는
이사회는 법인 지분 인수 상장 공동창업자 회장 사장 대표 대표이사 부회장
구단 구단주 선수단 홈구장 사령탑 코칭스태프 매장 가맹점`);

/** Verbs whose object is an organisation: X를 설립했다, X를 인수했다. */
export const ORG_OBJECT_VERBS = /^(?:설립|창립|창업|인수|합병|상장|출범|세웠|세운|차렸)/;

/** Speech verbs: the subject of "…"고 말했다 is a person. */
export const SPEECH_VERBS =
  /^(?:말했|말한|말했을|밝혔|밝힌|강조했|강조한|설명했|설명한|덧붙였|주장했|주장한|전했|지적했|지적한|언급했|답했|물었|토로했|평가했|예상했|내다봤|털어놨|했다|했고|한다)/;

/** Organisation suffixes, longest first: 삼성전자, 저장대학교, 부산국제영화제, 미래산업부. */
export const ORG_SUFFIXES: readonly string[] = `대학교 대학원 대학 전자 그룹 은행 저축은행 공사 증권 투자증권 보험 화재 생명 화학 제약 자동차 모터스 중공업
건설 물산 상사 통신 텔레콤 바이오 바이오로직스 엔터테인먼트 엔터 홀딩스 지주 금융지주 금융 카드 캐피탈 항공 해운 제철 철강 반도체
디스플레이 에너지 항공우주 방산 솔루션 시스템즈 테크 테크놀로지 랩스 게임즈 소프트 파트너스 인베스트먼트 자산운용 재단 협회 학회 연합회
협의회 위원회 연구소 연구원 진흥원 개발원 평가원 감사원 정보원 법원 지방법원 고등법원 대법원 검찰청 지검 경찰청 경찰서 소방서 국세청
관세청 기상청 조달청 병무청 특허청 통계청 구청 시청 도청 군청 의회 시의회 도의회 국회 영화제 축제 박람회 엑스포 신문 일보 신문사
방송 방송사 뉴스 통신사 병원 의료원 공단 캐피털 커머스 자본 학교 고등학교 중학교 초등학교 교회 성당 펀드 소재 신소재 머티리얼즈 케미칼 케미컬 상사 물산
산업개발 조선 조선해양 중공업 인터내셔널 코퍼레이션 컴퍼니 뱅크 증권사 자산운용사 벤처스 로보틱스 모빌리티 헬스케어 생명과학
당 基金 公司 集团 银行 大学 부 처`
  .split(/\s+/)
  .filter(Boolean)
  .sort((a, b) => b.length - a.length);

/** Place suffixes: 해운대구, 광둥성, 텍사스주, 청주시 — a place only with support (see korean/shapes.ts placeSuffix and the passes that call it). */
export const PLACE_SUFFIXES: readonly string[] = ['특별자치시', '특별자치도', '광역시', '특별시', '시', '도', '군', '구', '성', '주', '현', '읍', '면', '동'];

/** Venue and landform suffixes: 사직야구장, 유성온천역, 술라웨시섬 — places by themselves. */
export const VENUE_SUFFIXES: readonly string[] = `야구장 축구장 경기장 구장 체육관 공항 국제공항 터미널 역 항 항구 공원 광장 타워 빌딩 호텔 아레나 스타디움 돔
해수욕장 산업단지 단지 섬 반도 강 호수 해협 평야 사막 고원 산맥 온천`
  .split(/\s+/)
  .filter(Boolean)
  .sort((a, b) => b.length - a.length);

/** National and international institutions, by their usual Korean names. */
export const INSTITUTIONS = set(`국회 청와대 대통령실 국무조정실 헌법재판소 대법원 감사원 국정원 국가정보원 중앙선거관리위원회 선관위 한국은행
금융위원회 금융감독원 금감원 공정거래위원회 공정위 유엔 국제연합 유럽연합 나토 북대서양조약기구 세계보건기구 국제통화기금 세계은행
세계무역기구 석유수출국기구 아세안 국제올림픽위원회 국제축구연맹 국제원자력기구 경제협력개발기구 연방준비제도 연준 백악관 크렘린
국무부 국방부 재무부 상무부 법무부 외교부 통일부 기획재정부 기재부 산업통상자원부 산업부 과학기술정보통신부 과기정통부 국토교통부
국토부 보건복지부 복지부 고용노동부 노동부 환경부 교육부 행정안전부 행안부 문화체육관광부 문체부 농림축산식품부 해양수산부 여성가족부
중소벤처기업부 국가보훈부 인사혁신처 식품의약품안전처 식약처 질병관리청 경찰청 검찰청 대검찰청 국세청 관세청 통계청 기상청 조달청`);

/** One-character Hanja names of countries in headlines: 韓·中·日, 美 대선. */
export const HANJA_COUNTRIES = new Set(['韓', '中', '日', '美', '北', '英', '佛', '獨', '露', '印', '伊', '加', '濠', '臺']);

/** Modifiers that make "X대학", "X펀드", "X에너지" generic rather than a name: 명문대학, 헤지펀드. */
export const GENERIC_MODIFIERS = set(`명문 국립 사립 공립 지방 해외 국내 외국 주요 대형 중소 중견 글로벌 세계 민간 공공 국영 거대 신생 유명 일류
최대 최고 대기업 헤지 사모 국부 인덱스 공모 연기금 신재생 청정 친환경 재생 원자력 태양 풍력 수소 대체 종합 전문 일반 지역 중앙 각
해당 관련 다른 여러 모든 새 첫 현지 본 전 한 두 세 대표 유력 상위 하위 4대 5대 10대 3대 2대 이동 과학 대중 다국적 소형 중형
외국계 토종 주력 핵심 전통 명문대 국제 영화 배터리 반도체 자동차 게임 금융 투자 보험 방송 언론 현대적`);

/** Common nouns that look like names to the rules (subjects of quotes, coordination, contexts). */
export const COMMON_NOUNS = set(`정부 당국 관계자 업계 전문가 전문가들 시장 기업 회사 국민 시민 주민 사람 사람들 이들 그들 우리 자신 당시 이번
지난 오는 올해 내년 작년 이후 이전 현재 지금 최근 앞으로 이날 그날 다음 관련 해당 대상 가운데 측 쪽 등 그는 그녀 그녀는 그 이 저
이것 그것 모두 여러 일부 전체 대부분 영화제 행사 개막식 폐막식 무대 관객 작품 영화 회의 포럼 발표 보도 기사 뉴스 사진 설명 의견
입장 계획 정책 예산 투자 기술 모델 제품 서비스 산업 경제 가격 주가 수익 매출 걸그룹 보이그룹 아이돌그룹 혼성그룹 소속 저희 우리나라 여자 남자 회장 사장 대표 교수 의원 장관 대통령 총리 선수 감독
배우 가수 기자 작가 학생 교사 부모 아이 아이들 가족 주민들 시민들 관객들 팬 팬들 독자 소비자 투자자 투자자들 노동자 근로자 직원
업체 당국자 소식통 측근 대변인 변호인 검찰 경찰 법원 국회 여당 야당 정당 의회 군 군대 학교 대학 병원 교회 회사들 기업들 은행
돼지 사자 호랑이 정권 국가 나라 세계 지역 도시 마을 섬마을 중국인 미국인 한국인 일본인 외국인 국내 해외 현지 서방 동양 서양
수학 과학 역사 문화 예술 음악 스포츠 정치 외교 안보 국방 교육 환경 에너지 기후 날씨 시간 기간 당일 연휴 주말 평일 오전 오후
밤 낮 아침 저녁 새벽 문제 상황 결과 이유 방법 방안 조치 제재 규제 협상 합의 논의 검토 결정 발표문 성명 보고서 자료 통계 조사
연구 분석 전망 예상 우려 기대 가능성 필요성 중요성 전쟁 경쟁 협력 갈등 위기 충격 쇼크 혁신 성장 발전 변화 개혁 개발 생산 판매
수출 수입 소비 공급 수요 물가 금리 환율 증시 코스피 코스닥 나스닥 다우 지수 인공지능 반도체 배터리 전기차 자동차 스마트폰 플랫폼
앱 게임 콘텐츠 데이터 클라우드 로봇 드론 우주 우주선 인공위성 달 지구 화성 태양 바다 하늘 땅 강 산 길 거리 건물 공장 본사 매장
사무실 현장 일대 인근 주변 시내 도심 외곽 근교 곳곳 전역 남부 북부 동부 서부 중부 내륙 해안 국경 접경 행사장 회의장 경기장
공연장 극장 영화관 전시장 박물관 미술관 도서관 공원 광장 시장 항구 공항 역 터미널 다리 도로 고속도로 철도 지하철 버스 택시
대화 질문 답변 소감 인사 축사 연설 강연 인터뷰 기자회견 회견 간담회 설명회 공청회 토론회 세미나 심포지엄 총회 정상회담 회담
어떤 같은 이런 그런 저런 어느 오랫동안 출신 광산 이달 사회 개막 폐막 제공 소수 다수 절반 일부 당일 지분 친정팀 원정 홈 안방 결승 선두 한편 또한 특히 다만 이미 아직 장편 단편 개막작 폐막작 초청작 화제작 신작 후속작 데뷔작 주연 조연 신인 거장 관계 사이 중 간 내 외 전후 이상 이하 미만 초과
담당 전담 실무 주무 소관 관할`);

/** Predicates that make a city or province the actor (부산시는 … 지원했다): then it is an organisation. */
export const AGENT_PREDICATES =
  /(?:지원했|지원한다|발표했|밝혔|추진|계획이|결정했|시행|도입했|투입|협약|선정했|예산|지급|배정|승인했|허가했|고시했|공고|주최|주관|개최했|운영한다|운영하고|나섰|출연했|부과했|단속)/;

/** Korean surnames (single and double), for the shape of Korean names. */
export const SURNAMES = set(`김 이 박 최 정 강 조 윤 장 임 한 오 서 신 권 황 안 송 류 유 전 홍 고 문 양 손 배 백 허 남 심 노 하 곽 성 차 주
우 구 민 진 나 지 엄 채 원 천 방 공 현 함 변 염 여 추 도 소 석 선 설 길 연 위 표 명 기 반 왕 금 옥 육 인 맹 제 모 탁 국 어 은 편 용
예 경 봉 남궁 제갈 선우 독고 황보 서문 사공`);

/** Syllables of transliterated foreign words that Korean given names do not use: 마커스, 라이언. */
export const LOANWORD_SYLLABLES = /[스츠즈르트크프브드그슈쥬츄퓨뮤튜듀샤쟈챠퍼커터버러더케테페베레메게네셔져쳐휴뷰큐뉴잭칼톰존앤치키토카코타쿠에]/;

/** Endings a particle-stripper would cut but that also end names (고레에다, 델가도, 리나). */
export const AMBIGUOUS_ENDINGS: ReadonlySet<string> = new Set(['다', '나', '도', '로', '이', '가', '인', '만', '랑', '며', '께']);

/** Verb and modifier endings: 만든, 대하고, 나서 are not names. */
export const VERBAL_ENDING = /(?:고|며|면|게|요|든|던|된|할|될|까|서|니|려|도록|지만|는데|면서|어서|아서|들)$/;

/** Modifier forms before a noun (중요한 회사, 만든 회사): never a name there. */
export const MODIFIER_ENDING = /(?:한|된|는|던|든|적인|스러운|하는|있는|없는)$/;

/** Nouns that end a compound common noun (우주전쟁, 기술경쟁): such a word is no name. */
export const COMMON_ENDINGS =
  /(?:전쟁|경쟁|기술|산업|시장|정책|문제|사업|분야|업계|기업|정부|시대|관계|협력|개발|투자|계획|제도|정보|서비스|프로그램|시스템|센터|사업단|지원|행사|대회|회의|문화|교육|연구|경제|정치|사회|환경|에너지|우주|모델|제품|시설|단지|투자액|매출액|금액|규모|비율|가격|액)$/;

/** Words that show a sentence is about sport, where "X Y스" names a team (새한 돌핀스). */
export const SPORTS_CONTEXT =
  /(?:경기|구단|프로야구|프로축구|프로농구|시즌|연승|연패|홈런|이닝|득점|골을|리그|선발|투수|타자|원정|홈경기|맞대결|3연전|우승|챔피언|결승|준결승|구장)/;

/** Venue words written as a separate word after a name: 모로왈리 산업단지, 인천 국제공항. */
export const VENUE_WORDS = new Set(['산업단지', '국가산업단지', '국제공항', '공항', '야구장', '경기장', '체육관', '터미널', '광장', '해수욕장', '국립공원']);

/** Words between a name and its title that qualify the title: 문재인 전 대표, 김철수 현 회장, 이원복 신임 총장. */
export const TITLE_MODIFIERS = set(`전 현 前 現 신임 전임 초대 차기 당시 현직 전직 역대 직전 후임 임시 권한대행`);

/**
 * Titles that may be written glued to a name (홍길동씨, 박희태의원, 김민수기자, 이순신장군, 김지영님),
 * longest first. Only a name of Korean shape counts before them (선생님 is no name); 군 and 양 are left
 * out, as they end common words (주한미군, 남인도양).
 */
export const GLUED_TITLES: readonly string[] = `씨 님 여사 기자 특파원 의원 국회의원 장군 대장 회장 부회장 사장 부사장 대표 대표이사 교수 박사
감독 선수 코치 작가 변호사 위원장 장관 차관 총리 대통령 시장 도지사 지사 구청장 군수 원장 총장 이사장 이사 전무 상무 부장 차장
과장 팀장 실장 국장 본부장 의장 대변인 앵커 목사 신부 스님 선생 선생님 원내대표 당대표 최고위원 후보 검사 판사 연구원`
  .split(/\s+/)
  .filter(Boolean)
  .sort((a, b) => b.length - a.length);

/**
 * Shapes of predicates, connectives and adverbs, never of names: 따라, 위해, 자유로운, 참석한,
 * 떠난, 다른, 어설픈, 꾸며져, 일제히, 걷다가, 제기되자, 시작했으나, 같네. Checked on words that do
 * not have the shape of a Korean name (those are judged by their surname and length).
 */
export const PREDICATE_FORM =
  /(?:^따라|^모아|^받아|^비롯해|[해돼]|했|됐|하[고며여게]|되[고며어]|[\uac00-\ud7a3]{2}한|^(?:위|대|관|통|의|인)한|[된난른픈쁜힌]|[로러다거려까]운|스런|[어아]진|져|히|다가|[되하]자|으나|했으나|지만|같네|하는|되는|있는|없는|않은|못한)$/;

/** Two or more syllables, all alike (강강강강, 하하하): a sound, not a name. */
export const REPEATED_SYLLABLES = /^([\uac00-\ud7a3]{1,2})\1+$/;

/**
 * General place gazetteers, in Korean and English: countries (and a few historical
 * states), capitals and major cities, first-level regions of Korea, China, Japan and the
 * US, and well-known regions. General knowledge only — no name is here because a test
 * page mentions it. Space-separated to keep the bundle small.
 */

const KO_COUNTRIES = `한국 대한민국 남한 북한 미국 중국 일본 대만 타이완 홍콩 마카오 몽골 러시아 소련 영국 프랑스 독일 이탈리아 스페인 포르투갈 네덜란드 벨기에 룩셈부르크 스위스 오스트리아 스웨덴 노르웨이 덴마크 핀란드 아이슬란드 아일랜드 폴란드 체코 슬로바키아 헝가리
루마니아 불가리아 그리스 튀르키예 터키 우크라이나 벨라루스 몰도바 리투아니아 라트비아 에스토니아 세르비아 크로아티아 슬로베니아 보스니아 몬테네그로 알바니아 북마케도니아 코소보 키프로스 몰타 조지아 아르메니아 아제르바이잔 카자흐스탄 우즈베키스탄
키르기스스탄 타지키스탄 투르크메니스탄 아프가니스탄 파키스탄 인도 방글라데시 스리랑카 네팔 부탄 몰디브 미얀마 태국 라오스 캄보디아 베트남 말레이시아 싱가포르 인도네시아 필리핀 브루나이 동티모르 이란 이라크 시리아 레바논 요르단 이스라엘 팔레스타인
사우디아라비아 사우디 예멘 아랍에미리트 카타르 바레인 쿠웨이트 이집트 리비아 튀니지 알제리 모로코 남수단 에티오피아 에리트레아 소말리아 케냐 우간다 탄자니아 르완다 부룬디 콩고 가봉 카메룬 나이지리아 니제르 차드 세네갈 코트디부아르 라이베리아
시에라리온 부르키나파소 베냉 토고 앙골라 잠비아 짐바브웨 모잠비크 말라위 나미비아 보츠와나 남아프리카공화국 남아공 마다가스카르 모리셔스 캐나다 멕시코 과테말라 온두라스 엘살바도르 니카라과 코스타리카 파나마 쿠바 자메이카 아이티 도미니카공화국 브라질
아르헨티나 칠레 페루 콜롬비아 베네수엘라 에콰도르 볼리비아 파라과이 우루과이 호주 오스트레일리아 뉴질랜드 파푸아뉴기니 피지 바티칸 모나코 리히텐슈타인 산마리노 안도라 그린란드 유고슬라비아 동독 서독`;

const KO_CITIES = `서울 부산 인천 대구 대전 광주 울산 세종 수원 성남 부천 안산 안양 남양주 평택 의정부 시흥 파주 김포 광명 하남 군포 안성 포천 의왕 여주 동두천 과천 가평 양평 연천 춘천 원주 강릉 동해 속초 삼척 태백 정선 평창 청주 충주 제천 천안 아산 보령
서산 논산 당진 계룡 군산 익산 정읍 남원 김제 목포 여수 순천 나주 광양 포항 김천 안동 영천 문경 경산 창원 마산 통영 사천 김해 밀양 거제 제주 서귀포 울릉도 독도 판교 여의도 강남 명동 광화문 해운대 송도 용산 종로 마포 잠실 성수 홍대 이태원
동대문 서초 강북 강서 노원 송파 영등포 일산 센텀 도쿄 오사카 교토 요코하마 나고야 삿포로 후쿠오카 고베 히로시마 나가사키 오키나와 센다이 베이징 상하이 톈진 충칭 광저우 홍콩 청두 우한 난징 항저우 칭다오 다롄 선양 하얼빈 쑤저우 샤먼 정저우 쿤밍
허페이 푸저우 난닝 구이양 란저우 우루무치 라싸 타이베이 가오슝 타이중 울란바토르 모스크바 상트페테르부르크 블라디보스토크 하바롭스크 런던 파리 베를린 뮌헨 프랑크푸르트 함부르크 로마 밀라노 베네치아 피렌체 나폴리 마드리드 바르셀로나 리스본 포르투
암스테르담 로테르담 브뤼셀 제네바 취리히 스톡홀름 오슬로 코펜하겐 헬싱키 더블린 바르샤바 프라하 부다페스트 부쿠레슈티 소피아 아테네 이스탄불 앙카라 키이우 키예프 민스크 빌뉴스 리가 탈린 베오그라드 자그레브 에든버러 맨체스터 리버풀 버밍엄 마르세유
리옹 워싱턴 뉴욕 로스앤젤레스 샌프란시스코 시카고 보스턴 시애틀 휴스턴 댈러스 애틀랜타 마이애미 필라델피아 디트로이트 라스베이거스 피닉스 덴버 샌디에이고 새너제이 오스틴 포틀랜드 호놀룰루 앵커리지 내슈빌 피츠버그 볼티모어 미니애폴리스 토론토 밴쿠버
몬트리올 오타와 캘거리 멕시코시티 하바나 상파울루 리우데자네이루 브라질리아 부에노스아이레스 산티아고 리마 보고타 카라카스 키토 시드니 멜버른 브리즈번 퍼스 캔버라 오클랜드 웰링턴 뉴델리 델리 뭄바이 벵갈루루 콜카타 첸나이 카라치 이슬라마바드 라호르
다카 카트만두 콜롬보 방콕 하노이 호찌민 다낭 프놈펜 비엔티안 양곤 네피도 쿠알라룸푸르 자카르타 발리 마닐라 테헤란 바그다드 다마스쿠스 베이루트 암만 예루살렘 텔아비브 리야드 제다 두바이 아부다비 도하 무스카트 쿠웨이트시티 카이로 알렉산드리아 트리폴리
튀니스 알제 카사블랑카 라바트 하르툼 아디스아바바 나이로비 몸바사 라고스 아부자 아크라 다카르 킨샤사 요하네스버그 케이프타운 프리토리아 베네치아`;

const KO_REGIONS = `경기도 강원도 충청북도 충청남도 전라북도 전라남도 경상북도 경상남도 제주도 충북 충남 전북 전남 경북 경남 강원 수도권 영남 호남 충청 한반도 제주특별자치도 강원특별자치도 전북특별자치도 서울특별시 부산광역시 인천광역시 대구광역시 대전광역시 광주광역시
울산광역시 세종특별자치시 광둥성 광시 장쑤성 저장성 산둥성 허난성 허베이성 후난성 후베이성 쓰촨성 윈난성 구이저우성 푸젠성 장시성 안후이성 산시성 간쑤성 칭하이성 헤이룽장성 지린성 랴오닝성 하이난성 네이멍구 티베트 시짱 닝샤 홋카이도 혼슈 규슈 시코쿠
캘리포니아 텍사스 뉴욕주 플로리다 워싱턴주 오리건 네바다 애리조나 유타 콜로라도 뉴멕시코 오클라호마 캔자스 네브래스카 미네소타 위스콘신 미시간 일리노이 인디애나 오하이오 펜실베이니아 뉴저지 버지니아 노스캐롤라이나 사우스캐롤라이나 조지아주 앨라배마
미시시피 루이지애나 테네시 켄터키 미주리 아이오와 매사추세츠 코네티컷 메릴랜드 알래스카 하와이 실리콘밸리 월가 중동 동남아 동남아시아 동북아 동북아시아 중앙아시아 서남아시아 유럽 서유럽 동유럽 북유럽 남유럽 아시아 아프리카 북미 남미 중남미
라틴아메리카 오세아니아 북극 남극 시베리아 발칸 중앙아메리카 카리브 지중해 크림반도 가자지구 중구 동구 서구 남구 북구 요르단강 대만해협 남중국해 동중국해 태평양 대서양 인도양`;

const EN_COUNTRIES = `Afghanistan Albania Algeria Andorra Angola Argentina Armenia Australia Austria Azerbaijan Bahamas Bahrain Bangladesh Barbados Belarus
Belgium Belize Benin Bhutan Bolivia Bosnia Botswana Brazil Brunei Bulgaria Burkina_Faso Burundi Cambodia Cameroon Canada Chile China
Colombia Congo Costa_Rica Croatia Cuba Cyprus Czechia Czech_Republic Denmark Djibouti Dominican_Republic Ecuador Egypt El_Salvador Eritrea
Estonia Eswatini Ethiopia Fiji Finland France Gabon Gambia Georgia Germany Ghana Greece Greenland Guatemala Guyana Haiti Honduras Hong_Kong
Hungary Iceland India Indonesia Iran Iraq Ireland Israel Italy Ivory_Coast Jamaica Japan Kazakhstan Kenya Kosovo Kuwait Kyrgyzstan Laos
Latvia Lebanon Lesotho Liberia Libya Liechtenstein Lithuania Luxembourg Macau Madagascar Malawi Malaysia Maldives Malta Mauritania Mauritius
Mexico Moldova Monaco Mongolia Montenegro Morocco Mozambique Myanmar Burma Namibia Nepal Netherlands Holland New_Zealand Nicaragua Niger
Nigeria North_Korea North_Macedonia Norway Oman Pakistan Palestine Panama Papua_New_Guinea Paraguay Peru Philippines Poland Portugal Qatar
Romania Russia Rwanda Saudi_Arabia Senegal Serbia Sierra_Leone Singapore Slovakia Slovenia Somalia South_Africa South_Korea South_Sudan
Spain Sri_Lanka Sudan Suriname Sweden Switzerland Syria Taiwan Tajikistan Tanzania Thailand Togo Tunisia Turkiye Turkmenistan Uganda Ukraine
United_Arab_Emirates UAE United_Kingdom UK Britain Great_Britain England Scotland Wales Northern_Ireland United_States USA US America
Uruguay Uzbekistan Vatican Venezuela Vietnam Yemen Zambia Zimbabwe Soviet_Union USSR Yugoslavia Korea Gaza West_Bank Crimea Tibet Xinjiang
Puerto_Rico`;

const EN_CITIES = `London Paris Berlin Madrid Rome Milan Lisbon Porto Amsterdam Rotterdam Brussels Geneva Zurich Vienna Stockholm Oslo Copenhagen Helsinki
Dublin Warsaw Prague Budapest Bucharest Sofia Athens Istanbul Ankara Kyiv Kiev Minsk Moscow St_Petersburg Vilnius Riga Tallinn Belgrade
Zagreb Edinburgh Glasgow Manchester Liverpool Birmingham Leeds Bristol Cardiff Belfast Oxford Cambridge Marseille Lyon Munich Frankfurt
Hamburg Cologne Barcelona Seville Valencia Naples Venice Florence Turin Washington New_York New_York_City Los_Angeles San_Francisco Chicago
Boston Seattle Houston Dallas Austin Atlanta Miami Philadelphia Detroit Las_Vegas Phoenix Denver San_Diego San_Jose Portland Honolulu
Anchorage Nashville Pittsburgh Baltimore Minneapolis New_Orleans Cleveland Sacramento Orlando Tampa Charlotte Raleigh Brooklyn Manhattan
Queens Bronx Toronto Vancouver Montreal Ottawa Calgary Mexico_City Havana Sao_Paulo Rio_de_Janeiro Brasilia Buenos_Aires Santiago Lima
Bogota Caracas Quito Sydney Melbourne Brisbane Perth Canberra Auckland Wellington New_Delhi Delhi Mumbai Bangalore Bengaluru Kolkata Chennai
Karachi Islamabad Lahore Dhaka Kathmandu Colombo Bangkok Hanoi Ho_Chi_Minh_City Phnom_Penh Vientiane Yangon Kuala_Lumpur Jakarta Bali Manila
Tehran Baghdad Damascus Beirut Amman Jerusalem Tel_Aviv Riyadh Jeddah Dubai Abu_Dhabi Doha Muscat Cairo Alexandria Tripoli Tunis Algiers
Casablanca Rabat Khartoum Addis_Ababa Nairobi Mombasa Lagos Abuja Accra Dakar Kinshasa Johannesburg Cape_Town Pretoria Tokyo Osaka Kyoto
Yokohama Nagoya Sapporo Fukuoka Kobe Hiroshima Nagasaki Okinawa Beijing Shanghai Tianjin Chongqing Guangzhou Shenzhen Chengdu Wuhan Nanjing
Hangzhou Xian Qingdao Dalian Shenyang Harbin Suzhou Xiamen Taipei Kaohsiung Ulaanbaatar Seoul Busan Incheon Daegu Daejeon Gwangju Ulsan
Sejong Suwon Jeju Pyongyang Vladivostok Venice Kabul Kandahar Mosul Aleppo Kharkiv Odesa Mariupol Donetsk Luhansk Sevastopol Rafah
Khan_Younis Ramallah Hebron Westminster`;

const EN_REGIONS = `California Texas Florida Oregon Nevada Arizona Utah Colorado New_Mexico Oklahoma Kansas Nebraska Minnesota Wisconsin Michigan Illinois
Indiana Ohio Pennsylvania New_Jersey Virginia West_Virginia North_Carolina South_Carolina Alabama Mississippi Louisiana Tennessee Kentucky
Missouri Iowa Massachusetts Connecticut Maryland Delaware Vermont Maine New_Hampshire Rhode_Island Alaska Hawaii Idaho Montana Wyoming
North_Dakota South_Dakota Arkansas Washington_State Ontario Quebec British_Columbia Alberta Manitoba Saskatchewan Nova_Scotia Bavaria
Catalonia Andalusia Lombardy Tuscany Sicily Sardinia Corsica Normandy Brittany Provence Flanders Wallonia Siberia Chechnya Donbas Guangdong
Guangxi Jiangsu Zhejiang Shandong Henan Hebei Hunan Hubei Sichuan Yunnan Fujian Anhui Hokkaido Kyushu Silicon_Valley Middle_East Europe Asia
Africa North_America South_America Latin_America Central_America Oceania Antarctica Arctic Scandinavia Balkans Caribbean Mediterranean
Gulf_Coast Midwest New_England Southeast_Asia East_Asia Central_Asia South_Asia Western_Europe Eastern_Europe Sub-Saharan_Africa Pacific
Atlantic Indian_Ocean Persian_Gulf Red_Sea Black_Sea Baltic Korean_Peninsula Taiwan_Strait South_China_Sea Himalayas Alps Sahara
Patagonia Kashmir Punjab Bengal North_Africa West_Africa East_Africa Southern_Africa Horn_of_Africa White_House Gaza_Strip Golan_Heights Sinai Scottish_Highlands Yorkshire Cornwall Essex Sussex Surrey`;

function words(list: string): string[] {
  return list
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => w.replace(/_/g, ' '));
}

/** Countries alone (미국, 중국): a country before an organisation is its own place (중국 딥시크). */
export const KO_COUNTRY_NAMES: ReadonlySet<string> = new Set(words(KO_COUNTRIES));
export const KO_PLACES: ReadonlySet<string> = new Set([...words(KO_COUNTRIES), ...words(KO_CITIES), ...words(KO_REGIONS)]);
/** Countries alone, in English (a country fielding a team: english-recognize.ts, actingCountries). */
export const EN_COUNTRY_NAMES: ReadonlySet<string> = new Set(words(EN_COUNTRIES));
export const EN_PLACES: ReadonlySet<string> = new Set([...words(EN_COUNTRIES), ...words(EN_CITIES), ...words(EN_REGIONS)]);

/** English places by their first word, for one pass over a text. */
export const EN_PLACES_BY_FIRST: ReadonlyMap<string, readonly string[]> = (() => {
  const map = new Map<string, string[]>();
  for (const place of EN_PLACES) {
    const first = place.split(' ', 1)[0] ?? place;
    map.set(
      first,
      [...(map.get(first) ?? []), place].sort((a, b) => b.length - a.length),
    );
  }
  return map;
})();

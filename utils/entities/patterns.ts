import type { EntitySpan, EntityType } from './types';
import { HAN, HANGUL } from '../text/scripts';

/**
 * Dates, money and percentages in Korean, English and Chinese notation. Spans cover the
 * expression itself: "약"/"about" and particles stay outside.
 */

const NUM = String.raw`(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?`;
// A Korean amount: groups of a number and its units (2천만, 84억2천만, 3조5000억, 1억 3800만,
// 1만2천), "여" (4억여원: "over"), or 수천억/수십만 ("several …").
const KO_GROUP = String.raw`${NUM}\s?(?:[십백천]?[만억조]|[십백천])`;
const KO_AMOUNT = String.raw`(?:${KO_GROUP}(?:\s?${KO_GROUP})*(?:\s?${NUM}(?![\d.,]))?|${NUM}|수(?:십|백|천)?(?:조|억|만)|수(?:십|백|천))(?:\s?여)?`;
// 원 not as the start of another word: 3원칙, 5원소, 원장, 원금.
const KO_CURRENCY = '(?:원(?!칙|소|색|리|형|론|자|석|정|로|금|장|단|년)|달러|위안|엔|유로|파운드|루블|루피아?|페소|바트|프랑|링깃|리라|헤알|랜드|디르함)';
// Range marks between two numbers: 7~10%, 3∼5%, 1억~2억원, 10-20%.
const TILDE = '[~∼～〜]';
const DASH = '[-–]';
const EN_SCALE = String.raw`(?:\s?(?:thousand|million|billion|trillion|crore|lakh|mn|bn|m|b|k)\b)?`;
const EN_CURRENCY_WORD =
  '(?:dollars?|euros?|pounds?(?: sterling)?|yen|yuan|renminbi|won|rupees?|rupiah|ringgit|baht|pesos?|reais|real|rand|shekels?|dirhams?|riyals?|lira|liras|kronor|krona|kroner|krone|zloty|forint|dong|naira|francs?|rubles?|roubles?)';
// What may stand between an amount and its currency word: "50 million US dollars", "Hong Kong dollars".
const EN_CURRENCY_QUALIFIER = String.raw`(?:(?:US|U\.S\.|American|Australian|Canadian|Hong Kong|HK|Singapore|New Taiwan|Taiwan|NT|New Zealand|Brazilian|Mexican|Indian|Korean|South Korean|Japanese|Chinese|Swiss|Russian|Turkish|Israeli|Saudi|Swedish|Norwegian|Danish|Polish|Philippine|Indonesian|Malaysian|Thai|South African|Nigerian)\s)?`;
// Currency signs and the prefixes that say whose dollar it is: US$5, NT$60 million, HK$3bn, R$10, S$2.
const EN_SIGN = String.raw`(?:\b(?:US|USD|A|AU|AUD|C|CA|CAD|HK|NZ|NT|S|R|RM|Rs\.?|MX|Z)\s?)?[$£€¥₩₹₽₺₦₫₱₪]|\bRs\.?\s?|\bRM\s?(?=\d)`;
const EN_CODE = '(?:USD|EUR|GBP|JPY|CNY|RMB|KRW|HKD|TWD|AUD|CAD|CHF|INR|SGD)';
const MONTH = '(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)';
const FULL_MONTH = '(?:January|February|March|April|June|July|August|September|October|November|December)';
const WEEKDAY = '(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)';
const YEAR = '(?:1[6-9]\\d\\d|20\\d\\d)';
const DATE_LEAD = '(?:in|since|by|from|until|till|before|after|during|early|late|mid|around|through|of|the|and|to|between|for)';

interface Rule {
  type: EntityType;
  re: RegExp;
  /** Only run when the text has this script (saves scanning English text for Korean forms). */
  needs?: 'hangul' | 'han';
}

const RULES: Rule[] = [
  // --- percent: 3.38%, 7~10%, 10-20%, 5.5 per cent, 30~40퍼센트, 5프로
  {
    type: 'percent',
    re: new RegExp(String.raw`(?<![\d.,])(?:${NUM}\s?(?:%|％|퍼센트|프로)?\s?${TILDE}\s?|${NUM}${DASH})?${NUM}\s?(?:%|％)(?:\s?p\b)?`, 'g'),
  },
  {
    type: 'percent',
    re: new RegExp(
      String.raw`(?<![\d.,])(?:${NUM}\s?(?:%|퍼센트|프로)?\s?${TILDE}\s?)?${NUM}\s?(?:퍼센트|프로(?!그램|젝트|필|세스|모션|토콜|듀서|야구|축구|농구|배구|골프|선수|게이머|구단|리그|팀|급|페셔널|레슬링))(?:\s?포인트)?|(?<![\d.,])${NUM}\s?(?:%|％)포인트`,
      'g',
    ),
    needs: 'hangul',
  },
  {
    type: 'percent',
    re: new RegExp(String.raw`(?<![\d.,])(?:${NUM}(?:${DASH}|\s(?:to|and)\s))?${NUM}\s?(?:percent|per cent|pct)\b(?:age points?)?`, 'gi'),
  },
  // --- money: Korean (2천만원, 84억2천만원, 4억여원, 1억~2억원, 1만2천 달러)
  {
    type: 'money',
    re: new RegExp(String.raw`(?<![\d.,])(?:${KO_AMOUNT}\s?${KO_CURRENCY}?\s?${TILDE}\s?)?${KO_AMOUNT}\s?${KO_CURRENCY}`, 'g'),
  },
  // --- money: English and signs ($1.2 billion, NT$60 million, €3m, £40,000, $5-10 million)
  { type: 'money', re: new RegExp(String.raw`(?:${EN_SIGN})${NUM}(?:[-–](?:${EN_SIGN})?${NUM})?${EN_SCALE}`, 'g') },
  { type: 'money', re: new RegExp(String.raw`\b${EN_CODE}\s?${NUM}${EN_SCALE}|(?<![\d.,])${NUM}${EN_SCALE}\s?${EN_CODE}\b`, 'g') },
  { type: 'money', re: new RegExp(String.raw`(?<![\d.,])${NUM}${EN_SCALE}\s${EN_CURRENCY_QUALIFIER}${EN_CURRENCY_WORD}\b`, 'gi') },
  { type: 'money', re: new RegExp(String.raw`(?<![\d.,])${NUM}(?:万|亿)?(?:美元|元|人民币|日元|欧元)`, 'g'), needs: 'han' },
  // --- dates: Korean
  {
    type: 'date',
    re: new RegExp(String.raw`(?<!\d)\d{4}년(?:대|\s?\d{1,2}월(?:\s?\d{1,2}일)?)?(?:말|초|께|경|중반|초반|후반)?`, 'g'),
  },
  { type: 'date', re: /(?<![\d.])(?:1[0-2]|0?[1-9])월(?:\s?(?:[12]\d|3[01]|0?[1-9])일|\s?(?:초|중순|말|하순|상순))?/g, needs: 'hangul' },
  { type: 'date', re: /(?<![\d.,~])(?:[12]\d|3[01]|0?[1-9])일(?!\s?(?:간|동안|째|만에|치|분))/g, needs: 'hangul' },
  { type: 'date', re: /(?<![\d.])(?:19|20)\d\d[./-](?:1[0-2]|0?[1-9])[./-](?:[12]\d|3[01]|0?[1-9])(?![\d])/g },
  {
    type: 'date',
    re: /(?<![가-힣])(?:올해|지난해|작년|내년|재작년|금년|오늘|어제|내일|그제|지난주|지난달|다음 ?달|다음 ?주|이번 ?주|올 ?상반기|올 ?하반기)(?![가-힣]*(?:날|도록))/g,
    needs: 'hangul',
  },
  {
    type: 'date',
    re: /(?<![\d.~])\d{1,3}\s?(?:년|개월|주|일)\s?전(?![가-힣])|(?<![\d.~])\d{1,3}\s?(?:년|개월|주|일)\s?전(?=보다|에|까지|부터|의|인|만|과|와)/g,
    needs: 'hangul',
  },
  // --- dates: Chinese / Japanese
  { type: 'date', re: /(?<!\d)\d{4}年(?:\d{1,2}月(?:\d{1,2}日)?)?|(?<!\d)\d{1,2}月\d{1,2}日/g, needs: 'han' },
  // --- dates: English
  { type: 'date', re: new RegExp(String.raw`\b${MONTH}\.?\s\d{1,2}(?:st|nd|rd|th)?(?:,?\s${YEAR})?\b`, 'g') },
  { type: 'date', re: new RegExp(String.raw`\b\d{1,2}(?:st|nd|rd|th)?\s(?:of\s)?${MONTH}(?:,?\s${YEAR})?\b`, 'g') },
  { type: 'date', re: new RegExp(String.raw`\b${MONTH}\.?\s${YEAR}\b`, 'g') },
  { type: 'date', re: new RegExp(String.raw`(?<=\b(?:in|since|by|from|until|last|next|this|early|late|mid-?|of|during)\s)${FULL_MONTH}\b`, 'gi') },
  { type: 'date', re: new RegExp(String.raw`\b${WEEKDAY}\b`, 'g') },
  { type: 'date', re: new RegExp(String.raw`\b${FULL_MONTH}\b`, 'g') },
  {
    type: 'date',
    re: /\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a few|several|many)\s(?:days?|weeks?|months?|years?|decades?)\sago\b/gi,
  },
  { type: 'date', re: new RegExp(String.raw`(?<=\b${DATE_LEAD}\s)${YEAR}s?\b(?![\d,.]\d)`, 'gi') },
  { type: 'date', re: new RegExp(String.raw`\b${YEAR}s\b`, 'g') },
  { type: 'date', re: /\b(?:19|20)\d\d-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])\b/g },
  { type: 'date', re: /\b(?:mid-|early |late )?(?:1[6-9]|20)\d0s\b|\b\d{1,2}(?:st|nd|rd|th) century\b/gi },
  { type: 'money', re: /\b(?:hundreds|thousands|millions|billions|tens) of (?:(?:millions|billions|thousands) of )?(?:dollars|euros|pounds|yen|yuan)\b/gi },
  { type: 'date', re: /\b(?:yesterday|today|tomorrow|tonight|(?:last|next|this) (?:week|month|year|weekend|spring|summer|autumn|fall|winter))\b/gi },
];

/** Every date, money and percent expression in `text`, longest first where they overlap. */
export function findPatterns(text: string): EntitySpan[] {
  const found: EntitySpan[] = [];
  const hangul = HANGUL.test(text);
  const han = HAN.test(text);
  for (const { type, re, needs } of RULES) {
    if ((needs === 'hangul' && !hangul) || (needs === 'han' && !han)) continue;
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const raw = m[0];
      const trimmed = raw.replace(/[\s,.]+$/, '');
      if (!trimmed) continue;
      found.push({ start: m.index, end: m.index + trimmed.length, text: trimmed, type });
      if (m[0].length === 0) re.lastIndex++;
    }
  }
  return found;
}

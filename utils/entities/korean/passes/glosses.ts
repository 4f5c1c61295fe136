import { LATIN_STOPWORDS } from '../../lexicon-latin';
import { COMMON_NOUNS, ORG_BEFORE, ORG_SUFFIXES, ROLES_BEFORE } from '../../lexicon-ko';
import { HANGUL } from '../../../text/scripts';
import type { Context } from '../context';
import { FAIR, GOOD, STRONG, WEAK } from '../findings';
import { isKoreanName, isNameLike, isPlaceWord, latinAcronym, ORG_LATIN_WORDS, orgSuffix } from '../shapes';
import { PARTICLE_SET } from '../tokens';

/**
 * Glosses in brackets: 량원펑(梁文峰), 나사(NASA), 환팡량화(幻方量化)펀드. The Hangul name and its
 * gloss are linked (they share their evidence), and the gloss's own shape types it.
 */
const PASS = 'glosses';

const GLOSS_SEPARATOR = /[:;/,]|\s(?=[\u4e00-\u9fff])/;
const LATIN_START = /^[A-Za-z]/;
const SPACES = /\s+/;
/** Function characters of Chinese prose: a sentence in brackets, not a name. */
const CHINESE_PROSE = /[的之了是在和]/;
const HAN_WORDS = /^[\u4e00-\u9fff\u3040-\u30ff]+(?:\s[\u4e00-\u9fff\u3040-\u30ff]+)*$/;
const HAN_PLACE = /[市省县縣镇鎮区區州村乡鄉道府]$/;
const HAN_ORG =
  /(?:公司|集团|集團|基金|银行|銀行|大学|大學|研究所|协会|協會|委员会|委員會|部|局|厅|署|院|社|报|報|台|資本|资本|キャピタル|ホールディングス|株式会社|商事|銀行)$/;

export function glosses(c: Context): void {
  const { tokens, n, at, text, found } = c;
  const glossPairs: { hangul: string; gloss: string }[] = [];
  for (let i = 0; i < n; i++) {
    const open = tokens[i]!; // i < n
    if (open.text !== '(' || !open.glued) continue;
    let closeAt = -1;
    for (let j = i + 1; j < n && j <= i + 12; j++) {
      if (tokens[j]!.text === ')') {
        closeAt = j;
        break;
      }
    }
    const close = at(closeAt);
    if (!close) continue;
    const inner = text.slice(open.end, close.start);
    if (HANGUL.test(inner)) continue; // an explanation, not a gloss
    const parts = inner
      .split(GLOSS_SEPARATOR)
      .map((p) => p.trim())
      .filter(Boolean);
    if (!parts.length) continue;
    // The name before the bracket: the Hangul word glued to it, two words for a
    // multi-word Latin gloss whose Hangul is short (하이플라이어 퀀트(…High-Flyer Quant)).
    const before = tokens[i - 1];
    if (!before || before.kind !== 'hangul') continue;
    let hangul = before.text;
    const latinWords = parts.filter((p) => LATIN_START.test(p)).map((p) => p.split(SPACES).length);
    const wordsInGloss = Math.max(0, ...latinWords);
    const prev = tokens[i - 2];
    if (
      wordsInGloss >= 2 &&
      hangul.length < 2 * wordsInGloss &&
      prev &&
      prev.kind === 'hangul' &&
      !prev.particle &&
      !before.glued &&
      !isPlaceWord(prev.text) &&
      isNameLike(prev.text) &&
      !ORG_BEFORE.has(prev.text) &&
      !ROLES_BEFORE.has(prev.text)
    ) {
      hangul = `${prev.text} ${hangul}`;
    }
    if (COMMON_NOUNS.has(hangul) || ORG_BEFORE.has(hangul)) continue;
    const after = at(closeAt + 1);
    const suffixAfter =
      after && after.glued && after.kind === 'hangul' ? (orgSuffix('X' + after.stem) ?? (ORG_SUFFIXES.includes(after.stem) ? after.stem : null)) : null;
    for (const part of parts) {
      if (CHINESE_PROSE.test(part) || part.length > 20) continue;
      glossPairs.push({ hangul, gloss: part });
      if (HAN_WORDS.test(part)) {
        if (HAN_PLACE.test(part)) found.add(part, 'place', GOOD, PASS, 'hanja-place');
        else if (HAN_ORG.test(part)) found.add(part, 'org', GOOD, PASS, 'hanja-org');
        // A person's name in Hanja: two or three characters for a name of two syllables or more, with
        // nothing glued after the bracket (칭짱(靑藏)고원, 장쑤(江蘇)성 are parts of longer names).
        else if (
          part.length >= 2 &&
          part.length <= 3 &&
          (part.length === 3 || hangul.length >= 3) &&
          !(after?.glued && after.kind === 'hangul' && !PARTICLE_SET.has(after.text)) &&
          (isKoreanName(hangul) || hangul.length <= 4)
        )
          found.add(part, 'person', FAIR, PASS, 'hanja-person');
        else if (part.length >= 4) found.add(part, 'org', WEAK, PASS, 'hanja-long');
      } else if (LATIN_START.test(part)) {
        if (latinAcronym(part)) found.add(part, 'org', GOOD, PASS, 'latin-acronym');
        else if (ORG_LATIN_WORDS.test(part)) found.add(part, 'org', GOOD, PASS, 'latin-org-word');
        else if (!LATIN_STOPWORDS.has(part)) found.add(part, 'org', WEAK / 2, PASS, 'latin');
      }
      if (suffixAfter) found.add(part, 'org', STRONG, PASS, 'suffix-after');
    }
    if (suffixAfter) found.add(hangul, 'org', STRONG, PASS, 'suffix-after');
  }
  // A gloss names one Hangul form: keep the pairing seen most often (딥시크(Deep Seek) ×2
  // beats a nickname once glossed the same way).
  const pairCounts = new Map<string, Map<string, number>>();
  for (const { hangul, gloss } of glossPairs) {
    const m = pairCounts.get(gloss) ?? new Map<string, number>();
    m.set(hangul, (m.get(hangul) ?? 0) + 1);
    pairCounts.set(gloss, m);
  }
  for (const [gloss, partners] of pairCounts) {
    const best = Math.max(...partners.values());
    for (const [hangul, count] of partners) if (count === best) found.link(hangul, gloss);
  }
}

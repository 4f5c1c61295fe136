import { COMMON_NOUNS, SPEECH_VERBS } from '../../lexicon-ko';
import type { Context } from '../context';
import { FAIR, GOOD } from '../findings';
import { isKoreanName, isNameLike, isPlaceWord, isTitle, orgSuffix, placeSuffix } from '../shapes';
import { QUOTES_OPEN, type Token } from '../tokens';

/** Quotations with a speech verb: the speaker is a person (송민재는 무대에서 "…"고 말했다). */
const PASS = 'quotations';

/** What joins a quotation to its verb: "…"고 말했다, "…"라며, "…"이라고 밝혔다. */
const QUOTE_TAIL = /^\s?(?:이?라?고|며|라며|이라며|면서)\s*(?:[\uac00-\ud7a3]+\s){0,2}/;
const QUOTE_JOIN = /^\s?(?:이?라?고|며|라며|이라며|면서)\s*/;
/** Joins that carry on speaking without a verb of their own: "…"라며 웃었다. */
const SPEAKING_JOIN = /^(?:며|라며|이라며|면서)/;
const SPACES = /\s+/;
const SUBJECT = /^(?:은|는|이|가|도)$/;
const PLURAL = /들$/;

export function quotations({ tokens, n, text, sentenceOf, found }: Context): void {
  for (let i = 0; i < n; i++) {
    const t = tokens[i]!; // i < n
    if (!QUOTES_OPEN.has(t.text) || t.text === "'" || t.text === '‘' || t.text === '<') continue;
    // The quotation's end and the verb after it.
    let close: Token | undefined;
    for (let j = i + 1; j < n && j < i + 200 && !close; j++) if (tokens[j]!.text === '"' || tokens[j]!.text === '”') close = tokens[j];
    if (!close) continue;
    const tail = text.slice(close.end, close.end + 30);
    if (!QUOTE_TAIL.test(tail)) continue;
    const verb = tail.replace(QUOTE_JOIN, '').split(SPACES);
    if (!verb.slice(0, 3).some((w) => SPEECH_VERBS.test(w)) && !SPEAKING_JOIN.test(tail.trim())) continue;
    // The speaker: the nearest subject before the quotation in the same sentence.
    for (let j = i - 1; j >= 0 && sentenceOf[j] === sentenceOf[i] && j > i - 8; j--) {
      const s = tokens[j]!; // 0 <= j < i
      if (s.kind !== 'hangul' || !SUBJECT.test(s.particle)) continue;
      const word = s.stem;
      if (isTitle(word) || COMMON_NOUNS.has(word) || PLURAL.test(word) || isPlaceWord(word) || orgSuffix(word) || placeSuffix(word)) break;
      if (isKoreanName(word)) found.add(word, 'person', GOOD, PASS, 'speaker');
      else if (isNameLike(word) && word.length >= 3) found.add(word, 'person', FAIR, PASS, 'speaker-name-like');
      break;
    }
  }
}

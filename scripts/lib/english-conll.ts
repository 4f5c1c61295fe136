// Conversion of two CoNLL-style English entity corpora to Margin's EnglishDoc (the format of
// data/en-ner/gum.jsonl), for scripts/convert-english-ner.ts:
//  - Wikigold (Balasuriya et al. 2009; Wikipedia articles; PER/ORG/LOC/MISC, IOB1; CC BY 4.0);
//  - WNUT-17 (Derczynski et al. 2017; tweets, Reddit, YouTube and Stack Overflow comments;
//    person/location/corporation/group/product/creative-work, BIO; CC BY 4.0).
// Each document gets its id first and its split from that id alone (splitOf), before its words
// or labels are read.

import type { EnglishDoc } from './english-ner';

/** One token and its label type ('' outside a name), with whether the label opens a new name (B-). */
interface Tok {
  form: string;
  type: string;
  begin: boolean;
}

/** "Washington , D.C. ( 1999 )" → "Washington, D.C. (1999)": the token that needs no space before it. */
const CLOSES = /^(?:[.,;:!?%)\]}]|\.\.\.|'s|'S|'|n't|N'T|'re|'ve|'ll|'d|'m|'RE|'VE|'LL|'D|'M|'')$/;
const OPENS = /^(?:[([{$#]|``)$/;

/**
 * Joins the tokens of one sentence as written (no space before punctuation and clitics, none
 * after an opening bracket; straight double quotes alternate between opening and closing).
 * Returns the text and each token's offsets.
 */
export function detokenize(forms: readonly string[]): { text: string; offsets: [number, number][] } {
  let text = '';
  const offsets: [number, number][] = [];
  let quoteOpen = false;
  let glue = true;
  for (const form of forms) {
    let space = !glue;
    if (form === '"') {
      if (quoteOpen) space = false;
    } else if (CLOSES.test(form)) space = false;
    if (space) text += ' ';
    offsets.push([text.length, text.length + form.length]);
    text += form;
    glue = OPENS.test(form) || (form === '"' && !quoteOpen);
    if (form === '"') quoteOpen = !quoteOpen;
  }
  return { text, offsets };
}

/** Words that open a labelled span but stay outside Margin's names (articles and titles). */
export type Leading = ReadonlySet<string>;

/**
 * Sentences (each a list of tokens) → one document: sentences of a paragraph joined by a space,
 * paragraphs by a line break. A name's leading articles and titles are dropped (The Mad Capsule
 * Markets → Mad Capsule Markets); a span of only such words is no name.
 */
export function toDoc(
  id: string,
  genre: string,
  split: 'fit' | 'test',
  paragraphs: readonly (readonly (readonly Tok[])[])[],
  map: (type: string) => 'person' | 'org' | 'place' | null,
  leading: Leading,
): EnglishDoc {
  let text = '';
  const spans: EnglishDoc['spans'] = [];
  const neutral: EnglishDoc['neutral'] = [];
  for (const paragraph of paragraphs) {
    if (text) text += '\n';
    paragraph.forEach((sentence, s) => {
      if (s > 0) text += ' ';
      const base = text.length;
      const { text: line, offsets } = detokenize(sentence.map((t) => t.form));
      text += line;
      for (let i = 0; i < sentence.length;) {
        const type = sentence[i]!.type;
        if (!type) {
          i++;
          continue;
        }
        let j = i + 1;
        while (j < sentence.length && sentence[j]!.type === type && !sentence[j]!.begin) j++;
        let a = i;
        while (a < j && leading.has(sentence[a]!.form)) a++;
        if (a < j) {
          const start = base + offsets[a]![0];
          const end = base + offsets[j - 1]![1];
          const kind = map(type);
          if (kind) spans.push({ start, end, type: kind });
          else neutral.push({ start, end, tag: type });
        }
        i = j;
      }
    });
  }
  return { id, genre, split, text, spans, neutral };
}

/** CoNLL lines "token<sep>tag" → sentences of tokens; -DOCSTART- lines kept as a one-token sentence. */
export function parseConll(source: string): { form: string; tag: string }[][] {
  const sentences: { form: string; tag: string }[][] = [];
  let current: { form: string; tag: string }[] = [];
  for (const raw of source.split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (!line.trim()) {
      if (current.length) sentences.push(current);
      current = [];
      continue;
    }
    const cut = Math.max(line.lastIndexOf('\t'), line.lastIndexOf(' '));
    const form = line.slice(0, cut).trim();
    const tag = line.slice(cut + 1).trim();
    if (form === '-DOCSTART-') {
      if (current.length) sentences.push(current);
      sentences.push([{ form, tag }]);
      current = [];
      continue;
    }
    current.push({ form, tag });
  }
  if (current.length) sentences.push(current);
  return sentences;
}

const WIKIGOLD_TYPES: Record<string, 'person' | 'org' | 'place'> = { PER: 'person', ORG: 'org', LOC: 'place' };

/**
 * Wikigold → documents, one per -DOCSTART- (a Wikipedia article's opening), its sentences one
 * paragraph. Labels are IOB1 (I-X throughout, B-X only where two names of a type touch).
 * PER → person, ORG → org, LOC → place; MISC (nationalities, events, works, languages) → neutral.
 */
export function convertWikigold(source: string, splitOf: (id: string) => 'fit' | 'test', leading: Leading): EnglishDoc[] {
  const docs: { form: string; tag: string }[][][] = [];
  for (const sentence of parseConll(source)) {
    if (sentence[0]!.form === '-DOCSTART-') docs.push([]);
    else {
      if (!docs.length) docs.push([]);
      docs.at(-1)!.push(sentence);
    }
  }
  return docs
    .filter((d) => d.length)
    .map((sentences, k) => {
      const id = `wikigold-${String(k + 1).padStart(3, '0')}`;
      const split = splitOf(id);
      const toks = sentences.map((s) => s.map(({ form, tag }) => ({ form, type: tag === 'O' ? '' : tag.slice(2), begin: tag.startsWith('B-') })));
      return toDoc(id, 'wikipedia', split, [toks], (t) => WIKIGOLD_TYPES[t] ?? null, leading);
    });
}

const WNUT_TYPES: Record<string, 'person' | 'org' | 'place'> = { person: 'person', location: 'place', corporation: 'org', group: 'org' };
/** How many posts make one WNUT-17 document. */
export const WNUT_BLOCK = 20;

/**
 * WNUT-17 (one file: train, dev or test) → documents of WNUT_BLOCK consecutive posts, each post a
 * line. person → person, location → place, corporation and group (bands, teams, parties,
 * organisations that are not companies) → org; product and creative-work → neutral.
 */
export function convertWnut17(file: string, source: string, splitOf: (id: string) => 'fit' | 'test', leading: Leading): EnglishDoc[] {
  const posts = parseConll(source);
  const out: EnglishDoc[] = [];
  for (let k = 0; k * WNUT_BLOCK < posts.length; k++) {
    const id = `wnut17-${file}-${String(k + 1).padStart(3, '0')}`;
    const split = splitOf(id);
    const block = posts.slice(k * WNUT_BLOCK, (k + 1) * WNUT_BLOCK);
    const paragraphs = block.map((post) => [post.map(({ form, tag }) => ({ form, type: tag === 'O' ? '' : tag.slice(2), begin: tag.startsWith('B-') }))]);
    out.push(toDoc(id, 'social', split, paragraphs, (t) => WNUT_TYPES[t] ?? null, leading));
  }
  return out;
}

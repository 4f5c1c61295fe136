import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { recognizeEntities, type EntitySpan } from '../../utils/entities';
import { loadEnglishModel, type EnglishModel } from '../../utils/entities/english-model';
import { emptyScore, scoreSentence, type KlueScore } from './klue';
import { ROOT, SHARED } from './paths';

/**
 * The converted English entity corpus (scripts/convert-english-ner.ts: GUM's licensed genres,
 * CC BY 4.0 annotations), committed in data/en-ner/; a fresh conversion in .data/en-ner/ or
 * ../shared/corpus/en-ner/ is read instead where one is there. Each document carries its split, fixed by its id's hash.
 */
export interface EnglishDoc {
  id: string;
  genre: string;
  split: 'fit' | 'test';
  text: string;
  spans: { start: number; end: number; type: 'person' | 'org' | 'place' }[];
  /** Named mentions of kinds Margin does not type (events, works, objects): neither right nor wrong. */
  neutral: { start: number; end: number; tag: string }[];
}

export const ENGLISH_CORPUS_DIRS = [join(ROOT, '.data/en-ner'), join(SHARED, 'corpus/en-ner'), join(ROOT, 'data/en-ner')];

/** The first folder holding gum.jsonl, or null when none has it. */
export const englishCorpusDir = (): string | null => ENGLISH_CORPUS_DIRS.find((d) => existsSync(join(d, 'gum.jsonl'))) ?? null;

export const MISSING_ENGLISH_CORPUS = `No English entity corpus: neither ${ENGLISH_CORPUS_DIRS.map((d) => join(d, 'gum.jsonl')).join(' nor ')} exists.
Make it from a GUM snapshot (github.com/amir-zeldes/gum): npm run convert:english-ner -- --gum <its directory>.`;

/**
 * English corpora added to GUM (scripts/convert-english-ner.ts --wikigold / --wnut17), each
 * `<name>.jsonl` beside gum.jsonl (or in data/en-ner/ where the fresh folder has only GUM).
 */
export const ENGLISH_EXTRA_CORPORA = ['wikigold', 'wnut17'] as const;
export type EnglishExtraCorpus = (typeof ENGLISH_EXTRA_CORPORA)[number];

/** The documents of one extra corpus, or null where no folder has it. */
export function loadEnglishCorpus(name: EnglishExtraCorpus): EnglishDoc[] | null {
  const dir = ENGLISH_CORPUS_DIRS.find((d) => existsSync(join(d, `${name}.jsonl`)));
  return dir ? loadEnglishDocs(dir, name) : null;
}

export function loadEnglishDocs(dir: string, name = 'gum'): EnglishDoc[] {
  return readFileSync(join(dir, `${name}.jsonl`), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as EnglishDoc);
}

/**
 * Within the fit split, the documents set aside to choose settings on (one in four, by a
 * second hash of the id): the model that is shipped is then fitted on the whole fit split.
 */
export function isDevDoc(id: string): boolean {
  let h = 0x811c9dc5;
  for (let k = 0; k < id.length; k++) h = Math.imul(h ^ id.charCodeAt(k), 0x01000193);
  return (h >>> 0) % 4 === 0;
}

const NAMES = new Set(['person', 'org', 'place']);

/** Names only: GUM types every name but labels dates and amounts as mentions with other edges. */
export const namesOf = (spans: readonly EntitySpan[]) => spans.filter((s) => NAMES.has(s.type));

/** Typed exact scores of a recogniser on documents. */
export function scoreEnglish(docs: readonly EnglishDoc[], english: EnglishModel | null, onDoc?: (doc: EnglishDoc, predicted: EntitySpan[]) => void): KlueScore {
  const score = emptyScore();
  for (const doc of docs) {
    const predicted = namesOf(recognizeEntities(doc.text, { lang: 'en', english }));
    scoreSentence(score, doc, predicted);
    onDoc?.(doc, predicted);
  }
  return score;
}

/** The committed English tagger file. */
export const ENGLISH_MODEL_FILE = join(ROOT, 'public/models/en-ner.bin.gz');

/** The committed English model (lexicon and tagger), read from disk (the extension fetches the same file). */
export function englishModelFromDisk(path = ENGLISH_MODEL_FILE): Promise<EnglishModel> {
  return loadEnglishModel(() => readFile(path));
}

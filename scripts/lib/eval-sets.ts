import { ENTITY_TYPES, isKoreanText, type EntitySpan, type EntityType } from '../../utils/entities';
import { recognizeArticle, rulesOnly, type ModelProvider } from '../../utils/entities/recognizer';
import { loadLabelFiles, pageText, scoreEntities, type LabelFile, type Score } from './entity-eval';
import { emptyScore, loadKlue, prf, scoreSentence, SCORED_TYPES, type Counts, type KlueScore, type KlueSentence, type SpanGold } from './klue';
import { traceKoreanRules } from './trace';

/**
 * The sets `npm run eval:entities` scores. A set is a name, an iterator of items (a text
 * and its gold labels) and a scorer; every item goes through the reader's entry point
 * (`recognizeArticle`) twice — with the models, and with the rules alone as the baseline of
 * the same run — and each scorer reports typed exact micro P/R/F1 per type for both. Add a
 * set (an English corpus, another Korean one) by adding an `EvalSet` to the runner's list.
 */

/** One text to recognise and what it should give. */
export interface EvalItem<Gold> {
  /** The text whose offsets the gold labels (and the predictions) use. */
  text: string;
  /** A headline read for context and not scored (labelled pages). */
  title?: string;
  lang?: string | null;
  gold: Gold;
  /** A name for the item in reports (a page's folder). */
  name?: string;
}

/** Accumulates predictions against gold and says the result per type. */
export interface Scorer<Gold, Acc> {
  start(): Acc;
  add(acc: Acc, item: EvalItem<Gold>, predicted: readonly EntitySpan[]): void;
  /** Typed exact counts per type ('all' is the micro sum). */
  counts(acc: Acc): Map<EntityType | 'all', Counts>;
  /** Lines about single items (a page's F1, its misses), printed under the table. */
  details?(acc: Acc, verbose: boolean): string[];
}

export interface EvalSet<Gold = unknown, Acc = unknown> {
  name: string;
  /** What the set is and whether it is dev (fitted or tuned on) or held out. */
  about: string;
  items(): Iterable<EvalItem<Gold>>;
  scorer: Scorer<Gold, Acc>;
  /** Targets on the reader's figures: typed micro F1 over all types or one type. */
  targets?: { type: EntityType | 'all'; f1: number }[];
}

export interface SetResult {
  set: EvalSet;
  items: number;
  reader: Map<EntityType | 'all', Counts>;
  rules: Map<EntityType | 'all', Counts>;
  details: string[];
  /** Each target with the figure reached. */
  targets: { type: EntityType | 'all'; f1: number; got: number; met: boolean }[];
}

/** Scores one set with the reader's models and with the rules alone. */
export async function runSet<G, A>(set: EvalSet<G, A>, models: ModelProvider, options: { verbose?: boolean } = {}): Promise<SetResult> {
  const reader = set.scorer.start();
  const rules = set.scorer.start();
  let items = 0;
  for (const item of set.items()) {
    items++;
    const opts = { title: item.title, lang: item.lang };
    set.scorer.add(reader, item, await recognizeArticle(item.text, { ...opts, models }));
    set.scorer.add(rules, item, await recognizeArticle(item.text, { ...opts, models: rulesOnly }));
  }
  const readerCounts = set.scorer.counts(reader);
  return {
    set: set,
    items,
    reader: readerCounts,
    rules: set.scorer.counts(rules),
    details: set.scorer.details?.(reader, !!options.verbose) ?? [],
    targets: (set.targets ?? []).map((t) => {
      const got = prf(readerCounts.get(t.type) ?? { tp: 0, fp: 0, fn: 0 }).f1;
      return { ...t, got, met: got >= t.f1 };
    }),
  };
}

const pct = (n: number) => (n * 100).toFixed(1).padStart(5);

/** A set's result as a table: one row per type, the reader's figures beside the baseline's. */
export function formatResult(result: SetResult): string {
  const lines = [
    `${result.set.name} (${result.items} items) — ${result.set.about}`,
    `  ${'type'.padEnd(8)} ${'reader (models + rules)'.padEnd(26)} │ ${'rules only (baseline)'.padEnd(26)} │ gold`,
  ];
  for (const type of ['all' as const, ...SCORED_TYPES, ...ENTITY_TYPES.filter((t) => !SCORED_TYPES.includes(t))]) {
    const r = result.reader.get(type);
    const b = result.rules.get(type);
    if (!r || !b) continue;
    if (type !== 'all' && r.tp + r.fp + r.fn + b.fp === 0) continue;
    const cell = (c: Counts) => {
      const { p, r: rec, f1 } = prf(c);
      return `P ${pct(p)} R ${pct(rec)} F1 ${pct(f1)}`;
    };
    lines.push(`  ${type.padEnd(8)} ${cell(r).padEnd(26)} │ ${cell(b).padEnd(26)} │ ${r.tp + r.fn}`);
  }
  for (const t of result.targets) lines.push(`  target ${t.type} F1 ≥ ${t.f1}: ${pct(t.got).trim()} ${t.met ? 'met' : 'NOT MET'}`);
  lines.push(...result.details.map((d) => `  ${d}`));
  return lines.join('\n');
}

// --- KLUE-NER: sentences with offsets, scored span by span -------------------------------

/**
 * Typed exact (and overlap) matching of spans with offsets, neutral spans neither right nor
 * wrong: KLUE's scorer, for any corpus with offset gold (an English held-out split).
 */
export const spanScorer: Scorer<SpanGold, KlueScore> = {
  start: emptyScore,
  add: (acc, item, predicted) => scoreSentence(acc, item.gold, predicted),
  counts: (acc) => acc.exact,
};

/** KLUE-NER's `test` split (held out), all sentences and the news ones. */
export function klueSets(shared: string): EvalSet[] {
  const test = loadKlue(shared).filter((s) => s.split === 'test');
  const items = (pick: (s: KlueSentence) => boolean) => () => test.filter(pick).map((s) => ({ text: s.text, lang: 'ko', gold: s }));
  const about = 'held out: never fitted, tuned or read for errors';
  return [
    {
      name: 'KLUE-NER test, all',
      about,
      items: items(() => true),
      scorer: spanScorer,
      targets: [
        { type: 'all', f1: 0.78 },
        { type: 'person', f1: 0.82 },
      ],
    },
    { name: 'KLUE-NER test, news', about, items: items((s) => s.genre === 'wikitree'), scorer: spanScorer, targets: [{ type: 'all', f1: 0.8 }] },
  ] as EvalSet[];
}

// --- Labelled pages: unique names per page, typed ----------------------------------------

interface PageAcc {
  counts: Map<EntityType | 'all', Counts>;
  pages: { name: string; score: Score; untyped: Score }[];
}

/**
 * A held-out set's pages print their figures, never their misses and false positives: reading a
 * held-out page's errors would make it a page tuned on.
 */
function pageScorer(target: number, heldOut: boolean): Scorer<LabelFile, PageAcc> {
  return {
    start: () => ({ counts: new Map(), pages: [] }),
    add(acc, item, predicted) {
      const typed = scoreEntities(item.gold, predicted, true);
      const untyped = scoreEntities(item.gold, predicted, false);
      acc.pages.push({ name: item.name ?? item.gold.name, score: typed, untyped });
      for (const [type, c] of [...typed.byType, ['all', sum(typed.byType)] as const]) {
        const into = acc.counts.get(type) ?? acc.counts.set(type, { tp: 0, fp: 0, fn: 0 }).get(type)!;
        into.tp += c.tp;
        into.fp += c.fp;
        into.fn += c.fn;
      }
    },
    counts: (acc) => acc.counts,
    details: (acc, verbose) =>
      acc.pages.flatMap(({ name, score, untyped }) => {
        const ok = score.f1 >= target;
        const lines = [
          `${name.padEnd(34)} typed P ${pct(score.precision)} R ${pct(score.recall)} F1 ${pct(score.f1)} │ untyped F1 ${pct(untyped.f1)} │ page target ${target} ${ok ? 'met' : 'NOT MET'}`,
        ];
        if (!heldOut && (verbose || !ok)) {
          if (score.missed.length) lines.push(`    missed: ${score.missed.join(', ')}`);
          if (score.falsePositives.length) lines.push(`    false positives: ${score.falsePositives.join(', ')}`);
        }
        return lines;
      }),
  };
}

function sum(m: Map<EntityType, Counts>): Counts {
  const out = { tp: 0, fp: 0, fn: 0 };
  for (const c of m.values()) {
    out.tp += c.tp;
    out.fp += c.fp;
    out.fn += c.fn;
  }
  return out;
}

/** Whether a page's scorer met its per-page target on every page (the exit code). */
export const pagesMet = (result: SetResult) => !result.details.some((d) => d.includes('NOT MET'));

/**
 * Labelled pages as the reader shows them: the article extracted from the saved page by
 * Margin's pipeline, the headline as context, the body's names scored. Korean and English
 * pages are separate sets.
 */
export function pageSets(root: string, folders: { name: string; dir: string; about: string; target: number; heldOut?: boolean; only?: string }[]): EvalSet[] {
  const sets: EvalSet[] = [];
  for (const folder of folders) {
    const files = loadLabelFiles(root, [folder.dir]).filter((f) => !folder.only || f.name.includes(folder.only));
    const pages = files.map((file) => {
      const page = pageText(file);
      const text = `${page.title}\n${page.text}`;
      if (isKoreanText(text, page.lang)) traceKoreanRules(file.name, text);
      return { file, page, korean: isKoreanText(text, page.lang) };
    });
    for (const [lang, korean] of [
      ['Korean', true],
      ['English', false],
    ] as const) {
      const mine = pages.filter((p) => p.korean === korean);
      if (!mine.length) continue;
      sets.push({
        name: `${folder.name}, ${lang}`,
        about: folder.about,
        items: () => mine.map(({ file, page }) => ({ text: page.text, title: page.title, lang: page.lang, gold: file, name: file.name })),
        scorer: pageScorer(folder.target, !!folder.heldOut),
        targets: [{ type: 'all', f1: folder.target }],
      });
    }
  }
  return sets;
}

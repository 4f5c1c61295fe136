import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { describeTextQuote as selectorsAt } from '../../utils/anchoring';
import type { ArticleRecord } from '../../utils/article';
import type { HighlightRecord } from '../../utils/db/schema';
import { importData, readData } from '../../utils/export/transfer';
import { ImportError, parseImport, type ParsedImport } from '../../utils/export/import';
import { marginJson } from '../../utils/export/jsonld';
import { importErrorText } from '../../utils/export/messages';
import type { MarginData } from '../../utils/export/model';
import { freshDb } from '../support/db';
import { FIDELITY_CASES, HYPOTHESIS_BUTTON_EXPORT, HYPOTHESIS_PDF, W3C_CASES } from '../fixtures/import-cases';
import { CORRECT, DEFECT_ALONE, INCORRECT, type SampleOutcome } from '../fixtures/peers/w3c-samples';
import { normalizeUrl } from '../../utils/url';

/**
 * Margin against the W3C Web Annotation test suite (w3c/web-annotation-tests, vendored in
 * tests/fixtures/peers/w3c/ with its licence): the JSON-LD export checked by the suite's own
 * JSON schemas (every MUST of annotationMusts, collectionMusts and pageMusts), and every
 * sample of the suite imported, with the outcome of each recorded in w3c-samples.ts.
 */

const SUITE = join(__dirname, '../fixtures/peers/w3c');
const NOW = Date.parse('2026-03-01T00:00:00Z');
// Parsed JSON, read freely by the tests.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = any;

const read = (path: string) => readFileSync(join(SUITE, path), 'utf8');
const sampleFiles = (dir: 'correct' | 'incorrect') => readdirSync(join(SUITE, 'samples', dir)).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));

// --- The suite's schemas ------------------------------------------------------------------------

/** The suite's definitions are draft-04 (`id`, not `$id`): ajv-draft-04, with ajv-formats for `uri` and `date-time`. */
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
for (const file of readdirSync(join(SUITE, 'definitions'))) ajv.addSchema(JSON.parse(read(`definitions/${file}`)));

/** A `.test` file of the suite: its assertions, each a schema the document must satisfy (all are "must", expected "valid"). */
function suite(testFile: string) {
  const assertions: string[] = JSON.parse(read(testFile)).assertions;
  return assertions.map((path) => {
    const schema = JSON.parse(read(path));
    expect(schema).toMatchObject({ assertionType: 'must', expectedResult: 'valid' });
    return { path, message: schema.errorMessage as string, validate: ajv.compile(schema) };
  });
}
const ANNOTATION_MUSTS = suite('annotations/annotationMusts.test');
const COLLECTION_MUSTS = suite('collections/collectionMusts.test');
const PAGE_MUSTS = suite('collections/pages/pageMusts.test');

/** The MUSTs a document fails, by the suite's error messages (none: it conforms). */
const failures = (musts: typeof ANNOTATION_MUSTS, doc: unknown) => musts.filter((m) => !m.validate(doc)).map((m) => `${m.path}: ${m.message}`);

/** A collection against the collection and page MUSTs, and each of its annotations, standalone with the collection's @context, against the annotation MUSTs. */
function collectionFailures(doc: Doc): string[] {
  return [
    ...failures(COLLECTION_MUSTS, doc),
    ...failures(PAGE_MUSTS, doc),
    ...(doc.first.items as Doc[]).flatMap((item, i) => failures(ANNOTATION_MUSTS, { '@context': doc['@context'], ...item }).map((f) => `item ${i}: ${f}`)),
  ];
}

describe('the suite’s schemas compile and tell its samples apart', () => {
  it('compiles every MUST (54 for an annotation, 10 for a collection, 15 for a page)', () => {
    expect([ANNOTATION_MUSTS.length, COLLECTION_MUSTS.length, PAGE_MUSTS.length]).toEqual([54, 10, 15]);
  });

  // The sets of targets (Composite, List, Independents) were dropped from the model at CR3; the samples kept them.
  const PRE_CR3 = ['anno11.json', 'anno12.json', 'anno13.json'];
  it.each(sampleFiles('correct').filter((f) => JSON.parse(read(`samples/correct/${f}`)).type === 'Annotation'))(
    'correct %s meets every annotation MUST',
    (file) => {
      const fails = failures(ANNOTATION_MUSTS, JSON.parse(read(`samples/correct/${file}`)));
      if (PRE_CR3.includes(file)) expect(fails).toEqual([expect.stringMatching(/^annotations\/3\.2-targetObjectsRecognized\.json/)]);
      else expect(fails).toEqual([]);
    },
  );

  it.each(sampleFiles('incorrect'))('incorrect %s is refused by the schemas or is not JSON', (file) => {
    let doc: unknown;
    try {
      doc = JSON.parse(read(`samples/incorrect/${file}`));
    } catch {
      return;
    }
    expect(failures(ANNOTATION_MUSTS, doc).length).toBeGreaterThan(0);
  });
});

// --- (a) Margin's JSON-LD export against them --------------------------------------------------

const TEXT = '첫 문장이에요. 🙂 Then the second one, with the quote in it, and 𝕏 after it.';

function article(over: Partial<ArticleRecord> = {}): ArticleRecord {
  return {
    id: 'a1',
    url: normalizeUrl('https://news.example/story'),
    title: 'Title',
    byline: null,
    siteName: null,
    lang: 'ko',
    publishedTime: null,
    excerpt: null,
    contentHtml: `<p>${TEXT}</p>`,
    textContent: TEXT,
    savedAt: 1_700_000_000_000,
    updatedAt: 1_700_000_000_000,
    ...over,
  };
}

function highlight(n: number, over: Partial<HighlightRecord> = {}): HighlightRecord {
  const start = TEXT.indexOf('the quote');
  const selectors = selectorsAt(TEXT, start, start + 9);
  return {
    id: `00000000-0000-4000-8000-00000000000${n}`,
    articleId: 'a1',
    url: normalizeUrl('https://news.example/story'),
    selectors,
    quote: selectors.quote.exact,
    color: 'yellow',
    note: '',
    tags: [],
    entities: [],
    createdAt: 1_700_000_001_000,
    updatedAt: 1_700_000_001_000,
    orphaned: false,
    ...over,
  };
}

const parse = (input: unknown) => parseImport(typeof input === 'string' ? input : JSON.stringify(input), NOW);

/** What a sample imports, whether or not anything in it can be placed (a file of nothing but skips is refused with its report). */
function outcomeOf(text: string): { data?: ParsedImport; error?: ImportError } {
  try {
    return { data: parseImport(text, NOW) };
  } catch (error) {
    if (!(error instanceof ImportError)) throw error;
    return { error };
  }
}

const importable = sampleFiles('correct').filter((f) => outcomeOf(read(`samples/correct/${f}`)).data);

describe('Margin’s JSON-LD export meets every MUST of the suite (ajv-draft-04)', () => {
  const own: MarginData = {
    articles: [article(), article({ id: 'a2', url: normalizeUrl('https://news.example/other'), textContent: '', contentHtml: '' })],
    annotations: [
      highlight(1, { note: '메모, with "quotes"\nand lines', tags: ['C++', 'AI/ML', '#해시'] }),
      highlight(2, { selectors: { quote: highlight(2).selectors.quote }, color: 'pink' }),
      highlight(3, { articleId: 'a2', url: normalizeUrl('https://news.example/other'), orphaned: true, updatedAt: 1_700_000_009_000 }),
    ],
    corrections: [{ id: 'c1', text: '한빛일보', action: 'set', type: 'org', createdAt: 1, updatedAt: 2 }],
  };

  it.each<[string, MarginData]>([
    ['the reader’s own highlights (notes, tags, no position, an orphan)', own],
    ['nothing at all', { articles: [], annotations: [], corrections: [] }],
    ['a Hypothesis button export, imported', parse(HYPOTHESIS_BUTTON_EXPORT)],
    ['a Hypothesis annotation on a PDF (its PageSelector), imported', parse(HYPOTHESIS_PDF)],
    ['the W3C shapes of issue 11, imported', parse(W3C_CASES.map((c) => c.annotation))],
    ['the unusual documents of issue 23, imported', parse(FIDELITY_CASES.map((c) => c.annotation))],
    ...importable.map((f): [string, MarginData] => [`the suite’s ${f}, imported`, parse(read(`samples/correct/${f}`))]),
  ])('%s: the collection, its page and each annotation', (_, data) => {
    const doc = JSON.parse(marginJson(data, NOW));
    expect(collectionFailures(doc)).toEqual([]);
    expect(doc.first.items).toHaveLength(data.annotations.length);
  });

  it('names the collection its page is part of as an object, as the suite’s schema wants', () => {
    const doc = JSON.parse(marginJson(own, NOW));
    expect(doc.first.partOf).toEqual({ id: doc.id });
  });

  it('keeps a PDF page out of the W3C selector list: a FragmentSelector (RFC 3778) there, the PageSelector in Margin’s namespace', () => {
    const [item] = JSON.parse(marginJson(parse(HYPOTHESIS_PDF), NOW)).first.items;
    expect(item.target.selector.map((s: { type: string }) => s.type)).not.toContain('PageSelector');
    expect(item.target.selector).toContainEqual(
      expect.objectContaining({ type: 'FragmentSelector', conformsTo: 'http://tools.ietf.org/rfc/rfc3778', value: 'page=5' }),
    );
    expect(item.target['margin:selector']).toEqual([{ type: 'PageSelector', index: 4, label: 'v' }]);
  });

  it('and the schemas do catch what the model forbids in Margin’s own output', () => {
    const doc = JSON.parse(marginJson(own, NOW));
    const broken = (mutate: (d: Doc) => void) => {
      const copy = structuredClone(doc);
      mutate(copy);
      return collectionFailures(copy);
    };
    expect(broken((d) => delete d.first.id)).not.toEqual([]);
    expect(broken((d) => delete d.id)).not.toEqual([]);
    expect(broken((d) => delete d.first.items[0].target.selector[0].exact)).toContainEqual(expect.stringMatching(/^item 0: .*textQuoteSelectorValid/));
    expect(broken((d) => (d.first.items[0].created = 'yesterday'))).toEqual([expect.stringMatching(/^item 0: .*annotationCreatedValidated/)]);
    expect(broken((d) => (d.first.items[0].body[0].value = ['two', 'values']))).not.toEqual([]);
  });
});

// --- (b) and (c) every sample through Margin's import ----------------------------------------------

function check(file: string, text: string, want: SampleOutcome) {
  const { data, error } = outcomeOf(text);
  if ('refused' in want) {
    expect(error, `${file} should be refused`).toBeDefined();
    expect(error!.code).toBe(want.refused);
    expect(error!.message).toMatch(want.message);
    return { error: error! };
  }
  if ('imported' in want) {
    expect(error, `${file}: ${error?.message}`).toBeUndefined();
    expect(data!.annotations).toHaveLength(want.imported);
    expect(data!.skipped.byReason).toEqual(want.skipped ?? {});
    return { data: data! };
  }
  // Nothing placeable: refused as a whole, with the report of every item.
  expect(error?.code, `${file}: ${error?.message ?? 'imported'}`).toBe('nothing-importable');
  expect(error!.skipped?.byReason).toEqual(want.skipped);
  return { error: error! };
}

/** Refusals and skips are said in both languages, Korean in 해요체. */
function saysWhy(error: ImportError) {
  expect(importErrorText(error, 'en')).toMatch(/[a-z]{3}/);
  expect(importErrorText(error, 'ko')).toMatch(/[가-힣].*요\.?$/);
}

describe('every correct sample is imported, or skipped with its reason', () => {
  it('the table covers exactly the suite’s files', () => {
    expect(Object.keys(CORRECT).sort()).toEqual(sampleFiles('correct').sort());
  });

  it.each(sampleFiles('correct'))('%s', (file) => {
    const { error } = check(file, read(`samples/correct/${file}`), CORRECT[file]!);
    if (error) saysWhy(error);
  });

  it('keeps what Margin uses and what it does not: anno26', () => {
    const [a] = parse(read('samples/correct/anno26.json')).annotations;
    expect(a).toMatchObject({
      url: 'http://example.org/page1',
      quote: 'anotation',
      note: '',
      tags: [],
      selectors: { quote: { exact: 'anotation', prefix: 'this is an ', suffix: ' that has some' } },
      imported: { id: 'http://example.org/anno26', body: 'http://example.org/comment1', undated: true },
    });
    expect(a!.selectors.position).toBeUndefined();
  });

  it('anno32: the quote from inside refinedBy, the FragmentSelector kept as written', () => {
    const [a] = parse(read('samples/correct/anno32.json')).annotations;
    expect(a).toMatchObject({ quote: 'Selected Text', selectors: { quote: { prefix: 'text before the ', suffix: ' and text after it' } } });
    expect(a!.imported?.selectors).toEqual([JSON.parse(read('samples/correct/anno32.json')).target.selector]);
  });

  it('collection1: the two quotes imported, the other 39 reported by position', () => {
    const data = parse(read('samples/correct/collection1.json'));
    expect(data.annotations.map((a) => a.imported?.id)).toEqual(['http://example.org/anno26', 'http://example.org/anno32']);
    expect(data.skipped.count).toBe(39);
    expect(data.skipped.first).toEqual([1, 2, 3, 4, 5].map((position) => ({ position, reason: position === 4 ? 'not-text' : 'no-quote' })));
  });

  it('counts', () => {
    const counts = { imported: 0, skipped: 0, refused: 0 };
    for (const file of sampleFiles('correct')) {
      const { data, error } = outcomeOf(read(`samples/correct/${file}`));
      counts[data ? 'imported' : error?.code === 'nothing-importable' ? 'skipped' : 'refused']++;
    }
    // 45 files: 2 annotations and the collection imported, 41 skipped with their reason, 1 collection whose pages are not in the file.
    expect(counts).toEqual({ imported: 3, skipped: 41, refused: 1 });
  });
});

describe('every incorrect sample is refused or skipped, saying why', () => {
  it('the table covers exactly the suite’s files', () => {
    expect(Object.keys(INCORRECT).sort()).toEqual(sampleFiles('incorrect').sort());
  });

  it.each(sampleFiles('incorrect'))('%s', (file) => {
    const { error } = check(file, read(`samples/incorrect/${file}`), INCORRECT[file]!);
    saysWhy(error!);
  });

  it('counts: 35 refused, 4 with nothing placeable, none imported', () => {
    const codes = sampleFiles('incorrect').map((f) => outcomeOf(read(`samples/incorrect/${f}`)).error?.code ?? 'imported');
    const tally = Object.fromEntries([...new Set(codes)].map((c) => [c, codes.filter((x) => x === c).length]));
    expect(tally).toEqual({ 'not-json': 17, 'wrong-kind': 3, invalid: 15, 'nothing-importable': 4 });
  });
});

/** An incorrect sample with only the defect its label names (see DEFECT_ALONE); null when the whole file is the defect. */
function defectAlone(file: string): Doc {
  let doc: Doc;
  try {
    doc = JSON.parse(read(`samples/incorrect/${file}`).replace(/,(\s*[}\]])/g, '$1'));
  } catch {
    return null;
  }
  if (!doc?.label) return null;
  if (Array.isArray(doc.id) && doc.label !== 'multiple identifiers') doc.id = doc.id[0];
  const quote = { type: 'TextQuoteSelector', exact: 'the quoted words' };
  if (!/target|specific resource|fragment selector/i.test(doc.label)) doc.target = { source: 'http://example.org/page1', selector: quote };
  else if (doc.target && typeof doc.target === 'object') {
    const t = doc.target;
    doc.target = {
      ...t,
      ...(/no source/.test(doc.label) ? {} : { source: 'http://example.org/page1' }),
      selector: t.selector ? { ...t.selector, refinedBy: quote } : quote,
    };
  }
  return doc;
}

describe('each incorrect sample with only its labelled defect', () => {
  const files = sampleFiles('incorrect').filter((f) => defectAlone(f));

  it('the table covers every sample that has a labelled defect (all but “not json” and “{ }”)', () => {
    expect(Object.keys(DEFECT_ALONE).sort()).toEqual(files.sort());
    expect(sampleFiles('incorrect').filter((f) => !defectAlone(f))).toEqual(['anno1.json', 'anno2.json']);
  });

  it.each(files)('%s', (file) => {
    const doc = defectAlone(file);
    const want = DEFECT_ALONE[file]!;
    const { data, error } = outcomeOf(JSON.stringify(doc));
    if ('refused' in want) {
      expect(error?.message, `${doc.label}: ${data ? 'imported' : ''}`).toMatch(want.refused);
      saysWhy(error!);
    } else {
      expect(error, `${doc.label}: ${error?.message}`).toBeUndefined();
      expect(data!.annotations).toHaveLength(1);
      // Tolerated, but what Margin exports of it still meets every MUST.
      expect(collectionFailures(JSON.parse(marginJson(data!, NOW)))).toEqual([]);
    }
  });

  it('counts: 32 refused for their defect, 5 tolerated', () => {
    const refused = files.filter((f) => outcomeOf(JSON.stringify(defectAlone(f))).error).length;
    expect([refused, files.length - refused]).toEqual([32, 5]);
  });
});

// --- (d) Round trips ---------------------------------------------------------------------------

/** JSON-LD values: one value and a list of one say the same. */
const asList = (x: unknown) => (Array.isArray(x) ? x : [x]);

/**
 * Every property the file gave its annotation is in Margin's export with the same value, except
 * `@context` (the document's) and `id` (Margin's own UUID; the file's id goes out as `via`); dates
 * are the same instant (Margin writes milliseconds); a `bodyValue` goes out as written; in a target, each selector the file gave is among the exported ones.
 */
function keepsWhatTheFileSaid(original: Doc, exported: Doc) {
  for (const [key, value] of Object.entries(original)) {
    if (key === '@context') continue;
    if (key === 'id') expect(exported.via, 'id → via').toBe(value);
    else if (key === 'target') {
      const [mine, ...others] = asList(exported.target);
      const [theirs, ...theirOthers] = asList(value);
      expect(others).toEqual(theirOthers);
      if (typeof theirs === 'string') expect(mine.source).toBe(theirs);
      else {
        const { selector, ...rest } = theirs;
        expect(mine).toMatchObject(rest);
        for (const s of asList(selector)) expect(asList(mine.selector)).toContainEqual(s);
      }
    } else if (key === 'created' || key === 'modified') expect(Date.parse(exported[key]), key).toBe(Date.parse(value as string));
    else if (key === 'bodyValue') expect(exported.bodyValue, 'bodyValue, as written').toBe(value);
    else expect(exported[key], key).toEqual(value);
  }
}

async function throughTheLibrary(data: MarginData): Promise<Doc> {
  const db = freshDb();
  await importData(db, data, { now: NOW });
  return JSON.parse(marginJson(await readData(db), NOW));
}

describe('round trips', () => {
  it.each(importable)('the suite’s %s → import → export keeps what the file said', async (file) => {
    const original = JSON.parse(read(`samples/correct/${file}`));
    const items: Doc[] = original.type === 'Annotation' ? [original] : original.first.items;
    const exported = await throughTheLibrary(parse(original));
    const byVia = new Map<string, Doc>((exported.first.items as Doc[]).map((x) => [x.via, x]));
    const kept = items.filter((item) => byVia.has(item.id));
    expect(kept).toHaveLength(exported.first.items.length);
    for (const item of kept) keepsWhatTheFileSaid(item, byVia.get(item.id));
  });

  const RICH = {
    '@context': 'http://www.w3.org/ns/anno.jsonld',
    id: 'http://example.org/rich',
    type: 'Annotation',
    motivation: 'commenting',
    creator: { id: 'http://example.org/user1', type: 'Person', name: 'A. Person' },
    generator: { id: 'http://example.org/client1', type: 'Software', name: 'Code v2.1' },
    generated: '2015-10-14T15:13:28Z',
    created: '2015-10-13T13:00:00Z',
    rights: 'https://creativecommons.org/publicdomain/zero/1.0/',
    canonical: 'urn:uuid:dbfb1861-0ecf-41ad-be94-a584e5c4f1df',
    audience: { id: 'http://example.edu/roles/teacher', type: 'schema:EducationalAudience' },
    stylesheet: { type: 'CssStylesheet', value: '.red { color: red }' },
    bodyValue: 'A comment',
    target: {
      type: 'SpecificResource',
      source: 'http://example.org/page1',
      styleClass: 'red',
      state: { type: 'TimeState', cached: 'http://archive.example.org/copy1', sourceDate: '2015-07-20T13:30:00Z' },
      scope: 'http://example.org/site',
      selector: [
        { type: 'TextQuoteSelector', exact: 'anotation', prefix: 'this is an ', suffix: ' that has some' },
        { type: 'CssSelector', value: '#elemid > .elemclass + p' },
      ],
    },
  };

  it('an annotation with every property the samples use on a quote → import → export keeps them all, and meets every MUST', async () => {
    const exported = await throughTheLibrary(parse(RICH));
    const [item] = exported.first.items;
    keepsWhatTheFileSaid(RICH, item);
    expect(collectionFailures(exported)).toEqual([]);
    // And again: the second export says the same as the first.
    const again = await throughTheLibrary(parse(exported));
    expect(again.first.items).toEqual(exported.first.items);
  });

  it('a quote inside one item of a Choice of targets: anchored there, the targets given back as written', async () => {
    const target = {
      type: 'Choice',
      items: [
        { source: 'http://example.org/paper.pdf', selector: { type: 'FragmentSelector', value: 'page=3' } },
        { source: 'http://example.org/paper.html', selector: { type: 'TextQuoteSelector', exact: 'in the HTML' } },
      ],
    };
    const data = parse({ type: 'Annotation', id: 'http://example.org/choice', target });
    expect(data.annotations[0]).toMatchObject({ url: 'http://example.org/paper.html', quote: 'in the HTML' });
    const exported = await throughTheLibrary(data);
    expect(exported.first.items[0].target).toEqual(target);
    expect(parse(exported).annotations[0]).toMatchObject({ url: 'http://example.org/paper.html', quote: 'in the HTML' });
  });

  it('Margin JSON → import → export gives the same document, the suite’s imports included', async () => {
    const db = freshDb();
    const own = { articles: [article()], annotations: [highlight(1, { note: 'n', tags: ['t'] }), highlight(2)], corrections: [] };
    await importData(db, own, { now: NOW });
    for (const f of importable) await importData(db, parse(read(`samples/correct/${f}`)), { now: NOW });
    await importData(db, parse(RICH), { now: NOW });
    const once = marginJson(await readData(db), NOW);
    const twice = marginJson(await readData(await restored(once)), NOW);
    const strip = (doc: Doc) => ({ ...doc, id: undefined, first: { ...doc.first, id: undefined, partOf: undefined } });
    expect(strip(JSON.parse(twice))).toEqual(strip(JSON.parse(once)));
  });
});

async function restored(file: string) {
  const db = freshDb();
  await importData(db, parseImport(file, NOW), { now: NOW });
  return db;
}

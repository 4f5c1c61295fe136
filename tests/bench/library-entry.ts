// Bundled into a page of headless Chromium (real IndexedDB) by tests/bench/library.ts.
import { describeTextQuote } from '../../utils/anchoring';
import Dexie, { type Table } from 'dexie';
import type { ArticleRecord } from '../../utils/article';
import { splitArticle } from '../../utils/db/articles';
import { listArticles, search, type LibraryQuery } from '../../utils/db/library';
import { listEntities, readEntityPage, type EntityQuery } from '../../utils/db/entities';
import { newHighlightRecord } from '../../utils/db/highlights';
import { HIGHLIGHT_COLORS, MarginDB } from '../../utils/db/schema';
import { importData, readData } from '../../utils/export/transfer';
import { drainIndex } from '../../utils/db/index-queue';
import { marginJson } from '../../utils/export/jsonld';
import type { MarginData } from '../../utils/export/model';
import { normalizeUrl } from '../../utils/url';

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const TAGS = ['경제', '정치', 'AI', '반도체', '예산', 'climate', 'transport', '영화', 'markets', '외교', '부동산', 'policy'];

/** Articles and highlights made from real sentences (Korean fixtures and English corpus text). */
export function generate(sentences: string[], articles: number, annotations: number, withEntities = false): MarginData {
  const random = rng(7);
  // Made-up names (no real ones): a few are in many articles, most in a few (Zipf-like), as in news.
  const KINDS = ['person', 'org', 'place', 'person', 'org', 'date', 'money'] as const;
  const pool = Array.from({ length: 4000 }, (_, n) => ({ text: n % 2 ? `인물${n}` : `Name ${n}`, type: KINDS[n % KINDS.length]! }));
  const someName = () => pool[Math.floor(pool.length * random() ** 3)]!;
  const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)]!; // every list here is non-empty
  const out: MarginData = { articles: [], annotations: [], corrections: [] };
  const start = Date.UTC(2024, 0, 1);
  for (let i = 0; i < articles; i++) {
    const body = Array.from({ length: 12 }, () => pick(sentences)).join('\n');
    const id = crypto.randomUUID();
    const a: ArticleRecord = {
      id,
      url: normalizeUrl(`https://news.example/${i}`),
      title: `${pick(sentences).slice(0, 40)} ${i}`,
      byline: null,
      siteName: pick(['한빛일보', '누리경제신문', 'The Northgate Courier', '문화누리신문', 'Calder Bay Gazette']),
      lang: 'ko',
      publishedTime: new Date(start + i * 3_600_000).toISOString(),
      excerpt: null,
      contentHtml: body
        .split('\n')
        .map((p) => `<p>${p}</p>`)
        .join(''),
      textContent: body,
      savedAt: start + i * 3_600_000,
      updatedAt: start + i * 3_600_000,
    };
    if (withEntities) {
      const names = new Map<string, { text: string; type: (typeof KINDS)[number]; count: number }>();
      for (let k = 0; k < 18; k++) {
        const n = someName();
        const seen = names.get(n.text);
        if (seen) seen.count++;
        else names.set(n.text, { ...n, count: 1 + Math.floor(random() * 4) });
      }
      out.articles.push({ ...a, entities: [...names.values()] });
    } else out.articles.push(a);
  }
  for (let k = 0; k < annotations; k++) {
    const a = out.articles[k % articles]!;
    const from = Math.floor(random() * (a.textContent.length - 60));
    const to = from + 20 + Math.floor(random() * 40);
    const time = a.savedAt + k;
    out.annotations.push(
      newHighlightRecord({
        id: crypto.randomUUID(),
        articleId: a.id,
        url: a.url,
        selectors: describeTextQuote(a.textContent, from, to),
        color: pick([...HIGHLIGHT_COLORS]),
        note: random() < 0.4 ? pick(sentences) : '',
        tags: random() < 0.5 ? [pick(TAGS)] : [],
        createdAt: time,
        // A third of the highlights name one or two of their article's entities.
        entities: withEntities && random() < 0.35 ? (a.entities ?? []).slice(0, 1 + Math.floor(random() * 2)).map(({ text, type }) => ({ text, type })) : [],
      }),
    );
  }
  return out;
}

/**
 * The import's floor, measured in the same page: the same records written with bulkAdd in one
 * transaction to tables with the same keys and indexes, with no search or entity index, no
 * facets, no outbox and no matching against what is there.
 */
async function rawWrite(db: MarginDB, data: MarginData): Promise<number> {
  const schemaOf = (t: Table) => [t.schema.primKey.src, ...t.schema.indexes.map((i) => i.src)].join(',');
  await Dexie.delete('bench-raw');
  const raw = new Dexie('bench-raw');
  raw.version(1).stores({ articles: schemaOf(db.articles), bodies: schemaOf(db.bodies), annotations: schemaOf(db.annotations) });
  await raw.open();
  const t = performance.now();
  await raw.transaction('rw', ['articles', 'bodies', 'annotations'], async () => {
    const split = data.articles.map((a) => splitArticle(a as ArticleRecord));
    await raw.table('articles').bulkAdd(split.map((a) => a.row));
    await raw.table('bodies').bulkAdd(split.map((a) => a.body));
    await raw.table('annotations').bulkAdd(data.annotations);
  });
  const ms = performance.now() - t;
  raw.close();
  await Dexie.delete('bench-raw');
  return ms;
}

const api = {
  db: null as MarginDB | null,
  async seed(sentences: string[], articles: number, annotations: number) {
    await new MarginDB('bench').delete();
    api.db = new MarginDB('bench');
    const data = generate(sentences, articles, annotations, true);
    const t = performance.now();
    await importData(api.db, data);
    const importMs = performance.now() - t;
    // What the import left to the index queue (utils/db/index-queue.ts), derived as the library does after it.
    const d = performance.now();
    await drainIndex(api.db);
    const indexMs = performance.now() - d;
    return { importMs, indexMs, rawMs: await rawWrite(api.db, data), annotations: data.annotations.length, articles: data.articles.length };
  },
  /** Open the database a kept profile seeded before (tests/bench/explorer.ts): what it holds. */
  async open() {
    api.db = new MarginDB('bench');
    const [articles, annotations] = await Promise.all([api.db.articles.count(), api.db.annotations.count()]);
    return { importMs: 0, indexMs: 0, articles, annotations };
  },
  async search(query: string) {
    const t = performance.now();
    const hits = await search(api.db!, query);
    return { ms: performance.now() - t, hits: hits.length };
  },
  /** One page of the library list (the first 30 articles of a filter). */
  async list(filter: Partial<LibraryQuery>) {
    const t = performance.now();
    const page = await listArticles(api.db!, { sort: 'saved', offset: 0, limit: 30, ...filter });
    return { ms: performance.now() - t, total: page.total };
  },
  /** The keys of entities to open pages of: the most mentioned, some in the middle, and rare ones. */
  async entityKeys() {
    const rows = await api.db!.entities.orderBy('rank').toArray();
    const at = (f: number) => rows[Math.min(rows.length - 1, Math.floor(rows.length * f))]!.key;
    return { count: rows.length, keys: [0, 0.001, 0.01, 0.05, 0.1, 0.3, 0.6, 0.9, 0.99].map(at) };
  },
  /** Open an entity's page (everything it shows, read from the index). */
  async entityPage(key: string) {
    const t = performance.now();
    const page = await readEntityPage(api.db!, key);
    return { ms: performance.now() - t, articles: page?.articles.length ?? 0, highlights: page?.highlights.length ?? 0 };
  },
  /** The library's Entities view: its first 101 rows (a page, and whether there are more). */
  async entitiesView(q: Partial<EntityQuery>) {
    const t = performance.now();
    const rows = await listEntities(api.db!, { sort: 'articles', limit: 101, ...q });
    return { ms: performance.now() - t, rows: rows.length };
  },
  /** Export of everything (read + JSON-LD) against reading the tables raw and stringifying them. */
  async exportAll() {
    const db = api.db!;
    let t = performance.now();
    const raw = JSON.stringify({
      articles: await db.articles.toArray(),
      bodies: await db.bodies.toArray(),
      annotations: await db.annotations.toArray(),
      corrections: await db.entityCorrections.toArray(),
    });
    const baselineMs = performance.now() - t;
    t = performance.now();
    const json = marginJson(await readData(db));
    const exportMs = performance.now() - t;
    return { baselineMs, exportMs, rawBytes: raw.length, exportBytes: json.length };
  },
};
/** What tests/bench/library.ts calls in the page. */
export type LibraryBenchApi = typeof api;
(window as unknown as { marginLibrary: typeof api }).marginLibrary = api;

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { describeTextQuote } from '../../utils/anchoring';
import { HIGHLIGHT_COLORS } from '../../utils/colors';
import { ArticleRepository } from '../../utils/db/articles';
import { HighlightRepository } from '../../utils/db/highlights';
import type { MarginDB } from '../../utils/db/schema';
import { restoreArticle, trashArticle } from '../../utils/db/trash';
import { SyncEngine } from '../../utils/sync/engine';
import { PouchDB, startCouch, type CouchServer } from '../support/couch';
import { freshDb } from '../support/db';
import { rng } from '../../scripts/lib/perceptron';
import { normalizeUrl } from '../../utils/url';

/*
 * Issue 21: a seeded soak of sync in Node, many seeds a run (the E2E soak in Chromium runs one).
 * Two devices against one real CouchDB-protocol server make random edits — notes, colours,
 * deletions, articles to the trash and back — and sync after each turn through a connection that
 * fails: requests refused before they are sent, and writes the server takes whose answer is lost
 * (as when it is stopped mid-round). Ids and clocks are seeded, so a failing seed replays.
 *
 * Notes are only appended to, each edit with a token never used before: a token found in no live
 * note and no trashed copy on either device, that the reader did not delete with its highlight,
 * was lost. This is the check that found a restored older copy replacing a newer note, a copy
 * restored elsewhere put over an unchanged note, and highlights left live without their article.
 */

/** Seeds a run (SOAK_SEEDS=200 for a longer soak by hand). */
const SEEDS = Number(process.env.SOAK_SEEDS ?? 24);
const ROUNDS = 12;
const TEXT =
  'The council met on Tuesday evening to vote on the harbour budget for next year. Members argued that the ferry subsidy had grown faster than the fares.';
const QUOTES = ['harbour budget', 'ferry subsidy', 'Tuesday evening', 'next year'];
const HEADING = /^— .* —$/;

let couch: CouchServer;
beforeAll(async () => {
  couch = await startCouch({ users: { reader: 'pw' }, databases: Array.from({ length: SEEDS }, (_, i) => `soak${i}`) });
});
afterAll(async () => {
  vi.restoreAllMocks();
  await couch.close();
});

type Fault = 'none' | 'refused' | 'answer-lost';

interface Device {
  name: 'A' | 'B';
  db: MarginDB;
  annotations: HighlightRepository;
  articles: ArticleRepository;
  fault: Fault;
  sync: () => ReturnType<SyncEngine['run']>;
}

async function soak(seed: number, database: string): Promise<{ lost: string[]; same: boolean; story: string[] }> {
  const rand = rng(seed);
  const ids = rng(seed * 7 + 1);
  vi.spyOn(crypto, 'randomUUID').mockImplementation(() => {
    const hex = (n: number) => Array.from({ length: n }, () => Math.floor(ids() * 16).toString(16)).join('');
    return `${hex(8)}-${hex(4)}-4${hex(3)}-8${hex(3)}-${hex(12)}`;
  });
  let now = 1_700_000_000_000;
  const clock = () => (now += 1 + Math.floor(rand() * 3));
  const device = (name: Device['name']): Device => {
    const db = freshDb();
    const remoteName = `${couch.url}/${database}`;
    const d: Device = {
      name,
      db,
      fault: 'none',
      annotations: new HighlightRepository(db, clock),
      articles: new ArticleRepository(db, clock),
      sync: () =>
        new SyncEngine(db, {
          remote: () => new PouchDB(remoteName, { adapter: 'http', skip_setup: true, auth: { username: 'reader', password: 'pw' }, fetch: faulty }),
          remoteName,
          iterations: 2000,
          now: clock,
        }).run(),
    };
    // About one request in three fails while the device's connection is bad.
    const faulty = async (url: string, init: RequestInit) => {
      if (d.fault !== 'none' && rand() < 0.3) {
        if (d.fault === 'refused' || (init.method ?? 'GET') === 'GET') throw new TypeError('fetch failed');
        await fetch(url, init);
        throw new TypeError('fetch failed: the answer was lost');
      }
      return fetch(url, init);
    };
    return d;
  };
  const a = device('A');
  const b = device('B');
  const written = new Map<string, Set<string>>();
  const deletedByReader = new Set<string>();
  const story: string[] = [];
  let token = 0;
  for (const [i, url] of ['https://news.example/one', 'https://news.example/two'].entries()) {
    const article = await a.articles.save({
      url: normalizeUrl(url),
      title: `Soak ${i}`,
      byline: null,
      siteName: null,
      lang: 'en',
      publishedTime: null,
      excerpt: null,
      contentHtml: `<p>${TEXT}</p>`,
      textContent: TEXT,
    });
    for (const quote of QUOTES.slice(i * 2, i * 2 + 2)) {
      const start = TEXT.indexOf(quote);
      const tag = `s${token++}`;
      const h = await a.annotations.create({
        articleId: article.id,
        url,
        selectors: describeTextQuote(TEXT, start, start + quote.length),
        color: 'yellow',
        note: tag,
      });
      written.set(h.id, new Set([tag]));
    }
  }
  for (let i = 0; i < 2; i++) for (const d of [a, b]) await d.sync();

  const pick = <T>(items: readonly T[]) => items[Math.floor(rand() * items.length)]!;
  for (let round = 0; round < ROUNDS; round++) {
    for (const d of [a, b]) {
      const r = rand();
      d.fault = r < 0.2 ? 'refused' : r < 0.5 ? 'answer-lost' : 'none';
      for (let e = 0; e < 3; e++) {
        const here = await d.db.annotations.toArray();
        const kind = rand();
        if (!here.length || kind > 0.92) {
          const entries = await d.db.trash.toArray();
          if (entries.length) {
            const entry = pick(entries);
            await restoreArticle(d.db, entry.id);
            story.push(`${d.name} restored ${entry.id.slice(0, 4)}`);
          }
          continue;
        }
        const h = pick(here);
        if (kind < 0.5) {
          const tag = `${d.name}${token++}`;
          await d.annotations.update(h.id, { note: `${h.note} ${tag}` });
          written.get(h.id)?.add(tag);
          story.push(`${d.name} note ${h.id.slice(0, 4)} +${tag}`);
        } else if (kind < 0.65) {
          await d.annotations.update(h.id, { color: pick(HIGHLIGHT_COLORS) });
          story.push(`${d.name} colour ${h.id.slice(0, 4)}`);
        } else if (kind < 0.78) {
          await d.annotations.remove(h.id);
          // The reader deleted the highlight with what its note said here: those words may go.
          for (const t of h.note.split(/\s+/)) deletedByReader.add(`${h.id}:${t}`);
          story.push(`${d.name} deleted ${h.id.slice(0, 4)}`);
        } else {
          await trashArticle(d.db, h.articleId, clock());
          story.push(`${d.name} trashed ${h.articleId.slice(0, 4)}`);
        }
      }
      const result = await d.sync();
      story.push(`${d.name} synced (${d.fault}): ${result.ok ? 'ok' : result.error.kind}`);
    }
  }
  a.fault = b.fault = 'none';
  for (let i = 0; i < 4; i++) for (const d of [a, b]) await d.sync();

  const everywhere = [
    ...(await a.db.annotations.toArray()),
    ...(await b.db.annotations.toArray()),
    ...(await a.db.trash.toArray()).flatMap((t) => t.annotations),
    ...(await b.db.trash.toArray()).flatMap((t) => t.annotations),
  ];
  const lost: string[] = [];
  for (const [id, tokens] of written) {
    const words = new Set(everywhere.filter((h) => h.id === id).flatMap((h) => h.note.split(/\s+/)));
    for (const t of tokens) if (!deletedByReader.has(`${id}:${t}`) && !words.has(t)) lost.push(`${id.slice(0, 4)}:${t}`);
  }
  const library = async (d: Device) =>
    JSON.stringify({
      live: (await d.db.annotations.toArray()).map((h) => [h.id, h.articleId, h.note, h.color]).sort(),
      articles: (await d.db.articles.toCollection().primaryKeys()).sort(),
    });
  // No note may grow conflict headings without end (devices merging each other's merges).
  const headings = Math.max(0, ...(await a.db.annotations.toArray()).map((h) => h.note.split('\n').filter((l) => HEADING.test(l)).length));
  return { lost, same: (await library(a)) === (await library(b)) && headings <= 6, story };
}

describe('issue 21: a seeded soak of sync through a failing connection (Node)', () => {
  it(`loses no note and leaves both libraries the same, over ${SEEDS} seeds`, async () => {
    const failures: string[] = [];
    for (let s = 0; s < SEEDS; s++) {
      const seed = 1000 + s;
      const r = await soak(seed, `soak${s}`);
      if (r.lost.length || !r.same)
        failures.push(`seed ${seed}: lost ${r.lost.join(', ') || 'nothing'}; libraries ${r.same ? 'agree' : 'differ'}\n  ${r.story.join('; ')}`);
    }
    expect(failures.join('\n')).toBe('');
  }, 300_000);
});

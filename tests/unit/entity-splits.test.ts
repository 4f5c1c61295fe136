import { describe as group, expect, it } from 'vitest';
import { ArticleRepository } from '../../utils/db/articles';
import { listEntities, readEntityPage, splitForm, unsplitForm } from '../../utils/db/entities';
import { reconcileSplits } from '../../utils/db/entity-splits';
import { groupMentions, rawMentions, splitMentions } from '../../utils/entities/mentions';
import { applySplits, summarizeEntities } from '../../utils/entities/summary';
import type { EntitySpan } from '../../utils/entities/types';
import { importData, readData } from '../../utils/export/transfer';
import { freshDb } from '../support/db';
import { normalizeUrl } from '../../utils/url';

/*
 * Issue 24: a split ("Not this one" on an entity's page) applies to every saved article at once —
 * the library's cards and filters, the entity pages and the Entities view — not on each article's
 * next visit, whether it was made here, came by sync or with an import.
 */

const TEXT = '이재용 회장이 참석했다. 이 회장은 발언했다. 삼성전자는 밝혔다. 이재용은 떠났다. 이 회장이 웃었다.';
const at = (s: string, from = 0) => TEXT.indexOf(s, from);
const SPANS: EntitySpan[] = [
  { start: at('이재용'), end: at('이재용') + 3, text: '이재용', type: 'person' },
  { start: at('이 회장'), end: at('이 회장') + 4, text: '이 회장', type: 'person', canonical: '이재용' },
  { start: at('삼성전자'), end: at('삼성전자') + 4, text: '삼성전자', type: 'org' },
  { start: at('이재용은'), end: at('이재용은') + 3, text: '이재용', type: 'person' },
  { start: at('이 회장이 웃'), end: at('이 회장이 웃') + 4, text: '이 회장', type: 'person', canonical: '이재용' },
];
const SPLIT = new Map([['person:이재용', ['이 회장']]]);

/** What the reader itself would tell the library after a visit with these splits (the spans split, then grouped). */
function readerView(splits: ReadonlyMap<string, readonly string[]>) {
  const groups = [...summarizeEntities(applySplits(SPANS, splits)).values()].flat();
  return { entities: groups.map((g) => ({ text: g.text, type: g.type, count: g.spans.length })), mentions: groupMentions(groups, TEXT) };
}

const raw = () => rawMentions([...summarizeEntities(SPANS).values()].flat(), TEXT)!;

group('splits from the entities before them (no text, no recogniser)', () => {
  it('gives what the reader’s own grouping of the split spans gives, with and without the split', () => {
    expect(splitMentions(raw(), SPLIT)).toEqual(readerView(SPLIT));
    expect(splitMentions(raw(), new Map())).toEqual(readerView(new Map()));
  });

  it('keeps nothing more for an article where no entity has a form to split off', () => {
    const plain = SPANS.filter((s) => !s.canonical);
    expect(rawMentions([...summarizeEntities(plain).values()].flat(), TEXT)).toBeUndefined();
  });

  it('never splits an entity from its own name', () => {
    expect(splitMentions(raw(), new Map([['person:이재용', ['이재용']]]))).toEqual(readerView(new Map()));
  });
});

group('a split applies to the saved articles at once', () => {
  const article = (url: string) => ({
    url: normalizeUrl(url),
    title: '기사',
    byline: null,
    siteName: '뉴스',
    publishedTime: null,
    lang: 'ko',
    excerpt: '',
    contentHtml: `<p>${TEXT}</p>`,
    textContent: TEXT,
  });

  /** Two articles visited once (entities before splits told, as the reader does), one more visited before that existed. */
  async function visited() {
    const db = freshDb();
    const repo = new ArticleRepository(db);
    const a = await repo.save(article('https://news.example.kr/a'));
    const b = await repo.save(article('https://news.example.kr/b'));
    const old = await repo.save(article('https://news.example.kr/old'));
    const seen = readerView(new Map());
    await repo.setEntities(a.id, seen.entities, seen.mentions, raw());
    await repo.setEntities(b.id, seen.entities, seen.mentions, raw());
    await repo.setEntities(old.id, seen.entities, seen.mentions);
    return { db, repo, a, b, old };
  }

  it('rewrites every article naming the entity: cards, filters, the entity pages and the Entities view; undone the same way', async () => {
    const { db, a, b, old } = await visited();
    const lee = (await readEntityPage(db, 'person:이재용'))!;
    expect(lee.forms).toEqual(['이 회장']);
    expect(lee.articles.map((r) => r.count)).toEqual([4, 4, 4]);

    await splitForm(db, 'person:이재용', '이 회장');
    expect(await reconcileSplits(db)).toBe(2);
    const after = readerView(SPLIT).entities;
    expect((await db.articles.get(a.id))!.entities).toEqual(after);
    expect((await db.articles.get(b.id))!.entities).toEqual(after);
    // The article whose visit predates the entities before splits follows on its next visit.
    expect((await db.articles.get(old.id))!.entities).toEqual(readerView(new Map()).entities);
    expect((await db.articles.get(a.id))!.facets).toContain('e:person:이 회장');
    const page = (await readEntityPage(db, 'person:이재용'))!;
    expect(page.forms).toEqual([]);
    expect(page.articles.find((r) => r.articleId === a.id)!.count).toBe(2);
    const chairman = (await readEntityPage(db, 'person:이 회장'))!;
    expect(chairman.articles.map((r) => r.articleId).sort()).toEqual([a.id, b.id].sort());
    expect(chairman.articles[0]).toMatchObject({ count: 2, first: '이 회장은 발언했다.' });
    expect((await listEntities(db, { text: '이 회장', sort: 'articles', limit: 10 })).map((r) => [r.key, r.articles])).toEqual([['person:이 회장', 2]]);
    // Nothing changed since: nothing rewritten.
    expect(await reconcileSplits(db)).toBe(0);

    await unsplitForm(db, 'person:이재용', '이 회장');
    expect(await reconcileSplits(db)).toBe(2);
    expect((await db.articles.get(a.id))!.entities).toEqual(readerView(new Map()).entities);
    expect(await readEntityPage(db, 'person:이 회장')).toBeNull();
    expect((await readEntityPage(db, 'person:이재용'))!.forms).toEqual(['이 회장']);
  });

  it('a visit after a split tells the entities before it, and the split still holds', async () => {
    const { db, repo, a } = await visited();
    await splitForm(db, 'person:이재용', '이 회장');
    await reconcileSplits(db);
    // A page open since before the split tells what it saw then.
    const stale = readerView(new Map());
    await repo.setEntities(a.id, stale.entities, stale.mentions, raw());
    expect((await db.articles.get(a.id))!.entities).toEqual(readerView(SPLIT).entities);
  });

  it('a split that arrives with an import (or by sync) applies on the next reconcile, on the device that receives it', async () => {
    const { db } = await visited();
    const other = await visited();
    await splitForm(other.db, 'person:이재용', '이 회장');
    const data = await readData(other.db);
    await importData(db, { articles: [], annotations: [], corrections: data.corrections });
    expect(await reconcileSplits(db)).toBe(2);
    expect((await readEntityPage(db, 'person:이 회장'))!.articles).toHaveLength(2);
  });
});

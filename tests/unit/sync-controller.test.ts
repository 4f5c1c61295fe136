import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeTextQuote as describeText } from '../../utils/anchoring';
import { HighlightRepository } from '../../utils/db/highlights';
import { ArticleRepository } from '../../utils/db/articles';
import { SyncController, type StoredSync, type SyncDeps } from '../../utils/background/sync';
import { readSyncStatus } from '../../utils/sync/status';
import { startCouch, PouchDB, type CouchServer } from '../support/couch';
import { freshDb } from '../support/db';
import { normalizeUrl } from '../../utils/url';

const TEXT = '시의회는 오늘 오후 본회의를 열어 내년도 예산안을 표결에 부쳤다.';
let couch: CouchServer;

beforeAll(async () => {
  couch = await startCouch({ users: { reader: 'pw' }, databases: ['margin'] });
});
afterAll(async () => {
  await couch.close();
});

function controller(permitted: (origin: string) => boolean) {
  const db = freshDb();
  let stored: StoredSync | undefined;
  const scheduled: boolean[] = [];
  const deps: SyncDeps = {
    db,
    load: () => Promise.resolve(stored && structuredClone(stored)),
    save: (value) => {
      stored = structuredClone(value);
      return Promise.resolve();
    },
    hasPermission: (origin) => Promise.resolve(permitted(origin)),
    remote: (config) =>
      new PouchDB(`${config.url}/${config.database}`, { adapter: 'http', skip_setup: true, auth: { username: config.user, password: config.password } }),
    schedule: (on) => void scheduled.push(on),
    iterations: 2000,
  };
  return { db, sync: new SyncController(deps), stored: () => stored, scheduled };
}

describe('the background’s sync controller (issue 10)', () => {
  it('refuses a bad address, plain http to another machine, and a server it was not allowed to reach', async () => {
    const { sync } = controller(() => false);
    expect(await sync.configure({ url: 'not a url', database: 'margin', user: 'reader', password: 'pw' })).toEqual({ status: 'invalid', problem: 'url' });
    expect(await sync.configure({ url: 'http://couch.example.org', database: 'margin', user: 'reader', password: 'pw' })).toEqual({
      status: 'invalid',
      problem: 'insecure',
    });
    expect(await sync.configure({ url: 'https://couch.example.org', database: 'Bad Name', user: 'reader', password: 'pw' })).toEqual({
      status: 'invalid',
      problem: 'database',
    });
    expect(await sync.configure({ url: couch.url, database: 'margin', user: 'reader', password: 'pw' })).toEqual({ status: 'no-permission' });
  });

  it('syncs when set up, never shows the secrets, keeps them when left empty, and turning it off keeps every local record', async () => {
    const asked: string[] = [];
    const { db, sync, stored, scheduled } = controller((origin) => {
      asked.push(origin);
      return origin === 'http://127.0.0.1/*';
    });
    const article = await new ArticleRepository(db).save({
      url: normalizeUrl('https://news.example.kr/controller'),
      title: '예산안',
      byline: null,
      siteName: null,
      lang: 'ko',
      publishedTime: null,
      excerpt: null,
      contentHtml: `<p>${TEXT}</p>`,
      textContent: TEXT,
    });
    const start = TEXT.indexOf('예산안');
    await new HighlightRepository(db).create({
      articleId: article.id,
      url: article.url,
      selectors: describeText(TEXT, start, start + 3),
      color: 'blue',
      note: '메모',
    });
    const result = await sync.configure({ url: couch.url, database: 'margin', user: 'reader', password: 'pw', passphrase: '' });
    expect(result).toMatchObject({
      status: 'saved',
      view: { enabled: true, hasPassword: true, encrypted: false, user: 'reader' },
      sync: { error: null, pending: 0 },
    });
    expect(JSON.stringify(result)).not.toContain('"pw"');
    expect(asked).toContain('http://127.0.0.1/*');
    expect(scheduled).toEqual([true]);
    expect((await couch.database('margin').allDocs({})).rows.some((r) => r.key.startsWith('a:'))).toBe(true);

    // An empty password keeps the stored one.
    const again = await sync.configure({ url: couch.url, database: 'margin', user: 'reader', password: '', keepSecrets: true });
    expect(again).toMatchObject({ status: 'saved', sync: { error: null } });
    expect(stored()?.config?.password).toBe('pw');

    const off = await sync.configure(null);
    expect(off).toMatchObject({ status: 'saved', view: { enabled: false } });
    expect(scheduled).toEqual([true, true, false]);
    expect(await db.annotations.count()).toBe(1);
    expect(await db.articles.count()).toBe(1);
    expect(await db.bodies.count()).toBe(1);
    // Off: "Sync now" does nothing, and the status keeps its last answer.
    const before = await readSyncStatus(db);
    expect(await sync.syncNow()).toEqual(before);
  });
});

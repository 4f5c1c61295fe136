import { describe, expect, it } from 'vitest';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { windowFromHtml } from '../../scripts/lib/dom';
import type { ArticleRecord } from '../../utils/article';
import { ArticleRepository } from '../../utils/db/articles';
import { PhotoStore, photoUsage, readKeepPhotos, writeKeepPhotos, type KeptPhoto, type PhotoBudget } from '../../utils/db/photos';
import { MarginDB } from '../../utils/db/schema';
import { MAX_PHOTOS_PER_ARTICLE, photoCandidates, photoKey } from '../../utils/extract/photos';
import { createSanitizer } from '../../utils/extract/sanitize';
import { PhotoKeeper, type PhotoKeeperDeps } from '../../utils/background/photos';
import type { PhotoResult, PhotoTransfer } from '../../utils/page/photos';
import { applyAlwaysShow, applyPhotosFromAllSites, readSettings, type ScriptingApi } from '../../utils/background/settings';
import { photoPng, pngSize } from '../support/images';
import { freshDb } from '../support/db';
import { normalizeUrl } from '../../utils/url';

const BASE = 'https://news.example.com/2025/01/story.html';

describe('which pictures of an article are its photos', () => {
  it('takes the photos in the order of the text, resolved, each once', () => {
    const html =
      '<p>a</p><figure><img src="/img/harbour.jpg?w=1200&amp;q=80" alt="The harbour" width="1200" height="800"><figcaption>x</figcaption></figure>' +
      '<img src="https://cdn.example.net/photos/ferry.webp"><img src="/img/harbour.jpg?w=1200&amp;q=80">';
    expect(photoCandidates(html, BASE)).toEqual([
      { key: '/img/harbour.jpg?w=1200&q=80', url: 'https://news.example.com/img/harbour.jpg?w=1200&q=80' },
      { key: 'https://cdn.example.net/photos/ferry.webp', url: 'https://cdn.example.net/photos/ferry.webp' },
    ]);
  });

  it('skips tracking pixels, icons, logos, drawings and pictures already in the text', () => {
    const html = [
      '<img src="https://t.example.com/p.gif" width="1" height="1">',
      '<img src="/static/icons/share.png">',
      '<img src="/assets/site-logo.jpg" width="300">',
      '<img class="author-avatar" src="/people/kim.jpg">',
      '<img src="/charts/growth.svg">',
      '<img src="data:image/png;base64,iVBORw0KGgo=">',
      '<img src="/img/thumb.jpg" width="80" height="60">',
      '<img src="/img/ok.jpg" alt="Google Pixel phone on a table">',
    ].join('');
    expect(photoCandidates(html, BASE).map((c) => c.key)).toEqual(['/img/ok.jpg']);
  });

  it('takes the widest srcset choice (up to 2000w) when the src is a placeholder, and keys it so the saved copy finds it', () => {
    const srcset = '/img/a-480.jpg 480w, /img/a-1600.jpg 1600w, /img/a-3200.jpg 3200w';
    const html = `<img src="data:image/gif;base64,R0lGOD" srcset="${srcset}">`;
    expect(photoCandidates(html, BASE)).toEqual([{ key: '/img/a-1600.jpg', url: 'https://news.example.com/img/a-1600.jpg' }]);
    expect(photoKey('data:image/gif;base64,R0lGOD', srcset)).toBe('/img/a-1600.jpg');
  });

  it('finds, in the sanitised body as stored, the keys the saved copy reads from its DOM', () => {
    const win = windowFromHtml('', BASE);
    const stored = createSanitizer(win).html(
      '<p>x</p><img alt="a > b &quot;quoted&quot;" src="https://news.example.com/i.jpg?a=1&b=2&amp;c=%20"><img src="/rel/photo one.jpg">',
    );
    const holder = win.document.createElement('div');
    holder.innerHTML = stored;
    const fromDom = [...holder.querySelectorAll('img')].map((img) => photoKey(img.getAttribute('src'), img.getAttribute('srcset')));
    expect(photoCandidates(stored, BASE).map((c) => c.key)).toEqual(fromDom);
    expect(fromDom).toHaveLength(2);
  });

  it('keeps at most a gallery’s worth', () => {
    const html = Array.from({ length: 40 }, (_, i) => `<img src="/g/${i}.jpg">`).join('');
    expect(photoCandidates(html, BASE)).toHaveLength(MAX_PHOTOS_PER_ARTICLE);
  });
});

/** A photo made here (a real PNG), ready to keep. */
function photo(key: string, width = 160, height = 120, seed = 1): KeptPhoto {
  const png = photoPng(width, height, seed);
  return { key, blob: new Blob([png], { type: 'image/png' }), width, height, originalBytes: png.length * 3 };
}

async function saveArticle(db: MarginDB, n: number) {
  return new ArticleRepository(db).save({
    url: normalizeUrl(`https://news.example.com/${n}`),
    title: `Story ${n}`,
    byline: null,
    siteName: null,
    lang: 'en',
    publishedTime: null,
    excerpt: null,
    contentHtml: `<p>Text of story ${n}.</p>`,
    textContent: `Text of story ${n}.`,
  });
}

describe('the photos kept with saved copies: budgets and eviction', () => {
  it('keeps an article’s photos within its share, in the order of the text, and says which it did not keep', async () => {
    const db = freshDb();
    const a = photo('a', 160, 120, 1);
    const b = photo('b', 160, 120, 2);
    const c = photo('c', 160, 120, 3);
    const budget: PhotoBudget = { perArticle: a.blob.size + b.blob.size + 10, total: 10 * 1024 * 1024 };
    const store = new PhotoStore(db, budget);
    const set = await store.keep('art', [a, b, c], [{ key: 'd', reason: 'needs-access' }]);
    expect(set).toMatchObject({ kept: 2, bytes: a.blob.size + b.blob.size, originalBytes: a.originalBytes + b.originalBytes });
    expect(set.missing).toEqual([
      { key: 'd', reason: 'needs-access' },
      { key: 'c', reason: 'article-budget' },
    ]);
    const { photos } = await store.forArticle('art');
    expect(photos.map((p) => p.key).sort()).toEqual(['a', 'b']);
    // The bytes kept are the photo itself: a PNG of the size it was.
    expect(pngSize(new Uint8Array(await photos.find((p) => p.key === 'a')!.blob.arrayBuffer()))).toEqual({ width: 160, height: 120 });
    expect(await store.usage()).toEqual({ bytes: a.blob.size + b.blob.size, photos: 2, articles: 1 });

    // A revisit keeps nothing twice, and a photo fetched now that was missing before is kept.
    const again = await store.keep('art', [a, photo('d', 100, 100, 4)], []);
    expect(again.kept).toBe(2);
    expect(again.missing).toEqual([
      { key: 'd', reason: 'article-budget' },
      { key: 'c', reason: 'article-budget' },
    ]);
    expect(await store.keptKeys('art')).toEqual(new Set(['a', 'b']));
  });

  it('over the total, drops the photos of the articles read longest ago — never their text, highlights or anything synced', async () => {
    const db = freshDb();
    let time = 1000;
    const one = photo('p', 200, 150, 7);
    const store = new PhotoStore(db, { perArticle: 1024 * 1024, total: one.blob.size * 2 + 10 }, () => time);
    const articles: ArticleRecord[] = [];
    for (let n = 0; n < 4; n++) articles.push(await saveArticle(db, n));
    const outbox = await db.syncOutbox.count();
    const keep = async (i: number) => {
      time += 10;
      return store.keep(articles[i]!.id, [photo('p', 200, 150, 7)], []);
    };
    await keep(0);
    await keep(1);
    // Reading the first again moves it to the back of the queue.
    time += 10;
    await store.touch(articles[0]!.id);
    await keep(2);
    const kept = async () => (await db.photoSets.toArray()).map((s) => s.articleId).sort();
    expect(await kept()).toEqual([articles[0]!.id, articles[2]!.id].sort());
    await keep(3);
    expect(await kept()).toEqual([articles[2]!.id, articles[3]!.id].sort());
    expect(await db.photos.where('articleId').equals(articles[1]!.id).count()).toBe(0);
    // Text stays; photos are a cache of this device: nothing for sync.
    expect(await db.articles.count()).toBe(4);
    expect(await db.bodies.count()).toBe(4);
    expect(await db.syncOutbox.count()).toBe(outbox);
  });

  it('forgets the photos of articles deleted for good, keeps those of articles in the trash, and deletes all on request', async () => {
    const db = freshDb();
    const store = new PhotoStore(db);
    const kept = await saveArticle(db, 1);
    const trashed = await saveArticle(db, 2);
    const gone = await saveArticle(db, 3);
    for (const a of [kept, trashed, gone]) await store.keep(a.id, [photo('x', 120, 120, 5)], []);
    const { trashArticle } = await import('../../utils/db/trash');
    await trashArticle(db, trashed.id);
    await db.transaction('rw', db.articles, db.bodies, async () => {
      await db.articles.delete(gone.id);
      await db.bodies.delete(gone.id);
    });
    expect(await store.sweep()).toBe(1);
    expect((await db.photoSets.toArray()).map((s) => s.articleId).sort()).toEqual([kept.id, trashed.id].sort());
    await store.clear();
    expect(await photoUsage(db)).toEqual({ bytes: 0, photos: 0, articles: 0 });
    expect(await db.articles.count()).toBe(1);
  });

  it('is on until the reader switches it off', async () => {
    const db = freshDb();
    expect(await readKeepPhotos(db)).toBe(true);
    await writeKeepPhotos(db, false);
    expect(await readKeepPhotos(db)).toBe(false);
  });
});

/** What the page's context answers for a photo made here. */
function transfer(key: string, width: number, height: number, seed: number): PhotoTransfer {
  const png = photoPng(width, height, seed);
  return { key, ok: true, data: Buffer.from(png).toString('base64'), type: 'image/png', width, height, originalBytes: png.length };
}

describe('keeping an article’s photos after its save', () => {
  const html =
    '<p>Story</p><img src="/a.jpg"><img src="https://images.cdn.example/b.jpg"><img src="/c.jpg"><img src="/icons/x.png"><img src="/d.jpg" width="1" height="1">';
  const article = { id: 'story', url: normalizeUrl(BASE), contentHtml: html };

  function keeper(opts: { enabled?: boolean; allSites?: boolean; page?: (keys: string[]) => PhotoTransfer[] } = {}) {
    const db = freshDb();
    const asked: { page: string[][]; background: string[][] } = { page: [], background: [] };
    const deps: PhotoKeeperDeps = {
      store: new PhotoStore(db),
      enabled: async () => opts.enabled ?? true,
      inPage: async (_tab, pageUrl, jobs) => {
        expect(pageUrl).toBe(BASE);
        asked.page.push(jobs.map((j) => j.key));
        return (
          opts.page ??
          ((keys) => keys.map((k, i) => (k.includes('cdn') ? { key: k, ok: false as const, reason: 'needs-access' as const } : transfer(k, 300, 200, i + 1))))
        )(jobs.map((j) => j.key));
      },
      hasAllSites: async () => opts.allSites ?? false,
      inBackground: async (jobs): Promise<PhotoResult[]> => {
        asked.background.push(jobs.map((j) => j.key));
        return jobs.map((j) => {
          const png = photoPng(320, 240, 9);
          return { key: j.key, ok: true, blob: new Blob([png], { type: 'image/png' }), width: 320, height: 240, originalBytes: png.length };
        });
      },
    };
    return { db, asked, keeper: new PhotoKeeper(deps) };
  }

  it('keeps what the page’s context could read, and remembers the image server’s photo as needing access', async () => {
    const { db, asked, keeper: k } = keeper();
    const set = await k.keep(article, 3);
    expect(asked.page).toEqual([['/a.jpg', 'https://images.cdn.example/b.jpg', '/c.jpg']]);
    expect(asked.background).toEqual([]);
    expect(set).toMatchObject({ kept: 2, missing: [{ key: 'https://images.cdn.example/b.jpg', reason: 'needs-access' }] });
    expect((await db.photos.toArray()).map((p) => p.key).sort()).toEqual(['/a.jpg', '/c.jpg']);

    // The next visit asks only for the photo not kept.
    await k.keep(article, 3);
    expect(asked.page[1]).toEqual(['https://images.cdn.example/b.jpg']);
  });

  it('does not fetch again a photo that turned out an icon or over the article’s share, and tries a failed one again', async () => {
    const { asked, keeper: k } = keeper({
      page: (keys) =>
        keys.map((key, i) =>
          key === '/a.jpg'
            ? { key, ok: false as const, reason: 'tiny' as const }
            : key === '/c.jpg'
              ? { key, ok: false as const, reason: 'failed' as const }
              : transfer(key, 300, 200, i + 1),
        ),
    });
    const set = await k.keep(article, 3);
    expect(set!.missing).toEqual(
      expect.arrayContaining([
        { key: '/a.jpg', reason: 'tiny' },
        { key: '/c.jpg', reason: 'failed' },
      ]),
    );
    await k.keep(article, 3);
    expect(asked.page[1]).toEqual(['/c.jpg']);
  });

  it('reads the image server’s photos from the background when the reader gave access to all sites', async () => {
    const { asked, keeper: k } = keeper({ allSites: true });
    const set = await k.keep(article, 3);
    expect(asked.background).toEqual([['https://images.cdn.example/b.jpg']]);
    expect(set).toMatchObject({ kept: 3, missing: [] });
  });

  it('keeps nothing when switched off, and nothing when the page cannot be asked (closed) without access', async () => {
    const off = keeper({ enabled: false });
    expect(await off.keeper.keep(article, 3)).toBeNull();
    expect(off.asked.page).toEqual([]);
    const closed = keeper({
      page: () => {
        throw new Error('No tab with id: 3');
      },
    });
    const set = await closed.keeper.keep(article, 3);
    expect(set).toMatchObject({ kept: 0 });
    expect(set!.missing.map((m) => m.reason)).toEqual(['needs-access', 'needs-access', 'needs-access']);
  });
});

describe('access to all sites, shared by two settings', () => {
  function fakeApi() {
    let permission = true;
    const api: ScriptingApi = {
      scripting: { registerContentScripts: async () => {}, unregisterContentScripts: async () => {}, getRegisteredContentScripts: async () => [] },
      permissions: {
        contains: async () => permission,
        remove: async () => {
          permission = false;
          return true;
        },
      },
    };
    return { api, has: () => permission };
  }

  it('is kept while photos from image servers still need it, and given back when neither does', async () => {
    const db = new MarginDB('photo-access', { indexedDB: new IDBFactory(), IDBKeyRange });
    const { api, has } = fakeApi();
    await applyAlwaysShow(db, api, true);
    expect(await applyPhotosFromAllSites(db, api, true)).toMatchObject({ photosFromAllSites: true, keepPhotos: true });
    await applyAlwaysShow(db, api, false);
    expect(has()).toBe(true);
    expect(await applyPhotosFromAllSites(db, api, false)).toMatchObject({ photosFromAllSites: false, alwaysShowHighlights: false });
    expect(has()).toBe(false);
    expect(await readSettings(db)).toEqual({ alwaysShowHighlights: false, keepPhotos: true, photosFromAllSites: false });
  });
});

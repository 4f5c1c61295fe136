import { describe, expect, it } from 'vitest';
import type { Article } from '../../utils/article';
import { openArticle, SaveTracker, type ReaderDeps } from '../../utils/background/reader';
import { ArticleRepository } from '../../utils/db/articles';
import type { ExtractResult } from '../../utils/extract/finish';
import { freshDb } from '../support/db';
import { normalizeUrl } from '../../utils/url';

const URL_ = 'https://news.example.kr/view?id=7';

function article(): Article {
  return {
    url: normalizeUrl(URL_),
    title: '기사',
    byline: null,
    siteName: null,
    lang: 'ko',
    publishedTime: null,
    excerpt: null,
    contentHtml: '<p>본문</p>',
    textContent: '본문',
  };
}

function deps(overrides: Partial<ReaderDeps> = {}): ReaderDeps {
  return {
    articles: new ArticleRepository(freshDb()),
    getTab: async (id) => ({ id, url: URL_ }),
    extractFromTab: async () => ({ ok: true, article: article() }),
    ...overrides,
  };
}

describe('openArticle (what the popup is told)', () => {
  it('extracts, saves and returns the article', async () => {
    const d = deps();
    const res = await openArticle(d, 1);
    expect(res.status).toBe('ok');
    if (res.status !== 'ok') return;
    expect(res.saved).toBe(true);
    expect(await d.articles.getByUrl(URL_)).toMatchObject({ title: '기사' });
  });

  it('tells the background which readable tab is about to be extracted (it warms the entity models), never a browser page', async () => {
    const told: string[] = [];
    await openArticle(deps({ getTab: async (id) => ({ id, url: URL_, title: '기사 제목' }), beforeExtract: (tab) => told.push(tab.title ?? '') }), 1);
    await openArticle(
      deps({ getTab: async (id) => ({ id, url: 'chrome://settings/', title: '설정' }), beforeExtract: (tab) => told.push(tab.title ?? '') }),
      2,
    );
    expect(told).toEqual(['기사 제목']);
  });

  it('says the tab is closed when it is gone, before or during extraction', async () => {
    expect(await openArticle(deps({ getTab: async () => null }), 1)).toEqual({ status: 'tab-closed' });
    const gone = deps({
      extractFromTab: async () => {
        throw new Error('No tab with id: 1.');
      },
    });
    expect(await openArticle(gone, 1)).toEqual({ status: 'tab-closed' });
  });

  it('refuses browser pages without trying to script them', async () => {
    let tried = false;
    const d = deps({
      getTab: async (id) => ({ id, url: 'chrome://settings/' }),
      extractFromTab: async () => {
        tried = true;
        return { ok: false, reason: 'empty' };
      },
    });
    expect(await openArticle(d, 1)).toEqual({ status: 'restricted', url: 'chrome://settings/' });
    expect(tried).toBe(false);
  });

  it('reports a page the browser will not let it read as restricted', async () => {
    const d = deps({
      extractFromTab: async () => {
        throw new Error('Cannot access contents of the page. Extension manifest must request permission to access the respective host.');
      },
    });
    expect((await openArticle(d, 1)).status).toBe('restricted');
  });

  it('tells the side panel a browser page from a page that needs the toolbar click (no URL is told without access)', async () => {
    const refusing = (reason: string) =>
      deps({
        getTab: async (id) => ({ id, url: undefined }),
        extractFromTab: async () => {
          throw new Error(reason);
        },
      });
    // Chrome's words for pages no extension may script: the panel says what the popup says.
    for (const reason of [
      'Cannot access a chrome:// URL',
      'Cannot access a chrome-extension:// URL of different extension',
      'Cannot access contents of url "about:blank". Extension manifest must request permission to access this host.',
      'The extensions gallery cannot be scripted.',
    ])
      expect(await openArticle(refusing(reason), 1, { follow: true }), reason).toEqual({ status: 'restricted', url: '' });
    // A web page Margin has not been given access to yet: the button's click would help.
    for (const reason of [
      'Cannot access contents of the page. Extension manifest must request permission to access the respective host.',
      'Missing host permission for the tab',
    ])
      expect(await openArticle(refusing(reason), 1, { follow: true }), reason).toEqual({ status: 'needs-access' });
    expect(await openArticle(refusing('No tab with id: 1.'), 1, { follow: true })).toEqual({ status: 'tab-closed' });
  });

  it('reports a page without an article, with the reason', async () => {
    const d = deps({ extractFromTab: async (): Promise<ExtractResult> => ({ ok: false, reason: 'mostly-links' }) });
    expect(await openArticle(d, 1)).toEqual({ status: 'no-article', url: URL_, reason: 'mostly-links' });
  });

  it('gives up on a page that never answers, with the reason', async () => {
    const d = deps({ extractFromTab: () => new Promise(() => {}), timeoutMs: 20 });
    const res = await openArticle(d, 1);
    expect(res.status).toBe('failed');
    if (res.status === 'failed') expect(res.detail).toMatch(/no answer/i);
  });

  it('falls back to the saved copy when the page fails now', async () => {
    const d = deps();
    await openArticle(d, 1);
    d.extractFromTab = async () => {
      throw new Error('Frame with ID 0 is showing error page');
    };
    const res = await openArticle(d, 1);
    expect(res.status).toBe('ok');
    if (res.status === 'ok') expect(res.notice).toMatchObject({ kind: 'saved-copy', because: 'failed' });
  });

  it('still shows the article when the disk is full, and says it was not saved', async () => {
    const d = deps();
    d.articles.save = async () => {
      throw Object.assign(new Error('The quota has been exceeded.'), { name: 'QuotaExceededError' });
    };
    const res = await openArticle(d, 1);
    expect(res).toMatchObject({ status: 'ok', saved: false, notice: { kind: 'not-saved', quota: true } });
    if (res.status === 'ok') expect(res.article.textContent).toBe('본문');
  });
});

describe('openArticle with a save tracker (the background: answer first, save after)', () => {
  it('answers with the record it will save before the save is done; writes about it wait for the save', async () => {
    const d = deps({ saves: new SaveTracker() });
    let release!: () => void;
    const gate = new Promise<void>((ok) => (release = ok));
    const save = d.articles.save.bind(d.articles);
    d.articles.save = async (a, as) => {
      await gate;
      return save(a, as);
    };
    const res = await openArticle(d, 1);
    expect(res).toMatchObject({ status: 'ok', pending: true });
    if (res.status !== 'ok' || !('id' in res.article)) throw new Error('no record');
    const id = res.article.id;
    expect(await d.articles.getByUrl(URL_)).toBeUndefined();
    let settled = false;
    const waiting = d.saves!.settled(id).then(() => (settled = true));
    await Promise.resolve();
    expect(settled).toBe(false);
    release();
    await waiting;
    // Saved under the id the reader was shown.
    expect((await d.articles.getByUrl(URL_))?.id).toBe(id);
    expect(await d.saves!.outcome(id)).toBeNull();
  });

  it('gives a page opened twice at once one id', async () => {
    const d = deps({ saves: new SaveTracker() });
    const [a, b] = await Promise.all([openArticle(d, 1), openArticle(d, 2)]);
    if (a.status !== 'ok' || b.status !== 'ok' || !('id' in a.article) || !('id' in b.article)) throw new Error('no record');
    expect(b.article.id).toBe(a.article.id);
  });

  it('remembers a save that failed, for the reader to be told', async () => {
    const d = deps({ saves: new SaveTracker() });
    d.articles.save = async () => {
      throw Object.assign(new Error('The quota has been exceeded.'), { name: 'QuotaExceededError' });
    };
    const res = await openArticle(d, 1);
    if (res.status !== 'ok' || !('id' in res.article)) throw new Error('no record');
    expect(await d.saves!.outcome(res.article.id)).toMatchObject({ status: 'not-saved', quota: true });
  });
});

import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import type { Article } from '../../utils/article';
import type { EntityCorrection } from '../../utils/entities';
import { highlightSelectionOnPage, type HighlightDeps } from '../../utils/background/highlights';
import { applyAlwaysShow, readSettings, ALWAYS_SHOW_ID, type ScriptingApi } from '../../utils/background/settings';
import { HighlightRepository } from '../../utils/db/highlights';
import { ArticleRepository } from '../../utils/db/articles';
import { MarginDB } from '../../utils/db/schema';
import { normalizeUrl } from '../../utils/url';

const ARTICLE: Article = {
  url: normalizeUrl('https://news.example/budget'),
  title: '예산안 통과',
  byline: null,
  siteName: null,
  lang: 'ko',
  publishedTime: null,
  excerpt: null,
  contentHtml: '<p>x</p>',
  textContent: '시의회는 오늘 내년도 예산안을 표결에 부쳤다.\n정민호 의원은 "세수 전망이 낙관적"이라고 말했다.',
};
const MESSAGES = { noArticle: 'no article', notInArticle: 'not in article' };

function deps(selection: { exact: string; prefix: string; suffix: string } | null, corrections: EntityCorrection[] = []) {
  const db = new MarginDB('m', { indexedDB: new IDBFactory(), IDBKeyRange });
  const drawn: number[] = [];
  const notices: string[] = [];
  const d: HighlightDeps = {
    reader: {
      articles: new ArticleRepository(db),
      getTab: async (id) => ({ id, url: ARTICLE.url }),
      extractFromTab: async () => ({ ok: true, article: ARTICLE }),
    },
    repository: new HighlightRepository(db),
    captureSelection: async () => selection,
    draw: async (tabId) => {
      drawn.push(tabId);
    },
    notify: async (_, text) => {
      notices.push(text);
    },
    corrections: async () => corrections,
  };
  return { d, drawn, notices };
}

describe('highlighting from the live page (context menu, keyboard shortcut)', () => {
  it('saves the article, anchors the selection in its text, attaches entities, and draws', async () => {
    const { d, drawn } = deps({ exact: '정민호 의원은 "세수 전망이', prefix: '표결에 부쳤다.\n     ', suffix: ' 낙관적"이라고' });
    const outcome = await highlightSelectionOnPage(d, 7, 'yellow', MESSAGES);
    expect(outcome.status).toBe('created');
    if (outcome.status !== 'created') return;
    expect(outcome.highlight.quote).toBe('정민호 의원은 "세수 전망이');
    expect(outcome.highlight.entities).toEqual([{ text: '정민호', type: 'person' }]);
    const saved = await d.reader.articles.getByUrl(ARTICLE.url);
    expect(outcome.highlight.articleId).toBe(saved!.id);
    expect(drawn).toEqual([7]);
  });

  it('names what the reader view names: the reader’s corrections apply to a highlight made on the page', async () => {
    const selection = { exact: '정민호 의원은 "세수 전망이', prefix: '표결에 부쳤다.\n     ', suffix: ' 낙관적"이라고' };
    const removed = await highlightSelectionOnPage(deps(selection, [{ text: '정민호', action: 'remove' }]).d, 7, 'yellow', MESSAGES);
    expect(removed.status === 'created' && removed.highlight.entities).toEqual([]);
    const retyped = await highlightSelectionOnPage(deps(selection, [{ text: '정민호', action: 'set', type: 'org' }]).d, 7, 'yellow', MESSAGES);
    expect(retyped.status === 'created' && retyped.highlight.entities).toEqual([{ text: '정민호', type: 'org' }]);
  });

  it('explains on the page when the selection is not in the article, and saves nothing', async () => {
    const { d, notices } = deps({ exact: '많이 본 뉴스', prefix: '', suffix: '' });
    expect((await highlightSelectionOnPage(d, 7, 'yellow', MESSAGES)).status).toBe('not-in-article');
    expect(notices).toEqual(['not in article']);
    expect(await d.repository.forUrl(ARTICLE.url)).toEqual([]);
  });

  it('the on-page toolbar’s save: the chosen colour and the note go through the same path, anchored the same way (issue 22, item 7)', async () => {
    const selection = { exact: '정민호 의원은 "세수 전망이', prefix: '표결에 부쳤다.\n     ', suffix: ' 낙관적"이라고' };
    const plain = await highlightSelectionOnPage(deps(selection).d, 7, 'yellow', MESSAGES);
    const { d, drawn } = deps(selection);
    const outcome = await highlightSelectionOnPage(d, 7, 'blue', MESSAGES, '세수 전망 근거 확인');
    expect(outcome.status).toBe('created');
    if (outcome.status !== 'created' || plain.status !== 'created') return;
    expect(outcome.highlight).toMatchObject({ color: 'blue', note: '세수 전망 근거 확인', quote: '정민호 의원은 "세수 전망이' });
    // Anchored as the context menu anchors it: the same selectors and entities.
    expect(outcome.highlight.selectors).toEqual(plain.highlight.selectors);
    expect(outcome.highlight.entities).toEqual(plain.highlight.entities);
    expect((await d.repository.forUrl(ARTICLE.url)).map((h) => [h.color, h.note])).toEqual([['blue', '세수 전망 근거 확인']]);
    expect(drawn).toEqual([7]);
  });

  it('does nothing without a selection', async () => {
    const { d } = deps(null);
    expect((await highlightSelectionOnPage(d, 7, 'yellow', MESSAGES)).status).toBe('no-selection');
  });
});

describe('show my highlights whenever I revisit a page', () => {
  function fakeApi(granted: boolean) {
    const registered = new Set<string>();
    let permission = granted;
    const api: ScriptingApi = {
      scripting: {
        registerContentScripts: async (scripts) => scripts.forEach((s) => registered.add(s.id)),
        unregisterContentScripts: async (filter) => filter?.ids.forEach((id) => registered.delete(id)),
        getRegisteredContentScripts: async () => [...registered].map((id) => ({ id })),
      },
      permissions: {
        contains: async () => permission,
        remove: async () => {
          permission = false;
          return true;
        },
      },
    };
    return { api, registered, hasPermission: () => permission };
  }

  it('registers the highlighter for every page when access was granted, and gives access back when switched off', async () => {
    const db = new MarginDB('s', { indexedDB: new IDBFactory(), IDBKeyRange });
    const { api, registered, hasPermission } = fakeApi(true);
    expect(await applyAlwaysShow(db, api, true)).toMatchObject({ alwaysShowHighlights: true });
    expect([...registered]).toEqual([ALWAYS_SHOW_ID]);
    expect(await readSettings(db)).toMatchObject({ alwaysShowHighlights: true });
    expect(await applyAlwaysShow(db, api, false)).toMatchObject({ alwaysShowHighlights: false });
    expect(registered.size).toBe(0);
    expect(hasPermission()).toBe(false);
  });

  it('refuses to switch on without the permission, and changes nothing', async () => {
    const db = new MarginDB('s2', { indexedDB: new IDBFactory(), IDBKeyRange });
    const { api, registered } = fakeApi(false);
    await expect(applyAlwaysShow(db, api, true)).rejects.toThrow(/access/);
    expect(registered.size).toBe(0);
    expect(await readSettings(db)).toMatchObject({ alwaysShowHighlights: false });
  });
});

import { describe, expect, it } from 'vitest';
import type { Article } from '../../utils/article';
import { ArticleRepository, isQuotaError, splitArticle } from '../../utils/db/articles';
import { articlePayloadFor, validatePayload } from '../../utils/sync/records';
import { freshDb } from '../support/db';
import { normalizeUrl, type NormalizedUrl } from '../../utils/url';

function article(overrides: Partial<Article> = {}): Article {
  return {
    url: normalizeUrl('https://news.example.kr/view?id=1'),
    title: '제목',
    byline: '홍길동 기자',
    siteName: '한빛일보',
    lang: 'ko',
    publishedTime: '2025-01-28T23:21:00+09:00',
    excerpt: '요약',
    contentHtml: '<p>본문</p>',
    textContent: '본문',
    ...overrides,
  };
}

describe('ArticleRepository', () => {
  it('keeps the address an article was first saved from (savedUrl), which syncs', async () => {
    let now = 1000;
    const repo = new ArticleRepository(freshDb(), () => now);
    const first = 'https://news.example.kr/view?id=1&utm_source=newsletter#comment-3';
    const saved = await repo.save(article({ url: normalizeUrl(first), savedUrl: first }));
    expect(saved).toMatchObject({ url: 'https://news.example.kr/view?id=1', savedUrl: first });
    now = 2000;
    const again = await repo.save(
      article({ url: normalizeUrl('https://news.example.kr/view?id=1&fbclid=x'), savedUrl: 'https://news.example.kr/view?id=1&fbclid=x' }),
    );
    expect(again.savedUrl).toBe(first);
    expect((await repo.get(saved.id))!.savedUrl).toBe(first);
    // Without one (the URL was already normalised), none is stored.
    expect(await repo.save(article({ url: normalizeUrl('https://other.example.kr/a') }))).not.toHaveProperty('savedUrl');
    expect(validatePayload(`r:${saved.id}`, articlePayloadFor(splitArticle(again).row))).toMatchObject({ ok: true });
  });

  it('stores every field of the data model', async () => {
    const now = 1000;
    const repo = new ArticleRepository(freshDb(), () => now);
    const saved = await repo.save(article());
    expect(saved).toMatchObject({ ...article(), savedAt: 1000, updatedAt: 1000 });
    expect(saved.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await repo.get(saved.id)).toEqual(saved);
  });

  it('finds the same record through share links and fragments, and updates it in place', async () => {
    let now = 1000;
    const repo = new ArticleRepository(freshDb(), () => now);
    const first = await repo.save(article());
    now = 5000;
    const again = await repo.save(article({ url: normalizeUrl('https://news.example.kr/view?id=1&utm_source=kakao&fbclid=x#c'), title: '고친 제목' }));
    expect(again.id).toBe(first.id);
    expect(again.savedAt).toBe(1000);
    expect(again.updatedAt).toBe(5000);
    expect(again.title).toBe('고친 제목');
    expect((await repo.getByUrl('https://news.example.kr/view?fbclid=y&id=1#top'))?.id).toBe(first.id);
  });

  it('an article that arrives by sync under a share link is known here by its one URL, and keeps the link it was saved from', async () => {
    const repo = new ArticleRepository(freshDb());
    const saved = await repo.save(article());
    const first = 'https://news.example.kr/view?utm_source=kakao&id=1#c';
    const sent = { ...splitArticle(saved).row, url: first as NormalizedUrl, savedUrl: first };
    const arrived = validatePayload(`r:${saved.id}`, articlePayloadFor(sent));
    expect(arrived).toMatchObject({ ok: true, payload: { rec: { url: saved.url, savedUrl: first } } });
    expect(validatePayload(`r:${saved.id}`, articlePayloadFor({ ...sent, url: 'javascript:alert(1)' as NormalizedUrl })).ok).toBe(false);
  });

  it('keeps different articles apart', async () => {
    const repo = new ArticleRepository(freshDb());
    const a = await repo.save(article());
    const b = await repo.save(article({ url: normalizeUrl('https://news.example.kr/view?id=2') }));
    expect(a.id).not.toBe(b.id);
    expect(await repo.getByUrl('https://news.example.kr/view?id=3')).toBeUndefined();
  });

  it('writes only the fields of the data model', async () => {
    const repo = new ArticleRepository(freshDb());
    const saved = await repo.save({ ...article(), extra: 'ignored' } as Article);
    expect('extra' in saved).toBe(false);
  });

  it('recognises a full disk however the error is wrapped', () => {
    const quota = Object.assign(new Error('full'), { name: 'QuotaExceededError' });
    expect(isQuotaError(quota)).toBe(true);
    expect(isQuotaError({ name: 'AbortError', inner: quota })).toBe(true);
    expect(isQuotaError(new Error('other'))).toBe(false);
  });
});

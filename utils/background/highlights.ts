import { anchor, describeTextQuote } from '../anchoring';
import type { ArticleRecord } from '../article';
import type { HighlightRepository } from '../db/highlights';
import type { HighlightRecord, HighlightColor } from '../db/schema';
import type { EntityCorrection } from '../entities';
import { recognizeArticle } from '../entities/recognizer';
import type { PageHighlight } from './messages';
import { openArticle, type ReaderDeps } from './reader';
import { entitiesWithin } from '../entities/summary';

export interface HighlightDeps {
  reader: ReaderDeps;
  repository: HighlightRepository;
  /** The reader's selection on the live page, with its surroundings, or null. */
  captureSelection(tabId: number): Promise<{ exact: string; prefix: string; suffix: string } | null>;
  /** (Re)draw the page's highlights in the tab. */
  draw(tabId: number, url: string): Promise<void>;
  notify(tabId: number, text: string): Promise<void>;
  /** The reader's entity corrections, applied as the reader view applies them. */
  corrections(): Promise<readonly EntityCorrection[]>;
}

export type PageHighlightOutcome =
  { status: 'created'; highlight: HighlightRecord } | { status: 'no-selection' } | { status: 'not-in-article' } | { status: 'no-article' };

/** The highlights of a page, as the live page needs them. */
export function toPageHighlights(records: HighlightRecord[]): PageHighlight[] {
  return records.map(({ id, selectors, color }) => ({ id, selectors, color }));
}

/**
 * Entities of the article inside [start, end), attached to a highlight for search and
 * export: what the reader view marks there — recognizeArticle, with the same headline, models
 * (rules alone when one does not load) and the reader's corrections — so a passage gets the
 * same names from the page as from the popup.
 */
export async function entitiesInRange(
  article: Pick<ArticleRecord, 'textContent' | 'lang' | 'title'>,
  start: number,
  end: number,
  corrections: readonly EntityCorrection[] = [],
) {
  const spans = await recognizeArticle(article.textContent, { title: article.title, lang: article.lang, corrections });
  return entitiesWithin(spans, start, end);
}

/**
 * Highlight the reader's selection on the live page (context menu, keyboard shortcut, or
 * the on-page toolbar with its colour and note): the article is extracted and saved if it is not yet, the selection is
 * anchored in the article's text (where the reader view will show it too), saved, and
 * drawn.
 */
export async function highlightSelectionOnPage(
  deps: HighlightDeps,
  tabId: number,
  color: HighlightColor = 'yellow',
  messages: { noArticle: string; notInArticle: string },
  note = '',
): Promise<PageHighlightOutcome> {
  const selection = await deps.captureSelection(tabId).catch(() => null);
  if (!selection || !selection.exact.trim()) return { status: 'no-selection' };
  const opened = await openArticle(deps.reader, tabId);
  if (opened.status !== 'ok' || !opened.saved) {
    await deps.notify(tabId, messages.noArticle).catch(() => {});
    return { status: 'no-article' };
  }
  const article = opened.article;
  const found = anchor(article.textContent, { quote: { type: 'TextQuoteSelector', ...selection } });
  if (!found) {
    await deps.notify(tabId, messages.notInArticle).catch(() => {});
    return { status: 'not-in-article' };
  }
  await deps.reader.saves?.settled(article.id);
  const highlight = await deps.repository.create({
    articleId: article.id,
    url: article.url,
    selectors: describeTextQuote(article.textContent, found.start, found.end),
    color,
    ...(note ? { note } : {}),
    entities: await entitiesInRange(article, found.start, found.end, await deps.corrections().catch(() => [])),
  });
  await deps.draw(tabId, article.url).catch(() => {});
  return { status: 'created', highlight };
}

import { defineExtensionMessaging } from '@webext-core/messaging';
import type { OpenArticleResponse } from './background/reader';
import type { Selectors } from './anchoring';
import type { AnnotationPatch, NewAnnotation } from './db/annotations';
import type { AnnotationRecord, ArticleEntity, HighlightColor } from './db/schema';
import type { EntityCorrection, EntityType } from './entities/types';

/** What the live page needs to draw a highlight. */
export interface PageHighlight {
  id: string;
  selectors: Selectors;
  color: HighlightColor;
}

export interface Settings {
  /** Draw the reader's highlights on every page they revisit (optional host permission). */
  alwaysShowHighlights: boolean;
}

/**
 * Every message between Margin's parts, with its request and response types.
 * Pages → background. (The content script answers through scripting.executeScript's result,
 * see entrypoints/content.ts, which keeps it free of a messaging library.)
 */
export interface ProtocolMap {
  /** Popup → background: extract (fresh), store and return the article of a tab. */
  openArticle(request: { tabId: number }): OpenArticleResponse;
  /** The reader's entity corrections, oldest first. */
  listEntityCorrections(): EntityCorrection[];
  /** Record a correction (remove a name, or set its kind); answers the full list. */
  saveEntityCorrection(correction: EntityCorrection): EntityCorrection[];
  /** Forget a correction; answers the full list. */
  removeEntityCorrection(request: { text: string }): EntityCorrection[];

  /** The highlights of an article, oldest first. */
  listAnnotations(request: { articleId: string }): AnnotationRecord[];
  /** Save a new highlight; the live page draws it too. */
  createAnnotation(request: NewAnnotation & { tabId?: number }): AnnotationRecord;
  /** Change a highlight's colour, note, tags or orphaned flag. */
  updateAnnotation(request: { id: string; patch: AnnotationPatch; tabId?: number }): AnnotationRecord;
  /** Delete a highlight; answers it, for undo. */
  deleteAnnotation(request: { id: string; tabId?: number }): AnnotationRecord | null;
  /** Put a deleted highlight back. */
  restoreAnnotation(request: { record: AnnotationRecord; tabId?: number }): AnnotationRecord;

  /** Content script → background: the highlights to draw on this page. */
  pageHighlights(request: { url: string }): PageHighlight[];

  /** The names the reader view found in an article, for the library's entity filter. */
  setArticleEntities(request: { articleId: string; entities: ArticleEntity[] }): void;
  /** One article as a Markdown file (the popup downloads it). */
  exportArticle(request: { articleId: string }): { name: string; type: string; data: string };

  getSettings(): Settings;
  /** Switch "show my highlights whenever I revisit a page" (the popup asks for the permission first). */
  setAlwaysShowHighlights(request: { on: boolean }): Settings;
  /** The entity kinds the reader switched off in the legend (dates and figures by default). */
  getHiddenEntityKinds(): EntityType[];
  /** Remember the kinds switched off in the legend; answers them as stored. */
  setHiddenEntityKinds(request: { kinds: EntityType[] }): EntityType[];
}

/** Background → the highlighter content script in a tab. */
export interface PageProtocol {
  /** Draw these highlights (replacing what is drawn); answers how many were placed. */
  drawHighlights(highlights: PageHighlight[]): { drawn: number; missing: string[] };
  /** The reader's selection on the page, with the text around it. */
  captureSelection(): { exact: string; prefix: string; suffix: string } | null;
  /** A short message on the page (e.g. why a highlight could not be made). */
  showNotice(request: { text: string }): void;
}

export const pageMessenger = defineExtensionMessaging<PageProtocol>();

export const { sendMessage, onMessage } = defineExtensionMessaging<ProtocolMap>();

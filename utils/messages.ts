import { defineExtensionMessaging } from '@webext-core/messaging';
import type { OpenArticleResponse } from './background/reader';

/**
 * Every message between Margin's parts, with its request and response types.
 * Pages → background. (The content script answers through scripting.executeScript's result,
 * see entrypoints/content.ts, which keeps it free of a messaging library.)
 */
export interface ProtocolMap {
  /** Popup → background: extract (fresh), store and return the article of a tab. */
  openArticle(request: { tabId: number }): OpenArticleResponse;
}

export const { sendMessage, onMessage } = defineExtensionMessaging<ProtocolMap>();

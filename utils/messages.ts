import { defineExtensionMessaging } from '@webext-core/messaging';
import type { OpenArticleResponse } from './background/reader';
import type { EntityCorrection } from './entities/types';

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
}

export const { sendMessage, onMessage } = defineExtensionMessaging<ProtocolMap>();

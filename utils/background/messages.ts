import { defineExtensionMessaging } from '@webext-core/messaging';
import { assertShape, MAX_BODY_RECORD_CHARS, MAX_DEPTH } from '../limits';
import type { OpenArticleResponse, SaveOutcome } from './reader';
import type { Selectors } from '../anchoring';
import type { HighlightPatch, EditOutcome, NewHighlight, PatchBase } from '../db/highlights';
import type { HighlightRecord, ArticleEntity, HighlightColor } from '../db/schema';
import type { EntityCorrection, EntityType } from '../entities/types';
import type { EntityMention } from '../db/entity-index';
import type { PhotoUsage } from '../db/photos';
import type { RawEntity } from '../entities/mentions';
import type { RecognizeAnswer, RecognizeRequest } from './entities';
import type { Preferences } from './settings';
import type { ConfigureOutcome, SyncView } from './sync';
import type { SyncConfig } from '../sync/config';
import type { SyncStatus } from '../sync/engine';

/** How a write from an extension page went, said so the page can tell the reader. */
export type WriteOutcome<T> = { status: 'saved'; value: T } | { status: 'gone' } | { status: 'full' } | { status: 'failed'; reason: string };

/** An edit of the entity explorer (keys are entityKey). */
export type EntityEdit =
  | { op: 'merge'; key: string; into: string }
  | { op: 'unmerge'; key: string }
  | { op: 'split'; key: string; form: string }
  | { op: 'unsplit'; key: string; form: string }
  | { op: 'note'; key: string; note: string };

/** What the live page needs to draw a highlight. */
export interface PageHighlight {
  id: string;
  selectors: Selectors;
  color: HighlightColor;
}

/** How the on-page toolbar's save went (utils/page/page-toolbar.ts): its frame says it in the reader's language. */
export type PageToolbarSaved =
  { status: 'created'; id: string } | { status: 'no-selection' | 'no-article' | 'not-in-article' | 'full' } | { status: 'failed'; reason: string };

/** What the on-page toolbar's frame tells its page (through the background): close, or its height. */
export type ToolbarCommand = { op: 'close' } | { op: 'size'; height: number } | { op: 'edit'; id: string; focus: boolean };

export interface Settings {
  /** Draw the reader's highlights on every page they revisit (optional host permission). */
  alwaysShowHighlights: boolean;
  /** Saved copies keep the article's photos on this device (issue 22; on by default). */
  keepPhotos: boolean;
  /** Photos from other sites' image servers too, with the optional access to all sites. */
  photosFromAllSites: boolean;
}

/**
 * Every message between Margin's parts, with its request and response types.
 * Pages → background. (The content script answers through scripting.executeScript's result,
 * see entrypoints/capture.ts, which keeps it free of a messaging library.)
 */
export interface ProtocolMap {
  /**
   * Popup or side panel → background: extract (fresh), store and return the article of a tab.
   * `follow`: the side panel following the active tab, which Margin may not have been given
   * access to yet (answered `needs-access`, not `restricted`).
   */
  openArticle(request: { tabId: number; follow?: boolean }): OpenArticleResponse;
  /** The reader's entity corrections, oldest first. */
  listEntityCorrections(): EntityCorrection[];
  /** Record a correction (remove a name, or set its kind); answers the full list. */
  saveEntityCorrection(correction: EntityCorrection): EntityCorrection[];
  /** Forget a correction; answers the full list. */
  removeEntityCorrection(request: { text: string }): EntityCorrection[];

  /** The highlights of an article, oldest first. */
  listHighlights(request: { articleId: string }): HighlightRecord[];
  /** How the save of an article the reader was shown before it was saved went (null: none known). */
  articleSaved(request: { articleId: string }): SaveOutcome | null;
  /** Save a new highlight; the live page draws it too. */
  createHighlight(request: NewHighlight & { tabId?: number }): HighlightRecord;
  /** Change a highlight's colour, note, tags or orphaned flag. */
  updateHighlight(request: { id: string; patch: HighlightPatch; tabId?: number }): HighlightRecord;
  /**
   * The library's edit of a highlight: a patch with the version it was based on, merged with
   * edits made meanwhile or refused (see HighlightRepository.edit). Answers what happened,
   * never throws for a full disk or a highlight deleted elsewhere.
   */
  editHighlight(request: { id: string; patch: HighlightPatch; base?: PatchBase; tabId?: number }): EditOutcome;
  /** Put a highlight back (a deleted one, with the reader's latest note): answers what happened. */
  reviveHighlight(request: { record: HighlightRecord }): WriteOutcome<HighlightRecord>;
  /** Move an article and its highlights to the trash (restorable for TRASH_DAYS days). */
  trashArticle(request: { articleId: string }): WriteOutcome<null>;
  /** Bring an article back from the trash. */
  restoreArticle(request: { articleId: string }): WriteOutcome<null>;
  /** Delete a highlight; answers it, for undo. */
  deleteHighlight(request: { id: string; tabId?: number }): HighlightRecord | null;
  /** Put a deleted highlight back. */
  restoreHighlight(request: { record: HighlightRecord; tabId?: number }): HighlightRecord;

  /** Side panel → background → the page: scroll the live page to a highlight. */
  scrollPageToHighlight(request: { tabId: number; id: string }): boolean;

  /** Content script → background: the highlights to draw on this page. */
  pageHighlights(request: { url: string }): PageHighlight[];

  /** Content script: whether the reader has the on-page toolbar switched on (⚙, default on). */
  pageToolbarEnabled(): boolean;
  /**
   * The on-page toolbar's frame: highlight the selection its page opened it for, in this
   * colour and with this note, through the context menu's write path (the tab is the sender's).
   */
  pageToolbarSave(request: { color: HighlightColor; note: string }): PageToolbarSaved;
  /** The frame, opened on a drawn highlight: that highlight (null: deleted meanwhile). */
  pageToolbarHighlight(request: { id: string }): HighlightRecord | null;
  /** The frame: change a highlight's colour or note (merged or refused as the library's edits are). */
  pageToolbarEdit(request: { id: string; patch: HighlightPatch; base?: PatchBase }): EditOutcome;
  /** The frame: delete a highlight; answers it. */
  pageToolbarDelete(request: { id: string }): WriteOutcome<HighlightRecord | null>;
  /** The frame → its page: close the toolbar, or give it this height. */
  pageToolbarFrame(request: ToolbarCommand): void;

  /** The reader's pages → background: the entities of an article's text, by the one recogniser (utils/background/entities.ts). */
  recognizeEntities(request: RecognizeRequest): RecognizeAnswer;
  /** The names the reader view found in an article, for the library's entity filter. */
  /** `raw`: the entities before the reader's splits (with each form's count), from which the background applies the splits there are (utils/db/entity-splits.ts). */
  setArticleEntities(request: { articleId: string; entities: ArticleEntity[]; mentions?: EntityMention[]; raw?: RawEntity[] }): void;
  /** The entity explorer's edits (utils/db/entities.ts): merge or unmerge an entry, split a form off, write a note. */
  editEntity(request: EntityEdit): WriteOutcome<null>;
  /** One article as a Markdown file (the popup downloads it). */
  exportArticle(request: { articleId: string }): { name: string; type: string; data: string };

  getSettings(): Settings;
  /** Change the reader's preferences (toolbar button, text size); answers them as stored. */
  setPreferences(patch: Partial<Preferences>): Preferences;
  /** Switch "show my highlights whenever I revisit a page" (the popup asks for the permission first). */
  setAlwaysShowHighlights(request: { on: boolean }): Settings;
  /** Keep photos with saved copies, or not (issue 22). */
  setKeepPhotos(request: { on: boolean }): Settings;
  /** Read photos from other sites' image servers (the page asked for access to all sites first). */
  setPhotosFromAllSites(request: { on: boolean }): Settings;
  /** Delete every kept photo (settings); answers what they take now. */
  deletePhotos(): PhotoUsage;
  /** The saved copy of an article was opened: its photos are the last to be evicted. */
  photosRead(request: { articleId: string }): void;
  /** The entity kinds the reader switched off in the legend (dates and figures by default). */
  getHiddenEntityKinds(): EntityType[];
  /** Remember the kinds switched off in the legend; answers them as stored. */
  setHiddenEntityKinds(request: { kinds: EntityType[] }): EntityType[];

  /** Sync (issue 10): the settings as the page may see them (no password, no passphrase). */
  getSync(): SyncView;
  /**
   * Save the sync settings and sync, or switch sync off (`null`; local data stays). Empty
   * secrets keep the stored ones. The page asks for the server's origin first.
   */
  configureSync(request: { config: (Partial<SyncConfig> & { keepSecrets?: boolean }) | null }): ConfigureOutcome;
  /** Sync now; answers the status it left. */
  syncNow(): SyncStatus;
}

/** Background → the highlighter content script in a tab. */
export interface PageProtocol {
  /** Ask for this page's highlights and draw them again (the highlighter is there: it is not injected again). */
  redraw(): { drawn: number; missing: string[] };
  /** Draw these highlights (replacing what is drawn); answers how many were placed. */
  drawHighlights(highlights: PageHighlight[]): { drawn: number; missing: string[] };
  /** The reader's selection on the page, with the text around it. */
  captureSelection(): { exact: string; prefix: string; suffix: string } | null;
  /** A short message on the page (e.g. why a highlight could not be made). */
  showNotice(request: { text: string }): void;
  /** Scroll the page to a highlight; answers whether it is drawn there. */
  scrollToHighlight(request: { id: string }): boolean;
  /** The on-page toolbar: close it, size it, or open it on a highlight. */
  toolbar(request: ToolbarCommand): void;
}

/** Background → the side panel. */
export interface PanelProtocol {
  /** The reader clicked Margin's button on this tab (access granted): show it. */
  showTab(request: { tabId: number }): void;
}

export const panelMessenger = defineExtensionMessaging<PanelProtocol>();

export const pageMessenger = defineExtensionMessaging<PageProtocol>();

const messaging = defineExtensionMessaging<ProtocolMap>();

export const { sendMessage } = messaging;

/**
 * The background's listener for pages' messages. Every request passes the shared shape guard
 * first (utils/limits.ts, issue 21): a request nested too deep or too large is refused, naming
 * the message, before any handler walks it.
 */
export const onMessage: typeof messaging.onMessage = (type, handler) =>
  messaging.onMessage(type, (message) => {
    assertShape(message.data, `message ${type}`, MAX_DEPTH, MAX_BODY_RECORD_CHARS);
    return handler(message);
  });

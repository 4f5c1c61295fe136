import { browser } from 'wxt/browser';
import { errorMessage } from '../utils/async';
import { defineBackground } from 'wxt/utils/define-background';
import { highlightSelectionOnPage, toPageHighlights, type HighlightDeps } from '../utils/background/highlights';
import { openArticle, SaveTracker, type ReaderDeps } from '../utils/background/reader';
import { recognizeAhead, recognizeForReader, warmModels } from '../utils/background/entities';
import {
  ALL_SITES,
  applyAlwaysShow,
  applyKeepPhotos,
  applyPhotosFromAllSites,
  readHiddenKinds,
  readPreferences,
  readSettings,
  writeHiddenKinds,
  writePreferences,
  type Preferences,
} from '../utils/background/settings';
import { HighlightRepository } from '../utils/db/highlights';
import { PhotoStore, readKeepPhotos } from '../utils/db/photos';
import { PhotoKeeper } from '../utils/background/photos';
import { fetchPhotos, type PhotoTransfer } from '../utils/page/photos';
import type { PhotoCandidate } from '../utils/extract/photos';
import { normalizeUrl } from '../utils/url';
import { ArticleRepository, isQuotaError } from '../utils/db/articles';
import { CorrectionRepository } from '../utils/db/corrections';
import { mergeEntity, setEntityNote, splitForm, unmergeEntity, unsplitForm } from '../utils/db/entities';
import { MarginDB } from '../utils/db/schema';
import { readData } from '../utils/export/transfer';
import { purgeTrash, restoreArticle, trashArticle } from '../utils/db/trash';
import { reconcileSplits } from '../utils/db/entity-splits';
import { drainIndex } from '../utils/db/index-queue';
import { singleMarkdown } from '../utils/export/markdown';
import { uiLanguage } from '../utils/i18n';
import type { PageCapture } from '../utils/extract/capture';
import { finishArticle } from '../utils/extract/finish';
import { onMessage, pageMessenger, panelMessenger, type WriteOutcome } from '../utils/background/messages';
import { SyncController, type StoredSync } from '../utils/background/sync';
import { dropLegacyMirror, remoteDatabase } from '../utils/sync/pouch';
import { liveQuery } from 'dexie';
import { DRAWN_MESSAGE, NOTHING_DRAWN, type Drawn, type TestAnswer, type TestKind, type TestRequest } from '../utils/background/test-protocol';

const HIGHLIGHTER = '/content-scripts/highlighter.js';

export default defineBackground(() => {
  const db = new MarginDB();
  // The end-to-end tests' full disk: Chromium does not refuse an extension origin's IndexedDB
  // writes under a DevTools quota override (measured: 60k characters written with the quota at
  // half the usage), so the e2e build can make every write fail as a full disk does.
  if (import.meta.env.MODE === 'e2e') {
    let full = false;
    db.use({
      stack: 'dbcore',
      name: 'e2e-full-disk',
      create: (down) => ({
        ...down,
        table: (name) => {
          const table = down.table(name);
          return {
            ...table,
            mutate: (request) => (full ? Promise.reject(new DOMException('The disk is full (simulated)', 'QuotaExceededError')) : table.mutate(request)),
          };
        },
      }),
    });
    Object.assign(globalThis, { __marginFullDisk: (on: boolean) => (full = on) });
  }
  const highlightRepository = new HighlightRepository(db);
  const corrections = new CorrectionRepository(db);
  // The reader is answered as soon as an article is extracted; writes about it wait for its save.
  const saves = new SaveTracker();
  const reader: ReaderDeps = {
    saves,
    articles: new ArticleRepository(db),
    async getTab(tabId) {
      try {
        const tab = await browser.tabs.get(tabId);
        return tab.id === undefined ? null : { id: tab.id, url: tab.url, title: tab.title };
      } catch {
        return null;
      }
    },
    beforeExtract: (tab) => warmModels(tab.title),
    async extractFromTab(tabId) {
      const [injection] = await browser.scripting.executeScript({ target: { tabId }, files: ['/capture.js'] });
      const capture = injection?.result as PageCapture | undefined;
      if (!capture || typeof capture !== 'object' || typeof capture.textContent !== 'string') {
        throw new Error('The page did not answer Margin');
      }
      return { ...finishArticle(capture), ...(typeof capture.captureMs === 'number' ? { captureMs: capture.captureMs } : {}) };
    },
  };

  // Photos kept with saved copies (issue 22): fetched in the page's context right after the save
  // (its cache, its own requests), from the background only for image servers the page may not
  // read and only with access to all sites; shrunk and kept within budgets. Nothing is sent anywhere.
  const photoStore = new PhotoStore(db);
  const photos = new PhotoKeeper({
    store: photoStore,
    enabled: () => readKeepPhotos(db),
    async inPage(tabId, pageUrl, jobs, budget) {
      const tab = await browser.tabs.get(tabId);
      if (!tab.url || normalizeUrl(tab.url) !== normalizeUrl(pageUrl)) throw new Error('The tab shows another page now');
      await browser.scripting.executeScript({ target: { tabId }, files: ['/photos.js'] });
      const [injection] = await browser.scripting.executeScript({
        target: { tabId },
        func: (list: PhotoCandidate[], bytes: number) =>
          (globalThis as unknown as { __marginKeepPhotos: (l: PhotoCandidate[], b: number) => Promise<unknown> }).__marginKeepPhotos(list, bytes),
        args: [jobs, budget],
      });
      if (!Array.isArray(injection?.result)) throw new Error('The page did not answer Margin');
      return injection.result as PhotoTransfer[];
    },
    hasAllSites: async () => (await readSettings(db)).photosFromAllSites && (await browser.permissions.contains({ origins: ALL_SITES })),
    inBackground: (jobs, budget) => fetchPhotos(jobs, { credentials: 'omit' }, budget),
  });
  reader.afterSave = (record, tabId) => void photos.keep(record, tabId);

  /**
   * Draw the page's highlights: the highlighter already on the page draws them again (it asks
   * for them itself); where there is none, it is injected (and asks when it starts). Injected
   * again over a live one, it would replace it, and with it an open on-page toolbar.
   */
  const inject = async (tabId: number) => {
    await browser.scripting.executeScript({ target: { tabId }, files: [HIGHLIGHTER] });
  };
  const draw = async (tabId: number) => {
    const there = await pageMessenger.sendMessage('redraw', undefined, { tabId, frameId: 0 }).then(
      () => true,
      () => false,
    );
    if (!there) await inject(tabId);
  };
  const redraw = (tabId: number | undefined) => {
    if (tabId !== undefined) draw(tabId).catch(() => {});
  };

  const highlights: HighlightDeps = {
    reader,
    repository: highlightRepository,
    captureSelection: async (tabId) => {
      const ask = () => pageMessenger.sendMessage('captureSelection', undefined, { tabId, frameId: 0 });
      return ask().catch(async () => {
        await inject(tabId);
        return ask();
      });
    },
    draw: (tabId) => draw(tabId),
    notify: (tabId, text) => pageMessenger.sendMessage('showNotice', { text }, { tabId, frameId: 0 }),
    corrections: () => corrections.list(),
  };
  const highlightOnPage = async (tabId: number) => {
    const result = await highlightSelectionOnPage(highlights, tabId, 'yellow', {
      noArticle: browser.i18n.getMessage('noticeNoArticleForHighlight'),
      notInArticle: browser.i18n.getMessage('noticeNotInArticle'),
    });
    // The keyboard's way to the on-page toolbar: after the shortcut (or the menu), it opens on
    // the new highlight with the focus in it, for another colour or a note (Escape leaves it).
    if (result.status === 'created' && (await readPreferences(db).catch(() => null))?.pageToolbar)
      await pageMessenger.sendMessage('toolbar', { op: 'edit', id: result.highlight.id, focus: true }, { tabId, frameId: 0 }).catch(() => {});
    return result;
  };

  // The on-page toolbar (utils/page/page-toolbar.ts): its frame's writes, for the tab it is in.
  const toolbarDeps: HighlightDeps = {
    ...highlights,
    // The frame says what went wrong itself, next to the note.
    notify: async () => {},
  };
  onMessage('pageToolbarEnabled', async () => (await readPreferences(db)).pageToolbar);
  onMessage('pageToolbarSave', async ({ data, sender }) => {
    const tabId = sender.tab?.id;
    if (tabId === undefined) return { status: 'no-selection' as const };
    try {
      const result = await highlightSelectionOnPage(toolbarDeps, tabId, data.color, { noArticle: '', notInArticle: '' }, data.note);
      return result.status === 'created' ? { status: 'created' as const, id: result.highlight.id } : { status: result.status };
    } catch (error) {
      return failure(error);
    }
  });
  onMessage('pageToolbarHighlight', async ({ data }) => (await db.annotations.get(data.id)) ?? null);
  onMessage('pageToolbarEdit', async ({ data, sender }) => {
    try {
      const result = await highlightRepository.edit(data.id, data.patch, data.base);
      if (result.status === 'saved' && data.patch.color !== undefined && sender.tab?.id !== undefined) await draw(sender.tab.id).catch(() => {});
      return result;
    } catch (error) {
      return failure(error);
    }
  });
  onMessage('pageToolbarDelete', async ({ data, sender }) => {
    const result = await outcome(() => highlightRepository.remove(data.id));
    if (result.status === 'saved' && result.value && sender.tab?.id !== undefined) await draw(sender.tab.id).catch(() => {});
    return result.status === 'saved' ? { status: 'saved' as const, value: result.value ?? null } : result;
  });
  onMessage('pageToolbarFrame', async ({ data, sender }) => {
    if (sender.tab?.id !== undefined) await pageMessenger.sendMessage('toolbar', data, { tabId: sender.tab.id, frameId: 0 }).catch(() => {});
  });

  onMessage('openArticle', async ({ data }) => {
    const response = await openArticle(reader, data.tabId, { follow: data.follow });
    if (response.status === 'ok') {
      // The toolbar button (activeTab) lets Margin draw the reader's highlights on the page; the
      // page will ask for its entities once it has painted the article: worked out meanwhile,
      // after the page's highlighter is in (recognition holds this thread for a moment).
      const { textContent: text, title, lang } = response.article;
      void draw(data.tabId)
        .catch(() => {})
        .then(() => corrections.list())
        .then((list) => recognizeAhead({ text, title, lang, corrections: list }))
        .catch(() => {});
    }
    return response;
  });
  onMessage('recognizeEntities', ({ data }) => recognizeForReader(data));
  onMessage('listEntityCorrections', () => corrections.list());
  onMessage('saveEntityCorrection', async ({ data }) => {
    await corrections.save(data);
    return corrections.list();
  });
  onMessage('removeEntityCorrection', async ({ data }) => {
    await corrections.remove(data.text);
    return corrections.list();
  });

  onMessage('listHighlights', ({ data }) => highlightRepository.forArticle(data.articleId));
  onMessage('articleSaved', ({ data }) => saves.outcome(data.articleId));
  onMessage('createHighlight', async ({ data }) => {
    const { tabId, ...input } = data;
    await saves.settled(input.articleId);
    const record = await highlightRepository.create(input);
    redraw(tabId);
    return record;
  });
  onMessage('updateHighlight', async ({ data }) => {
    const record = await highlightRepository.update(data.id, data.patch);
    if (data.patch.color !== undefined) redraw(data.tabId);
    return record;
  });
  // The library's writes: done here, so closing its tab right after typing cannot abort them,
  // and answered as outcomes, so a full disk or a highlight deleted elsewhere is said, not thrown.
  const failure = (error: unknown): { status: 'full' } | { status: 'failed'; reason: string } =>
    isQuotaError(error) ? { status: 'full' } : { status: 'failed', reason: errorMessage(error) };
  const outcome = async <T>(write: () => Promise<T>): Promise<WriteOutcome<T>> => {
    try {
      return { status: 'saved', value: await write() };
    } catch (error) {
      return failure(error);
    }
  };
  onMessage('editHighlight', async ({ data }) => {
    try {
      const result = await highlightRepository.edit(data.id, data.patch, data.base);
      if (result.status === 'saved' && data.patch.color !== undefined) redraw(data.tabId);
      return result;
    } catch (error) {
      return failure(error);
    }
  });
  onMessage('reviveHighlight', ({ data }) => outcome(() => highlightRepository.restore(data.record)));
  onMessage('trashArticle', async ({ data }) => {
    const result = await outcome(() => trashArticle(db, data.articleId));
    return result.status === 'saved' ? (result.value.status === 'gone' ? { status: 'gone' as const } : { status: 'saved' as const, value: null }) : result;
  });
  onMessage('restoreArticle', async ({ data }) => {
    const result = await outcome(() => restoreArticle(db, data.articleId));
    return result.status === 'saved' ? (result.value.status === 'gone' ? { status: 'gone' as const } : { status: 'saved' as const, value: null }) : result;
  });
  // The trash keeps deleted articles for TRASH_DAYS days.
  // Then the photos of articles no longer kept anywhere go too (issue 22).
  void purgeTrash(db)
    .then(() => photoStore.sweep())
    .catch(() => {});
  // Splits that arrived while the background slept (an import, a sync round cut short) apply now.
  void reconcileSplits(db).catch((error: unknown) => console.warn('Margin: splits not applied', error));
  // What a large import left to index (the library closed before it was done) is indexed now.
  void drainIndex(db).catch((error: unknown) => console.warn('Margin: index not built yet', error));
  onMessage('deleteHighlight', async ({ data }) => {
    const removed = await highlightRepository.remove(data.id);
    redraw(data.tabId);
    return removed ?? null;
  });
  onMessage('restoreHighlight', async ({ data }) => {
    const record = await highlightRepository.restore(data.record);
    redraw(data.tabId);
    return record;
  });
  onMessage('scrollPageToHighlight', ({ data }) =>
    pageMessenger.sendMessage('scrollToHighlight', { id: data.id }, { tabId: data.tabId, frameId: 0 }).catch(() => false),
  );
  onMessage('pageHighlights', async ({ data }) => toPageHighlights(await highlightRepository.forUrl(data.url)));

  onMessage('setArticleEntities', async ({ data }) => {
    await saves.settled(data.articleId);
    await reader.articles.setEntities(data.articleId, data.entities, data.mentions, data.raw);
  });
  onMessage('editEntity', ({ data }) =>
    outcome(async () => {
      if (data.op === 'merge') await mergeEntity(db, data.key, data.into);
      else if (data.op === 'unmerge') await unmergeEntity(db, data.key);
      else if (data.op === 'split') await splitForm(db, data.key, data.form);
      else if (data.op === 'unsplit') await unsplitForm(db, data.key, data.form);
      else await setEntityNote(db, data.key, data.note);
      // A split applies to every saved article at once: the library and entity pages read their entities.
      if (data.op === 'split' || data.op === 'unsplit') await reconcileSplits(db);
      return null;
    }),
  );
  onMessage('exportArticle', async ({ data }) => {
    await saves.settled(data.articleId);
    const file = singleMarkdown(await readData(db, { articleIds: [data.articleId] }), { entityLinks: true, lang: uiLanguage().startsWith('ko') ? 'ko' : 'en' });
    return { name: file.name, type: file.type, data: file.data as string };
  });

  onMessage('getSettings', () => readSettings(db));
  onMessage('setAlwaysShowHighlights', ({ data }) => applyAlwaysShow(db, browser, data.on));
  onMessage('setPreferences', async ({ data }) => {
    const preferences = await writePreferences(db, data);
    await applyToolbar(preferences).catch(() => {});
    return preferences;
  });
  onMessage('setKeepPhotos', ({ data }) => applyKeepPhotos(db, data.on));
  onMessage('setPhotosFromAllSites', ({ data }) => applyPhotosFromAllSites(db, browser, data.on));
  onMessage('deletePhotos', async () => {
    await photoStore.clear();
    return photoStore.usage();
  });
  onMessage('photosRead', ({ data }) => photoStore.touch(data.articleId));
  onMessage('getHiddenEntityKinds', () => readHiddenKinds(db));
  onMessage('setHiddenEntityKinds', ({ data }) => writeHiddenKinds(db, data.kinds));

  // Sync (issue 10): settings in the extension's storage, rounds here, periodically by alarm and soon after local changes.
  const SYNC_ALARM = 'margin-sync';
  const sync = new SyncController({
    db,
    load: async () => (await browser.storage.local.get('sync')).sync as StoredSync | undefined,
    save: (value) => browser.storage.local.set({ sync: value }),
    hasPermission: (origin) => browser.permissions.contains({ origins: [origin] }),
    remote: remoteDatabase,
    schedule: (on) => void (on ? browser.alarms.create(SYNC_ALARM, { periodInMinutes: 1 }) : browser.alarms.clear(SYNC_ALARM)),
  });
  // Sync no longer keeps a mirror database (issue 21): an earlier version's is deleted.
  dropLegacyMirror();
  onMessage('getSync', () => sync.view());
  onMessage('configureSync', ({ data }) => sync.configure(data.config));
  onMessage('syncNow', () => sync.syncNow());
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === SYNC_ALARM) void sync.syncNow().catch(() => {});
  });
  // Every write, the library's import included, lands in the outbox; Dexie tells this worker.
  liveQuery(() => db.syncOutbox.count()).subscribe({ next: (pending) => pending > 0 && sync.soon(), error: () => {} });
  // The sync soak test (tests/e2e/sync-soak.test.ts) edits through the same repositories the pages' messages use.
  if (import.meta.env.MODE === 'e2e')
    Object.assign(globalThis, {
      __marginSoak: { db, highlights: highlightRepository, articles: new ArticleRepository(db), trashArticle, restoreArticle, syncNow: () => sync.syncNow() },
    });

  // What the toolbar button opens. With no popup set, a click reaches onClicked (and grants
  // activeTab on the tab), which opens the side panel in that window.
  const action = browser.action ?? (browser as unknown as { browserAction: typeof browser.action }).browserAction;
  const panels = browser as unknown as { sidePanel?: { open(o: { windowId: number }): Promise<void> }; sidebarAction?: { open(): Promise<void> } };
  const applyToolbar = (preferences: Preferences) => action.setPopup({ popup: preferences.toolbarOpens === 'panel' ? '' : 'popup.html' });
  void readPreferences(db)
    .then(applyToolbar)
    .catch(() => {});
  action.onClicked.addListener((tab) => {
    // Opened first, in the click: both browsers require the user's gesture for it.
    const opened = panels.sidebarAction
      ? panels.sidebarAction.open()
      : tab.windowId !== undefined
        ? panels.sidePanel?.open({ windowId: tab.windowId })
        : undefined;
    void Promise.resolve(opened)
      .catch(() => {})
      // An open panel reads the tab again, now that the click gave access to it.
      .then(() => {
        if (tab.id !== undefined) void panelMessenger.sendMessage('showTab', { tabId: tab.id }).catch(() => {});
      });
  });

  // Highlight from the page itself: the context menu and the keyboard shortcut.
  browser.runtime.onInstalled.addListener(() => {
    browser.contextMenus.create({ id: 'margin-highlight', title: browser.i18n.getMessage('contextHighlight'), contexts: ['selection'] });
  });
  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId === 'margin-highlight' && tab?.id !== undefined) void highlightOnPage(tab.id);
  });
  browser.commands.onCommand.addListener((command, tab) => {
    if (command === 'highlight-selection' && tab?.id !== undefined) void highlightOnPage(tab.id);
  });
  // The end-to-end tests cannot press a browser shortcut; they call what it calls.
  if (import.meta.env.MODE === 'e2e') {
    Object.assign(globalThis, { __marginCommand: highlightOnPage });
    // Every test request of both drivers (utils/background/test-protocol.ts).
    const answer = async (request: TestRequest): Promise<TestAnswer<TestKind>> => {
      switch (request.marginTest) {
        case 'drawn': {
          const drawn = (await browser.tabs.sendMessage(request.tabId, DRAWN_MESSAGE, { frameId: 0 }).catch(() => null)) as Drawn | null;
          return drawn ?? NOTHING_DRAWN;
        }
        case 'highlightSelection':
          await highlightOnPage(request.tabId);
          return null;
        case 'fullDisk':
          (globalThis as unknown as { __marginFullDisk: (on: boolean) => void }).__marginFullDisk(request.on);
          return null;
      }
    };
    Object.assign(globalThis, { __marginTest: answer });
  }
});

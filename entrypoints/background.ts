import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { openArticle, type ReaderDeps } from '../utils/background/reader';
import { ArticleRepository } from '../utils/db/articles';
import { CorrectionRepository } from '../utils/db/corrections';
import { MarginDB } from '../utils/db/schema';
import type { PageCapture } from '../utils/extract/capture';
import { finishArticle } from '../utils/extract/finish';
import { onMessage } from '../utils/messages';

export default defineBackground(() => {
  const db = new MarginDB();
  const reader: ReaderDeps = {
    articles: new ArticleRepository(db),
    async getTab(tabId) {
      try {
        const tab = await browser.tabs.get(tabId);
        return tab.id === undefined ? null : { id: tab.id, url: tab.url };
      } catch {
        return null;
      }
    },
    async extractFromTab(tabId) {
      const [injection] = await browser.scripting.executeScript({ target: { tabId }, files: ['/content-scripts/content.js'] });
      const capture = injection?.result as PageCapture | undefined;
      if (!capture || typeof capture !== 'object' || typeof capture.textContent !== 'string') {
        throw new Error('The page did not answer Margin');
      }
      return finishArticle(capture);
    },
  };

  const corrections = new CorrectionRepository(db);

  onMessage('openArticle', ({ data }) => openArticle(reader, data.tabId));
  onMessage('listEntityCorrections', () => corrections.list());
  onMessage('saveEntityCorrection', async ({ data }) => {
    await corrections.save(data);
    return corrections.list();
  });
  onMessage('removeEntityCorrection', async ({ data }) => {
    await corrections.remove(data.text);
    return corrections.list();
  });
});

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchWithExtension, openPopup, openTab, type ExtensionBrowser } from '../support/browser';
import { ARTIFACTS } from '../support/paths';

// Issue 19: the Hangul, Latin and Han forms of one name are one entity in the reader's list.
// The shared Newspim page gives them together: 딥시크(Deep Seek), 량원펑(梁文峰).
const origin = inject('origin');
let browser: ExtensionBrowser;

beforeAll(async () => {
  browser = await launchWithExtension({ extensionDir: inject('extensionDir'), locale: 'ko' });
});
afterAll(() => browser?.close());

describe('cross-script aliases in the extension', () => {
  it('lists a company and a person once, with their Latin and Han forms among the mentions', async () => {
    const { page, tabId } = await openTab(browser, `${origin}/fixtures/news/ko-newspim-deepseek/source.html`);
    const popup = await openPopup(browser, tabId);
    await popup.waitForSelector('[data-entities="ready"]');
    await popup.getByTestId('entities-button').click();
    const namesOf = async (kind: string, name: string) => {
      const item = popup.locator(`.panel-entity[data-kind="${kind}"][data-name="${name}"]`);
      await item.waitFor();
      const entity = (await item.getAttribute('data-entity'))!;
      const names = await popup.$$eval(`[data-testid="article-body"] mark.ent[data-entity="${entity}"]`, (els) =>
        els.map((m) => (m as HTMLElement).dataset.name!),
      );
      return { names: new Set(names), count: Number((await item.locator('.panel-count').textContent())?.replace(/\D/g, '')) };
    };
    const person = await namesOf('person', '량원펑');
    expect(person.names.has('梁文峰')).toBe(true);
    const org = await namesOf('org', '딥시크');
    expect(org.names.has('Deep Seek')).toBe(true);
    // The Latin and Han forms are not listed as entities of their own.
    expect(await popup.locator('.panel-entity[data-name="梁文峰"], .panel-entity[data-name="Deep Seek"]').count()).toBe(0);
    mkdirSync(ARTIFACTS, { recursive: true });
    await popup.screenshot({ path: join(ARTIFACTS, 'popup-ko-aliases.png') });
    await page.close();
    await popup.close();
  });
});

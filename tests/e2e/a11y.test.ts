import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { launchWithExtension, openPanel, openPopup, openTab } from '../support/browser';
import { ARTIFACTS } from '../support/paths';

const origin = inject('origin');

/** axe-core's serious and critical violations on a page (WCAG 2.x A and AA rules), as short lines. */
async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')} — ${n.failureSummary?.split('\n')[1]?.trim() ?? ''}`));
}

/** The library and a saved copy as a reader sees them, wide and narrow (artifacts/, looked at by a person). */
async function screenshots(library: Page, reader: Page, name: string) {
  mkdirSync(ARTIFACTS, { recursive: true });
  for (const [size, viewport] of [
    ['wide', { width: 1100, height: 800 }],
    ['narrow', { width: 420, height: 800 }],
  ] as const) {
    await library.setViewportSize(viewport);
    await reader.setViewportSize(viewport);
    await library.screenshot({ path: join(ARTIFACTS, `library-${name}-${size}.png`) });
    await reader.screenshot({ path: join(ARTIFACTS, `saved-reader-${name}-${size}.png`) });
    // Nothing may stick out sideways at either width.
    for (const page of [library, reader])
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1), `${name} ${size}`).toBe(true);
  }
}

describe('accessibility (axe-core): no serious or critical violations', () => {
  for (const [locale, scheme] of [
    ['ko', 'light'],
    ['ko', 'dark'],
    ['en', 'light'],
    ['en', 'dark'],
  ] as const) {
    it(`popup, side panel, library, its search and a saved copy, ${locale}, ${scheme}`, async () => {
      const browser = await launchWithExtension({ extensionDir: inject('extensionDir'), locale, colorScheme: scheme });
      try {
        const { tabId } = await openTab(browser, `${origin}/pages/sample-${locale}.html`);
        const popup = await openPopup(browser, tabId);
        await popup.waitForSelector('[data-entities="ready"]');
        expect(await violations(popup), 'popup').toEqual([]);
        // With its floating UI open too: the notes list and the settings.
        await popup.getByTestId('notes-button').click();
        await popup.getByTestId('settings-button').click();
        expect(await violations(popup), 'popup with notes and settings').toEqual([]);
        const panel = await openPanel(browser, tabId);
        await panel.waitForSelector('[data-entities="ready"]');
        expect(await violations(panel), 'side panel').toEqual([]);
        const library = await browser.context.newPage();
        await library.goto(`chrome-extension://${browser.extensionId}/library.html`);
        await library.waitForSelector('html[data-library="ready"]');
        expect(await violations(library), 'library').toEqual([]);
        // The saved copy, opened from its card.
        const opening = browser.context.waitForEvent('page');
        await library.getByTestId('read-saved').first().click();
        const reader = await opening;
        await reader.waitForSelector('[data-entities="ready"]');
        expect(await violations(reader), 'saved copy').toEqual([]);
        await screenshots(library, reader, `${locale}-${scheme}`);
        // Search results: a word of the article's text (the sample pages' second paragraph).
        const word = await reader.evaluate(
          () => document.querySelector('[data-testid="article-body"] p:nth-of-type(2)')?.textContent?.trim().split(/\s+/)[1] ?? '',
        );
        await library.setViewportSize({ width: 1100, height: 800 });
        await library.getByTestId('search').fill(word);
        await library.getByTestId('hits').waitFor();
        await expect.poll(() => library.locator('[data-testid="hit"][data-field="body"]').count()).toBeGreaterThan(0);
        expect(await violations(library), 'search results').toEqual([]);
        await library.screenshot({ path: join(ARTIFACTS, `library-search-${locale}-${scheme}.png`) });
      } finally {
        await browser.close();
      }
    });
  }
});

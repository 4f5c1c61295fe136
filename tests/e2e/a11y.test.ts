import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { launchWithExtension, openPanel, openPopup, openTab } from '../support/browser';

const origin = inject('origin');

/** axe-core's serious and critical violations on a page (WCAG 2.x A and AA rules), as short lines. */
async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')} — ${n.failureSummary?.split('\n')[1]?.trim() ?? ''}`));
}

describe('accessibility (axe-core): no serious or critical violations', () => {
  for (const scheme of ['light', 'dark'] as const) {
    it(`popup, side panel and library, ${scheme}`, async () => {
      const browser = await launchWithExtension({ extensionDir: inject('extensionDir'), locale: 'ko', colorScheme: scheme });
      try {
        const { tabId } = await openTab(browser, `${origin}/pages/sample-ko.html`);
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
      } finally {
        await browser.close();
      }
    });
  }
});

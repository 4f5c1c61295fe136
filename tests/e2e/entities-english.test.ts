import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchWithExtension, openPopup, openTab, type ExtensionBrowser } from '../support/browser';
import { ARTIFACTS } from '../support/paths';

// Real English news pages of the Readability corpus through the real extension: the learned
// English model is read from the extension's own files after the article is on screen.
const origin = inject('origin');
let browser: ExtensionBrowser;

beforeAll(async () => {
  browser = await launchWithExtension({ extensionDir: inject('extensionDir'), locale: 'en' });
});
afterAll(() => browser?.close());

async function readerFor(name: string): Promise<Page> {
  const { tabId } = await openTab(browser, `${origin}/corpus/readability/${name}/source.html`);
  const popup = await openPopup(browser, tabId);
  await popup.waitForSelector('[data-entities="ready"]', { timeout: 30_000 });
  return popup;
}

/** Every mark in the article body: its name and kind. */
const marks = (popup: Page) =>
  popup.$$eval('[data-testid="article-body"] mark.ent', (els) =>
    els.map((m) => ({ name: (m as HTMLElement).dataset.name!, kind: (m as HTMLElement).dataset.kind!, canonical: (m as HTMLElement).dataset.canonical })),
  );

const PRONOUNS = ['He', 'She', 'It', 'They', 'We', 'I', 'You', 'Him', 'Her'];
const DEMONYM = /^(?:American|Americans|Sudanese|African|African-American|Chinese|European|British|Russian|Israeli|Swedish|Korean)$/;

describe('the learned English model in the extension', () => {
  it('marks the country an article is about, and no nationality adjective as a place', async () => {
    const popup = await readerFor('nytimes-1');
    const found = await marks(popup);
    expect(found.filter((m) => m.name === 'Sudan' && m.kind === 'place').length).toBeGreaterThanOrEqual(10);
    expect(found.filter((m) => DEMONYM.test(m.name))).toEqual([]);
    expect(found.filter((m) => m.kind === 'person' && PRONOUNS.includes(m.name))).toEqual([]);
    mkdirSync(ARTIFACTS, { recursive: true });
    await popup.screenshot({ path: join(ARTIFACTS, 'model-en-sudan-popup.png') });
    await popup.close();
  });

  it('marks the utility a story is about as an organisation at every mention, and no pronoun as a person', async () => {
    const popup = await readerFor('nytimes-3');
    const found = await marks(popup);
    const utility = found.filter((m) => m.name === 'Con Edison');
    expect(utility.length).toBeGreaterThanOrEqual(5);
    for (const m of utility) expect(m.kind).toBe('org');
    expect(found.filter((m) => m.kind === 'person' && PRONOUNS.includes(m.name))).toEqual([]);
    await popup.screenshot({ path: join(ARTIFACTS, 'model-en-manholes-popup.png') });
    await popup.close();
  });
});

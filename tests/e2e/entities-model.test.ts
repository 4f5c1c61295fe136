import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchWithExtension, openPopup, openTab, type ExtensionBrowser } from '../support/browser';
import { ARTIFACTS } from '../support/paths';

// Real Korean entertainment columns of the Scrapinghub corpus: the people they are about
// are named again and again with no title or role beside them — what the rules missed.
const DRAMA = '9da36ae4714bfccc72374c6c146e9d1cd3cca39e2110bd67ccdbcc806f4cf139';
const GOSSIP = '0ec95c7261d122f304728e90c983450ef1ce1e0b423546835c397d50aaf0d0f2';

const origin = inject('origin');
let browser: ExtensionBrowser;

beforeAll(async () => {
  browser = await launchWithExtension({ extensionDir: inject('extensionDir'), locale: 'ko' });
});
afterAll(() => browser?.close());

async function readerFor(id: string): Promise<Page> {
  const { tabId } = await openTab(browser, `${origin}/corpus/scrapinghub/${id}.html`);
  const popup = await openPopup(browser, tabId);
  await popup.waitForSelector('[data-entities="ready"]', { timeout: 30_000 });
  return popup;
}

/** Every mark in the article body: its name and kind. */
const marks = (popup: Page) =>
  popup.$$eval('[data-testid="article-body"] mark.ent', (els) =>
    els.map((m) => ({ name: (m as HTMLElement).dataset.name!, kind: (m as HTMLElement).dataset.kind! })),
  );

describe('the learned Korean model in the extension', () => {
  it('marks the people of a drama column at every mention, with no particle fragments', async () => {
    const popup = await readerFor(DRAMA);
    const found = await marks(popup);
    const people = found.filter((m) => m.kind === 'person');
    // The actress the column is about, never introduced by a title, at most of her mentions.
    expect(people.filter((m) => m.name === '이유리').length).toBeGreaterThanOrEqual(8);
    expect(people.map((m) => m.name)).toContain('남상미');
    // No particle left on a name, no onomatopoeia as a place.
    expect(found.filter((m) => /(?:은|는|이|가|의|를|을|도|와|과)$/.test(m.name) && m.name.length > 3)).toEqual([]);
    expect(found.map((m) => m.name)).not.toContain('강강강강');
    const list = await popup.$eval('body', () => document.documentElement.lang);
    expect(list).toBe('ko');
    mkdirSync(ARTIFACTS, { recursive: true });
    await popup.screenshot({ path: join(ARTIFACTS, 'model-ko-drama-popup.png') });
    await popup.close();
  });

  it('does not make a person of a word with a copula (코스프레인가) and marks both people of the dispute', async () => {
    const popup = await readerFor(GOSSIP);
    const found = await marks(popup);
    const people = new Set(found.filter((m) => m.kind === 'person').map((m) => m.name));
    expect(people.has('류화영')).toBe(true);
    expect(people.has('엘제이')).toBe(true);
    expect([...people].some((n) => n.startsWith('코스프레'))).toBe(false);
    await popup.screenshot({ path: join(ARTIFACTS, 'model-ko-gossip-popup.png') });
    await popup.close();
  });
});

import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchWithExtension, openPopup, openTab, type ExtensionBrowser } from '../support/browser';
import { ARTIFACTS, ROOT } from '../support/paths';

// One recogniser: `npm run extract` and the reader the real extension draws give the same
// entities — same spans, same kinds — on a Korean page (the Korean model) and an English one
// (the English model).
const origin = inject('origin');
let browser: ExtensionBrowser;

beforeAll(async () => {
  browser = await launchWithExtension({ extensionDir: inject('extensionDir'), locale: 'en' });
});
afterAll(() => browser?.close());

interface Mark {
  start: number;
  end: number;
  text: string;
  type: string;
}

/** `npm run --silent extract -- <file> --url <url>`: the CLI's article text and entities. */
function extract(file: string, url: string): { text: string; entities: Mark[] } {
  const run = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/extract.ts'), file, '--url', url], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 120_000,
  });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  const out = JSON.parse(run.stdout) as { article: { textContent: string }; entities: Mark[] };
  return { text: out.article.textContent, entities: out.entities.map(({ start, end, text, type }) => ({ start, end, text, type })) };
}

/** The reader's marks in the popup: each entity's first element, at its offset in the body's text. */
async function readerMarks(path: string, shot: string): Promise<{ text: string; marks: Mark[] }> {
  const { page, tabId } = await openTab(browser, `${origin}${path}`);
  const popup = await openPopup(browser, tabId);
  await popup.waitForSelector('[data-entities="ready"]', { timeout: 60_000 });
  const result = await popup.getByTestId('article-body').evaluate((body) => {
    const marks = Array.from(body.querySelectorAll<HTMLElement>('mark.ent[data-first]')).map((m) => {
      const before = document.createRange();
      before.setStart(body, 0);
      before.setEndBefore(m);
      const start = before.toString().length;
      return { start, end: start + m.dataset.name!.length, text: m.dataset.name!, type: m.dataset.kind! };
    });
    return { text: body.textContent ?? '', marks };
  });
  mkdirSync(ARTIFACTS, { recursive: true });
  await popup.screenshot({ path: join(ARTIFACTS, shot) });
  await popup.close();
  await page.close();
  return result;
}

describe('npm run extract and the reader mark the same entities', () => {
  it.each([
    ['Korean', '/fixtures/news/ko-newspim-deepseek/source.html', join(ROOT, '../shared/fixtures/news/ko-newspim-deepseek/source.html'), 'cli-reader-ko.png'],
    ['English', '/pages/sample-en.html', join(ROOT, 'tests/pages/sample-en.html'), 'cli-reader-en.png'],
  ])('on a %s page: same spans and kinds', async (_lang, path, file, shot) => {
    const cli = extract(file, `${origin}${path}`);
    const reader = await readerMarks(path, shot);
    expect(cli.entities.length).toBeGreaterThan(5);
    // The reader's body is the article's text, so offsets compare as they are.
    expect(reader.text).toBe(cli.text);
    expect(reader.marks).toEqual(cli.entities);
  });
});

import type { Page } from 'playwright-core';

/**
 * Selects `text` in the reader's article body as a reader's drag would — the passage may run
 * across marks, so it is found in the joined text and mapped back to nodes — scrolls it into
 * view and tells the reader (mouseup). Whether the text was found.
 */
export function selectInArticle(popup: Page, text: string): Promise<boolean> {
  return popup.evaluate(selectInArticleScript, text);
}

/** selectInArticle's body, run in the page (also by the Firefox tests' puppeteer pages). */
export function selectInArticleScript(wanted: string): boolean {
  const body = document.querySelector('[data-testid="article-body"]')!;
  const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
  const nodes: Text[] = [];
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) nodes.push(node);
  const all = nodes.map((n) => n.data).join('');
  const at = all.indexOf(wanted);
  if (at < 0) return false;
  const range = document.createRange();
  let offset = 0;
  for (const node of nodes) {
    const end = offset + node.data.length;
    if (offset <= at && at < end) range.setStart(node, at - offset);
    if (offset < at + wanted.length && at + wanted.length <= end) range.setEnd(node, at + wanted.length - offset);
    offset = end;
  }
  (range.startContainer.parentElement as HTMLElement).scrollIntoView({ block: 'center' });
  getSelection()!.removeAllRanges();
  getSelection()!.addRange(range);
  body.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
  return true;
}

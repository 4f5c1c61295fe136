/**
 * The end-to-end tests' own messages, answered only by the e2e build (`wxt build --mode e2e`).
 * A test cannot reach into the extension the same way in both browsers (Chromium: its
 * service worker; Firefox: its event page, reached from an extension tab), so each driver
 * (tests/support/driver.ts) hands one of these requests to the background's
 * `__marginTest(request)` and gets the typed answer back. The page's highlighter answers
 * `drawn` itself (the background forwards it to the tab).
 */

/** What Margin drew on a page: the text under each colour, the overlay's boxes, its last layout time. */
export interface Drawn {
  byColor: Record<string, string[]>;
  boxes: number;
  layoutMs: number;
}

export interface TestProtocol {
  /** What the highlighter drew on a tab's page (nothing drawn: empty). */
  drawn: { request: { tabId: number }; answer: Drawn };
  /** What the shortcut and the context menu run on a tab: highlight the page's selection. */
  highlightSelection: { request: { tabId: number }; answer: null };
  /** Make every write to Margin's database fail as a full disk does (or stop). */
  fullDisk: { request: { on: boolean }; answer: null };
}

export type TestKind = keyof TestProtocol;
export type TestRequest<K extends TestKind = TestKind> = { [P in K]: { marginTest: P } & TestProtocol[P]['request'] }[K];
export type TestAnswer<K extends TestKind> = TestProtocol[K]['answer'];

/** The message the background forwards to a tab's highlighter for `drawn`. */
export const DRAWN_MESSAGE = { marginTest: 'drawn' } as const;

export function isDrawnMessage(message: unknown): boolean {
  return (message as { marginTest?: unknown } | null)?.marginTest === DRAWN_MESSAGE.marginTest;
}

export const NOTHING_DRAWN: Drawn = { byColor: {}, boxes: 0, layoutMs: 0 };

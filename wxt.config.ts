import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

/**
 * The content security policy of Margin's own pages (popup, side panel, library). DOMPurify
 * is the first layer against a hostile article; this is the second: no plugins, no <base>
 * to redirect relative URLs, no form that could post the reader's data, no frames, and no
 * connection anywhere but the extension itself (the Korean model is fetched from the
 * package) and the reader's sync server. A manifest's CSP is fixed at build time and cannot
 * name a server the reader chooses later, so connect-src allows HTTPS and this machine's
 * loopback (a CouchDB on the same computer); what narrows it to the one server is the
 * optional host permission asked for that origin when sync is set up (utils/sync/config.ts),
 * and the only code that calls the network is the background's sync (utils/sync/pouch.ts).
 * Images and styles stay open: articles show their own pictures, and saved copies the photos
 * kept with them (blob: URLs of the extension's origin, issue 22).
 */
export const EXTENSION_PAGES_CSP = [
  "script-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
  "connect-src 'self' https: http://localhost:* http://127.0.0.1:*",
].join('; ');

/**
 * Readability ships as a CommonJS file (`module.exports = Readability` at its end). Bundled as
 * it is, every script that imports it carries the bundler's CommonJS interop helpers; the
 * capture script is injected on every click, so the file is turned into the ES module it
 * nearly is. Nothing else in it changes.
 */
function readabilityAsModule() {
  const ending = /if \(typeof module === "object"\) \{[^}]*module\.exports = Readability;\s*\}\s*$/;
  return {
    name: 'margin:readability-as-module',
    transform(code: string, id: string) {
      if (!id.replace(/\\/g, '/').endsWith('@mozilla/readability/Readability.js')) return null;
      if (!ending.test(code)) throw new Error('Readability.js no longer ends with its module.exports: update readabilityAsModule()');
      return { code: code.replace(ending, 'export default Readability;\n'), map: null };
    },
  };
}

// Margin's extension build. Everything about the manifest lives here so that the
// permissions a reader is asked for can be read in one place.
export default defineConfig({
  // Explicit imports everywhere: the same modules run in Node under Vitest and in the CLI.
  imports: false,
  // `npm run zip`: the two store packages and, for addons.mozilla.org (the code is bundled),
  // the sources a reviewer rebuilds the Firefox package from (SOURCES.md says how;
  // `npm run zip:check` does it and compares). Only what the build reads goes in.
  zip: {
    excludeSources: ['tests/**', 'scratch/**', 'artifacts/**', 'reports/**', '.ci/**', '.github/**', '.vscode/**', '*.log'],
  },
  vite: () => ({
    plugins: [preact(), readabilityAsModule()],
    build: { target: 'es2022' },
  }),
  manifest: ({ browser, mode }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // No host permissions: the content script is injected on demand when the reader
    // clicks the toolbar button (activeTab + scripting).
    // storage and alarms: sync's settings (never in Margin's database or its exports) and its periodic rounds.
    permissions: ['activeTab', 'scripting', 'contextMenus', 'storage', 'alarms'],
    // Asked for only when the reader turns on "show my highlights whenever I revisit a page"
    // (MV2 keeps host permissions among the optional permissions).
    ...(browser === 'firefox' ? { optional_permissions: ['<all_urls>'] } : { optional_host_permissions: ['<all_urls>'] }),
    commands: {
      'highlight-selection': {
        // Not Alt+Shift+H: Obsidian Web Clipper takes it, and a clash leaves one extension without it.
        suggested_key: { default: 'Alt+Shift+U' },
        description: '__MSG_commandHighlight__',
      },
    },
    // The end-to-end build opens the popup as a normal tab (no toolbar click to grant
    // activeTab), so only that build may read the local test server.
    ...(mode === 'e2e' ? { host_permissions: ['http://127.0.0.1/*'] } : {}),
    action: { default_title: '__MSG_actionTitle__' },
    // The toolbar on the news page is this page in a frame (utils/page/page-toolbar.ts): a page
    // may frame it, so that nothing typed or clicked in it is an event of the page's own document.
    web_accessible_resources: browser === 'firefox' ? (['page-toolbar.html'] as never) : [{ resources: ['page-toolbar.html'], matches: ['<all_urls>'] }],
    content_security_policy: browser === 'firefox' ? (EXTENSION_PAGES_CSP as never) : { extension_pages: EXTENSION_PAGES_CSP },
    // The library is also the options page.
    options_ui: { page: 'library.html', open_in_tab: true },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'margin@margin-reader.app',
              // The version the Firefox suite runs on (Debian's ESR); 140 is the first to know
              // data_collection_permissions.
              strict_min_version: '153.0',
              // Margin collects nothing: what it keeps stays on the device, and sync sends it only
              // to the reader's own server, end-to-end encrypted when a passphrase is set.
              data_collection_permissions: { required: ['none'] },
            },
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
});

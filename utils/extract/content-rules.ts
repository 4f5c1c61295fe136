/**
 * The one list of what an article may contain when Margin shows it. The extractor
 * applies it while cleaning (so the stored text is the text that will be shown) and the
 * sanitiser enforces it (utils/sanitize.ts), so the two can never disagree.
 */

/** Removed together with everything inside them: active, embedded or interactive content. */
export const DROP_WITH_CONTENT = [
  'script',
  'style',
  'noscript',
  'template',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'svg',
  'math',
  'canvas',
  'audio',
  'video',
  'textarea',
  'select',
  'option',
  'optgroup',
  'datalist',
  'button',
  'noembed',
  'noframes',
  'xmp',
  'plaintext',
  'title',
  'head',
] as const;

/** Removed, but their children kept (a whole article wrapped in a <form> is common). */
export const UNWRAP = ['form', 'fieldset', 'dialog', 'slot', 'portal', 'label'] as const;

/** Void elements that carry nothing readable. */
export const DROP_VOID = ['input', 'link', 'meta', 'base', 'source', 'track', 'param', 'keygen'] as const;

/** Block-level elements: their edges separate the text ("\n" in textContent). */
export const BLOCK_TAGS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'br',
  'caption',
  'dd',
  'details',
  'div',
  'dl',
  'dt',
  'figcaption',
  'figure',
  'footer',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hgroup',
  'hr',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'ul',
]);

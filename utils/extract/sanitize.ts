import createDOMPurify, { type Config, type WindowLike } from 'dompurify';
import { DROP_VOID, DROP_WITH_CONTENT, UNWRAP } from './content-rules';

/**
 * Article HTML comes from an untrusted page and is shown inside a privileged extension
 * page. Everything goes through DOMPurify with an allow-list profile: HTML only (no SVG,
 * no MathML), no scripts, event handlers, styles, frames, objects or forms, and links
 * only to http(s)/mailto/tel. Ids and names are dropped so page markup can neither
 * clobber nor collide with the extension page's own.
 */
const CONFIG: Config = {
  USE_PROFILES: { html: true },
  FORBID_TAGS: [...DROP_WITH_CONTENT, ...UNWRAP, ...DROP_VOID],
  FORBID_CONTENTS: [...DROP_WITH_CONTENT],
  FORBID_ATTR: [
    'style',
    'class',
    'id',
    'name',
    'srcdoc',
    'formaction',
    'action',
    'ping',
    'background',
    'autoplay',
    'poster',
    'usemap',
    'tabindex',
    'accesskey',
    'contenteditable',
    'draggable',
    'slot',
    'is',
  ],
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: true,
  ALLOWED_URI_REGEXP: /^(?:(?:https?|mailto|tel):|[^a-z]|[a-z+.-]+(?:[^a-z+.\-:]|$))/i,
  KEEP_CONTENT: true,
};

export interface Sanitizer {
  /** Sanitised markup as a fragment, ready to insert (no second parse). */
  fragment(html: string): DocumentFragment;
  /** Sanitised markup as a string. */
  html(html: string): string;
}

/** A sanitiser bound to a window (the extension page's, or jsdom's in Node). */
export function createSanitizer(win: WindowLike): Sanitizer {
  const purify = createDOMPurify(win);
  // Parsed once: per-call configs make DOMPurify rebuild its allow-lists every time.
  purify.setConfig({ ...CONFIG, RETURN_DOM_FRAGMENT: true });
  // Links open apart and images load without a referrer. Set in one pass over the result rather
  // than in a hook, which DOMPurify calls for every node (a tenth of its time on long articles).
  const finish = (root: DocumentFragment) => {
    for (const el of Array.from(root.querySelectorAll('a[href]'))) {
      if (el.nodeName !== 'A') continue;
      el.setAttribute('target', '_blank');
      el.setAttribute('rel', 'noopener noreferrer nofollow');
    }
    for (const el of Array.from(root.querySelectorAll('img'))) {
      if (el.nodeName !== 'IMG') continue;
      // The page's images are the only remote loads a reader view needs; they are not
      // told which extension page asked for them.
      el.setAttribute('referrerpolicy', 'no-referrer');
      el.setAttribute('loading', 'lazy');
      el.setAttribute('decoding', 'async');
    }
    return root;
  };
  const { document } = win as unknown as { document: Document };
  const fragment = (html: string) => finish(purify.sanitize(html) as unknown as DocumentFragment);
  return {
    fragment,
    html(html) {
      const holder = document.createElement('div');
      holder.append(fragment(html));
      return holder.innerHTML;
    },
  };
}

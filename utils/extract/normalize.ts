import { BLOCK_TAGS, DROP_VOID, DROP_WITH_CONTENT, UNWRAP } from './content-rules';

const DROP = new Set<string>([...DROP_WITH_CONTENT, ...DROP_VOID]);
const UNWRAP_SET = new Set<string>(UNWRAP);
// HTML collapses these; NBSP is folded too because Korean sites use runs of &nbsp; for layout.
const COLLAPSIBLE = /[ \t\n\r\f\u00a0]+/g;

interface Layout {
  /** The last text node kept so far. */
  last: Text | null;
  /** A block edge or line break lies between `last` and the next text. */
  boundary: boolean;
}

/**
 * Remove what Margin never renders and lay the text out so that `root.textContent` is
 * clean reading text: whitespace runs collapsed to one space, nothing at the start or
 * end, and "\n" wherever a block edge or line break separates two runs of text. The
 * separators live in the DOM's own text nodes (where the browser collapses them away),
 * so the rendered article's text nodes concatenate to exactly this text — the offsets
 * of entities and highlights mean the same thing in the DOM and in the stored text.
 * One pass over the tree; idempotent.
 */
export function normalizeContent(root: Element): void {
  const layout: Layout = { last: null, boundary: false };
  visit(root, false, layout);
  const last = layout.last;
  if (last && last.data.endsWith(' ') && !isPreText(last)) {
    last.data = last.data.replace(/ +$/, '');
    if (!last.data) last.remove();
  }
}

function isPreText(text: Text): boolean {
  for (let n = text.parentNode; n; n = n.parentNode) {
    const name = (n as Element).localName;
    if (name === 'pre') return true;
  }
  return false;
}

function visit(node: Node, pre: boolean, layout: Layout): void {
  let child = node.firstChild;
  while (child) {
    let next = child.nextSibling;
    switch (child.nodeType) {
      case 1: {
        const el = child as Element;
        const name = el.localName;
        if (DROP.has(name)) {
          el.remove();
        } else if (UNWRAP_SET.has(name)) {
          // Put the children where the wrapper was and carry on from the first of them.
          next = el.firstChild ?? el.nextSibling;
          el.replaceWith(...Array.from(el.childNodes));
        } else {
          const block = BLOCK_TAGS.has(name);
          if (block) layout.boundary = true;
          visit(el, pre || name === 'pre', layout);
          if (block) layout.boundary = true;
        }
        break;
      }
      case 3:
        layText(child as Text, pre, layout);
        break;
      case 8: // comments carry no text
      case 7:
        child.parentNode!.removeChild(child);
        break;
    }
    child = next;
  }
}

function layText(text: Text, pre: boolean, layout: Layout): void {
  let value = pre ? text.data.replace(/\r\n?/g, '\n') : text.data.replace(COLLAPSIBLE, ' ');
  const last = layout.last;
  if (!last) {
    if (!pre) value = value.replace(/^ /, '');
  } else if (layout.boundary) {
    if (!pre) value = value.replace(/^ /, '');
    if (value) {
      // A trailing space before a break is collapsed away by the browser: drop it here too.
      if (last.data.endsWith(' ') && !isPreText(last)) last.data = last.data.replace(/ +$/, '');
      if (!value.startsWith('\n')) {
        const parent = text.parentNode as Element;
        if (pre && parent.localName === 'pre' && text === parent.firstChild) {
          // The HTML parser drops a newline that opens a <pre>: keep the separator outside.
          parent.parentNode?.insertBefore(text.ownerDocument.createTextNode('\n'), parent);
        } else {
          value = '\n' + value;
        }
      }
    }
  } else if (!pre && last.data.endsWith(' ')) {
    value = value.replace(/^ /, '');
  }
  if (value !== text.data) text.data = value;
  if (!value) {
    text.remove();
    return;
  }
  if (last && !last.data) last.remove();
  layout.last = text;
  layout.boundary = false;
}

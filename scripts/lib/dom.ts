import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { JSDOM, VirtualConsole } from 'jsdom';

/**
 * Decode a saved page the way a browser would: BOM, then a <meta charset> in the first
 * kilobytes (many Korean sites still serve EUC-KR), else UTF-8.
 */
export function decodeHtml(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096));
  const declared = head.match(/<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i)?.[1]?.toLowerCase();
  let label = declared && declared !== 'utf-8' && declared !== 'utf8' ? declared : 'utf-8';
  try {
    return new TextDecoder(label).decode(bytes);
  } catch {
    label = 'utf-8';
    return new TextDecoder(label).decode(bytes);
  }
}

const quiet = new VirtualConsole();
// <style> is raw text: its content ends at the first "</style", as the HTML parser does it.
const STYLE_BLOCK = /(<style\b[^>]*>)[\s\S]*?(<\/style\s*>)/gi;

/**
 * A jsdom window for a page (no scripts run, nothing is fetched). Style sheets are
 * emptied first: jsdom would parse them (slowly, and its CSS parser throws on some real
 * pages), and extraction never reads them — Readability drops <style> itself.
 */
export function windowFromHtml(html: string, url: string): JSDOM['window'] {
  return new JSDOM(html.replace(STYLE_BLOCK, '$1$2'), { url, virtualConsole: quiet }).window;
}

export function readHtmlFile(path: string): string {
  return decodeHtml(readFileSync(path));
}

export function fileUrl(path: string): string {
  return pathToFileURL(path).href;
}

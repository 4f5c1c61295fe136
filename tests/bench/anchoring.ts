import { anchor, describeTextQuote, type Selectors } from '../../utils/anchoring';
import { readDocument } from '../../utils/extract/pipeline';
import { windowFromHtml } from '../../scripts/lib/dom';
import { extractionPages } from './corpus';

/** A small seeded random generator, so every run measures the same highlights. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

interface Planted {
  paragraph: number;
  /** Offsets inside the paragraph's clean text. */
  from: number;
  to: number;
  typo: boolean;
}

export interface AnchoringBench {
  highlights: number;
  articleChars: number;
  unchanged: { ms: number; success: number; naiveMs: number; naiveSuccess: number };
  edited: { ms: number; success: number; naiveMs: number; naiveSuccess: number; gone: number; goneReportedOrphaned: number };
}

/**
 * 1,000 highlights on a long article, anchored again in the unchanged text and after
 * realistic edits (an ad paragraph inserted at the top, three paragraphs removed, typos
 * fixed inside 10% of the quotes, white space and quote marks changed), against the naive
 * way (indexOf of the quote) in the same run.
 */
export function benchAnchoring(count = 1000): AnchoringBench {
  // The longest article of the corpus, as Margin extracts it.
  let clean: string[] = [];
  for (const page of extractionPages()) {
    const win = windowFromHtml(page.html, page.url);
    const result = readDocument(win.document, win, page.url);
    win.close();
    if (!result.ok) continue;
    const paragraphs = result.article.textContent.split('\n').filter((p) => p.length >= 120);
    if (paragraphs.join('\n').length > clean.join('\n').length) clean = paragraphs;
  }
  const random = rng(42);
  const planted: Planted[] = [];
  while (planted.length < count) {
    const paragraph = Math.floor(random() * clean.length);
    const p = clean[paragraph]!;
    const length = 12 + Math.floor(random() * 100);
    let from = Math.floor(random() * Math.max(1, p.length - length));
    let to = Math.min(p.length, from + length);
    // A reader's selection starts and ends on text, not on a space.
    while (from < to && /\s/.test(p[from]!)) from++;
    while (to > from && /\s/.test(p[to - 1]!)) to--;
    if (to - from < 10) continue;
    planted.push({ paragraph, from, to, typo: random() < 0.1 });
  }
  // The original carries typos inside some quotes; the edited text has them fixed.
  const original = clean.map((p) => p.split(''));
  for (const h of planted) {
    if (!h.typo) continue;
    const at = h.from + Math.floor((h.to - h.from) / 2);
    const ch = original[h.paragraph]![at]!;
    if (/\s/.test(ch)) {
      h.typo = false;
      continue;
    }
    original[h.paragraph]![at] = ch === 'x' ? 'y' : 'x';
  }
  const originalParagraphs = original.map((chars) => chars.join(''));
  const originalText = originalParagraphs.join('\n');
  const starts: number[] = [];
  let offset = 0;
  for (const p of originalParagraphs) {
    starts.push(offset);
    offset += p.length + 1;
  }
  const selectors: Selectors[] = planted.map((h) => describeTextQuote(originalText, starts[h.paragraph]! + h.from, starts[h.paragraph]! + h.to));

  // The edited article.
  const removed = new Set<number>();
  while (removed.size < 3) removed.add(1 + Math.floor(random() * (clean.length - 1)));
  const editedParagraphs: { index: number; text: string }[] = [
    { index: -1, text: 'ADVERTISEMENT — Subscribe now and get your first month free. Offer ends soon.' },
  ];
  clean.forEach((p, index) => {
    if (removed.has(index)) return;
    const spaced = index % 7 === 0 ? p.replace(/ /g, '  ') : p;
    editedParagraphs.push({ index, text: spaced.replace(/"([^"]*)"/g, '“$1”') });
  });
  const edited = editedParagraphs.map((p) => p.text).join('\n');
  const editedStart = new Map<number, [number, number]>();
  offset = 0;
  for (const p of editedParagraphs) {
    editedStart.set(p.index, [offset, offset + p.text.length]);
    offset += p.text.length + 1;
  }
  const norm = (s: string) => s.replace(/\s+/g, ' ').replace(/[“”]/g, '"').trim();

  const run = (find: (s: Selectors) => { start: number; end: number } | null, isRight: (h: Planted, at: { start: number; end: number } | null) => boolean) => {
    const started = performance.now();
    const found = selectors.map(find);
    const ms = performance.now() - started;
    let right = 0;
    planted.forEach((h, k) => {
      if (isRight(h, found[k]!)) right++;
    });
    return { ms, right, found };
  };
  const naive = (text: string) => (s: Selectors) => {
    const at = text.indexOf(s.quote.exact);
    return at < 0 ? null : { start: at, end: at + s.quote.exact.length };
  };

  // Unchanged: the right place is where it was made.
  const rightUnchanged = (h: Planted, at: { start: number; end: number } | null) =>
    !!at && at.start === starts[h.paragraph]! + h.from && at.end === starts[h.paragraph]! + h.to;
  const margin = run((s) => anchor(originalText, s), rightUnchanged);
  const naiveUnchanged = run(naive(originalText), rightUnchanged);

  // Edited: the right place is the quote's clean text inside its paragraph; quotes whose
  // paragraph was removed must come back as null (orphaned).
  const live = planted.filter((h) => !removed.has(h.paragraph)).length;
  const rightEdited = (h: Planted, at: { start: number; end: number } | null) => {
    if (removed.has(h.paragraph)) return false;
    const span = editedStart.get(h.paragraph)!;
    return !!at && at.start >= span[0] && at.end <= span[1] && norm(edited.slice(at.start, at.end)) === norm(clean[h.paragraph]!.slice(h.from, h.to));
  };
  const marginEdited = run((s) => anchor(edited, s), rightEdited);
  const naiveEdited = run(naive(edited), rightEdited);
  const goneIndices = planted.map((h, k) => (removed.has(h.paragraph) ? k : -1)).filter((k) => k >= 0);

  return {
    highlights: count,
    articleChars: originalText.length,
    unchanged: { ms: margin.ms, success: margin.right / count, naiveMs: naiveUnchanged.ms, naiveSuccess: naiveUnchanged.right / count },
    edited: {
      ms: marginEdited.ms,
      success: marginEdited.right / live,
      naiveMs: naiveEdited.ms,
      naiveSuccess: naiveEdited.right / live,
      gone: goneIndices.length,
      goneReportedOrphaned: goneIndices.filter((k) => marginEdited.found[k] === null).length,
    },
  };
}

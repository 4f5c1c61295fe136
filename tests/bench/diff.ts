import { diffWordsWithSpace } from 'diff';
import { describeTextQuote } from '../../utils/anchoring';
import { newHighlightRecord } from '../../utils/db/highlights';
import { affectedHighlights } from '../../utils/db/versions';
import { diffText } from '../../utils/text/diff';
import { sentencesForBench } from './library';
import { median } from './stats';
import { normalizeUrl } from '../../utils/url';

export interface DiffBench {
  chars: number;
  paragraphs: number;
  /** diffText (paragraphs, then words inside the changed ones), median ms. */
  diffMs: number;
  /** jsdiff's word diff over the whole text at once, the one-level way, median ms. */
  wholeWordsMs: number;
  /** affectedHighlights for `highlights` highlights, median ms. */
  highlightsMs: number;
  highlights: number;
}

/**
 * What changed between two versions of a ~100 kB article (issue 24), made of real sentences:
 * 5% of the paragraphs edited (a word replaced), two removed, two added. The two-level diff
 * against jsdiff's word diff of the whole text, in the same run.
 */
export function benchDiff(targetChars = 100_000): DiffBench {
  const sentences = sentencesForBench();
  const paragraphs: string[] = [];
  let chars = 0;
  for (let i = 0; chars < targetChars; i++) {
    const p = [0, 1, 2, 3].map((k) => sentences[(i * 7 + k * 13) % sentences.length]!).join(' ');
    paragraphs.push(p);
    chars += p.length + 1;
  }
  const before = paragraphs.join('\n');
  const edited = paragraphs.map((p, i) => (i % 20 === 5 ? p.replace(/\S+/, '정정된') : p));
  edited.splice(10, 1);
  edited.splice(40, 1);
  edited.splice(25, 0, sentences[3]!);
  edited.push(sentences[9]!);
  const after = edited.join('\n');
  const highlights = Array.from({ length: 50 }, (_, i) => {
    const start = Math.floor((before.length - 80) * (i / 50));
    return newHighlightRecord({
      id: `h${i}`,
      articleId: 'a',
      url: normalizeUrl('https://x.example/a'),
      selectors: describeTextQuote(before, start, start + 40),
      createdAt: 1,
    });
  });
  const time = (work: () => unknown, runs: number) => {
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      work();
      times.push(performance.now() - t);
    }
    return median(times);
  };
  return {
    chars: before.length,
    paragraphs: paragraphs.length,
    diffMs: time(() => diffText(before, after), 7),
    wholeWordsMs: time(() => diffWordsWithSpace(before, after), 3),
    highlightsMs: time(() => affectedHighlights(before, after, highlights), 5),
    highlights: highlights.length,
  };
}

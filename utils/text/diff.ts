import { diffArrays, diffChars, diffWordsWithSpace } from 'diff';

/**
 * What changed between two versions of an article's text (issue 24), with jsdiff: paragraphs
 * (the text's "\n"-separated blocks) added, removed or changed, and inside a changed paragraph
 * the words (characters, for Chinese or Japanese written without spaces). Two levels keep it
 * fast on long articles: the paragraph diff is over a few hundred lines, the word diffs only over
 * the paragraphs that changed.
 */

export interface Part {
  text: string;
  added?: boolean;
  removed?: boolean;
}

export type ParagraphChange =
  { kind: 'same'; text: string } | { kind: 'added'; text: string } | { kind: 'removed'; text: string } | { kind: 'changed'; parts: Part[] };

export interface TextDiff {
  paragraphs: ParagraphChange[];
  added: number;
  removed: number;
  changed: number;
}

const paragraphsOf = (text: string) => text.split('\n').filter((p) => p.trim());

/** Share of the longer text's words the two have in common: are they one paragraph, edited? */
function similarity(a: string, b: string): number {
  const words = (s: string) => new Set(s.split(/\s+/).filter(Boolean));
  const x = words(a);
  const y = words(b);
  if (!x.size || !y.size) return 0;
  let common = 0;
  for (const w of x) if (y.has(w)) common++;
  return common / Math.max(x.size, y.size);
}

/** Long runs of Han or kana without spaces are compared by character. */
const unspaced = (s: string) => /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]{12,}/u.test(s);

/** An unchanged piece too small to read as such between two changes: white space, or a word of one or two letters ("a", "in", "이"). */
const slight = (text: string) => /^\s*\S{0,2}\s*$/u.test(text);

export function wordDiff(before: string, after: string): Part[] {
  const changes = unspaced(before) || unspaced(after) ? diffChars(before, after) : diffWordsWithSpace(before, after);
  const parts: Part[] = changes.map((c) => ({ text: c.value, ...(c.added ? { added: true } : {}), ...(c.removed ? { removed: true } : {}) }));
  // One change reads as what went and what came: a run of removed and added pieces (with the
  // slight unchanged pieces between them) becomes the removed text, then the added text.
  const out: Part[] = [];
  for (let i = 0; i < parts.length;) {
    if (!parts[i]!.added && !parts[i]!.removed) {
      out.push(parts[i++]!);
      continue;
    }
    let removed = '';
    let added = '';
    let j = i;
    for (; j < parts.length; j++) {
      const p = parts[j]!;
      if (p.removed) removed += p.text;
      else if (p.added) added += p.text;
      else if (slight(p.text) && parts.slice(j + 1).some((q) => q.added || q.removed) && (parts[j + 1]?.added || parts[j + 1]?.removed)) {
        removed += p.text;
        added += p.text;
      } else break;
    }
    if (removed) out.push({ text: removed, removed: true });
    if (added) out.push({ text: added, added: true });
    i = j;
  }
  return out;
}

/** The paragraphs of `after` against `before`: a removed paragraph followed by an added one that shares enough words is one changed paragraph. */
export function diffText(before: string, after: string): TextDiff {
  const out: ParagraphChange[] = [];
  let pendingRemoved: string[] = [];
  const flush = () => {
    for (const text of pendingRemoved) out.push({ kind: 'removed', text });
    pendingRemoved = [];
  };
  for (const change of diffArrays(paragraphsOf(before), paragraphsOf(after))) {
    if (change.removed) {
      flush();
      pendingRemoved = [...change.value];
    } else if (change.added) {
      for (const text of change.value) {
        // The removed paragraph most like it, if alike enough.
        let i = -1;
        let best = 0.4;
        pendingRemoved.forEach((old, k) => {
          const score = similarity(old, text);
          if (score >= best) [i, best] = [k, score];
        });
        if (i >= 0) {
          for (const old of pendingRemoved.splice(0, i)) out.push({ kind: 'removed', text: old });
          out.push({ kind: 'changed', parts: wordDiff(pendingRemoved.shift()!, text) });
        } else out.push({ kind: 'added', text });
      }
      flush();
    } else {
      flush();
      for (const text of change.value) out.push({ kind: 'same', text });
    }
  }
  flush();
  return {
    paragraphs: out,
    added: out.filter((p) => p.kind === 'added').length,
    removed: out.filter((p) => p.kind === 'removed').length,
    changed: out.filter((p) => p.kind === 'changed').length,
  };
}

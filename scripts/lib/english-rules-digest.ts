import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeEnglish, type EnglishLexicon } from '../../utils/entities/english';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** An HTML file's text, cheaply: tags out (block ends as line breaks), the common entities decoded. */
function htmlText(html: string): string {
  return html
    .replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, '')
    .replace(/<\/(?:p|div|h[1-6]|li|tr|blockquote|figcaption|pre)>|<br\s*\/?>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(?:#(\d+)|#x([\da-f]+)|(\w+));/gi, (m, dec: string, hex: string, name: string) =>
      dec ? String.fromCodePoint(Number(dec)) : hex ? String.fromCodePoint(parseInt(hex, 16)) : (ENTITIES[name] ?? m),
    )
    .replace(/[ \t]*\n\s*/g, '\n')
    .trim();
}

/**
 * A fingerprint of the rule-based English recogniser's output (analyzeEnglish with
 * compromise's lexicon) on the English pages of ../shared/corpus/readability (the text of
 * their expected.html). The learned English model reads these spans as features, and the
 * recogniser is split into passes: a change meant to change nothing (a refactor) must leave
 * the fingerprint as it was; one meant to change the output records it again
 * (scripts/record-english-rules.ts) and retrains the model.
 */
export interface EnglishRulesDigest {
  pages: string[];
  /** sha256 of the input texts: a changed corpus, not changed rules. */
  input: string;
  /** sha256 of the output over every page. */
  output: string;
  /** sha256 of the output per page, to tell where a difference starts. */
  perPage: string[];
}

/** The text of every English Readability test page, by name (sorted). */
export function englishCorpusTexts(corpus: string): { name: string; text: string }[] {
  const dir = join(corpus, 'readability');
  const out: { name: string; text: string }[] = [];
  for (const name of readdirSync(dir).sort()) {
    let lang = '';
    try {
      lang = (JSON.parse(readFileSync(join(dir, name, 'expected-metadata.json'), 'utf8')) as { lang?: string }).lang ?? '';
    } catch {
      continue;
    }
    if (!/^en\b/i.test(lang)) continue;
    out.push({ name, text: htmlText(readFileSync(join(dir, name, 'expected.html'), 'utf8')) });
  }
  return out;
}

/** The rules' output for one text, as one line of JSON. */
export const englishRulesLine = (text: string, lexicon: EnglishLexicon) => JSON.stringify(analyzeEnglish(text, lexicon));

export function englishRulesDigest(pages: readonly { name: string; text: string }[], lexicon: EnglishLexicon): EnglishRulesDigest {
  const sha = () => createHash('sha256');
  const input = sha();
  const output = sha();
  const perPage: string[] = [];
  for (const { text } of pages) {
    input.update(text + '\n');
    const line = englishRulesLine(text, lexicon) + '\n';
    output.update(line);
    perPage.push(sha().update(line).digest('hex').slice(0, 16));
  }
  return { pages: pages.map((p) => p.name), input: input.digest('hex'), output: output.digest('hex'), perPage };
}

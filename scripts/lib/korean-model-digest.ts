import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { recognizeEntities } from '../../utils/entities';
import type { KoreanModel } from '../../utils/entities/model/tagger';
import { loadLabelFiles, pageText } from './entity-eval';
import { klueFitTexts } from './korean-rules-digest';
import { FIXTURES, ROOT } from './paths';

/**
 * A fingerprint of what the Korean recogniser does with the committed model (model + rules +
 * consistency, the reader's path): its spans on the first SENTENCES sentences of KLUE's `fit`
 * split and on every Korean labelled page (shared fixtures and ours). A change meant to make
 * the recogniser faster and change nothing (the scoring table, the decoding loop, the rules'
 * regexes) must reproduce it; a retrained model or a change meant to alter the marks records
 * it again (npx tsx scripts/record-korean-model.ts).
 */
export interface KoreanModelDigest {
  sentences: number;
  /** sha256 of the sentences' output, per block of BLOCK sentences. */
  blocks: string[];
  pages: Record<string, string>;
}

const SENTENCES = 3000;
const BLOCK = 500;
const sha = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 32);

export function koreanModelDigest(korean: KoreanModel, shared: string): KoreanModelDigest {
  const texts = klueFitTexts(shared).slice(0, SENTENCES);
  const blocks: string[] = [];
  for (let b = 0; b < texts.length; b += BLOCK) {
    blocks.push(
      sha(
        texts
          .slice(b, b + BLOCK)
          .map((t) => JSON.stringify(recognizeEntities(t, { lang: 'ko', korean })))
          .join('\n'),
      ),
    );
  }
  const pages: Record<string, string> = {};
  for (const file of loadLabelFiles(ROOT, [FIXTURES, join(ROOT, 'tests/fixtures/entities'), join(ROOT, 'tests/fixtures/entities-holdout')])) {
    const page = pageText(file);
    const text = `${page.title}\n${page.text}`;
    if (!/^ko\b/i.test(page.lang ?? '') && !/[\uac00-\ud7a3]/.test(text)) continue;
    pages[file.name] = sha(JSON.stringify(recognizeEntities(text, { lang: page.lang, korean })));
  }
  return { sentences: texts.length, blocks, pages };
}

import { createHash } from 'node:crypto';
import { analyzeKorean, markNames } from '../../utils/entities/korean';
import { loadKlue } from './klue';

/**
 * A fingerprint of the rule-based Korean recogniser's output (analyzeKorean and markNames)
 * on the KLUE `fit` split. The learned model reads these spans as features, so a change to the
 * rules that is meant to change nothing must leave the fingerprint as it was; one that is
 * meant to change the output needs the model retrained and the fingerprint recorded again
 * (scripts/record-korean-rules.ts). Names, kinds and spans are hashed in the order the
 * recogniser produced them.
 */
export interface KoreanRulesDigest {
  sentences: number;
  /** sha256 of the input texts: a changed corpus, not changed rules. */
  input: string;
  /** sha256 of the output over every sentence. */
  output: string;
  /** sha256 of the output per block of BLOCK sentences, to tell where a difference starts. */
  blocks: string[];
}

const BLOCK = 250;

/** The output for one text, as one line of JSON. */
export function koreanRulesLine(text: string): string {
  const result = analyzeKorean(text);
  return JSON.stringify([[...result.types], [...result.mentionTypes], markNames(text, result)]);
}

export function koreanRulesDigest(texts: readonly string[]): KoreanRulesDigest {
  const sha = () => createHash('sha256');
  const input = sha();
  const output = sha();
  const blocks: string[] = [];
  let block = sha();
  texts.forEach((text, i) => {
    input.update(text + '\n');
    const line = koreanRulesLine(text) + '\n';
    output.update(line);
    block.update(line);
    if ((i + 1) % BLOCK === 0 || i === texts.length - 1) {
      blocks.push(block.digest('hex'));
      block = sha();
    }
  });
  return { sentences: texts.length, input: input.digest('hex'), output: output.digest('hex'), blocks };
}

/** The texts of the KLUE `fit` split, in file order. */
export const klueFitTexts = (shared: string): string[] =>
  loadKlue(shared)
    .filter((s) => s.split === 'fit')
    .map((s) => s.text);

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadKoreanModel } from '../../utils/entities/model/load';
import type { KoreanModel } from '../../utils/entities/model/tagger';
import { ROOT } from './paths';

/** The committed model file. */
export const MODEL_FILE = join(ROOT, 'public/models/ko-ner.bin.gz');

/** The committed Korean model, read from disk (the extension fetches the same file). */
export function koreanModelFromDisk(path = MODEL_FILE): Promise<KoreanModel> {
  return loadKoreanModel(() => readFile(path));
}

import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { recognizeForReader, warmModels } from '../../utils/background/entities';
import { loadKoreanModel, resetKoreanModel } from '../../utils/entities/model/load';
import { recognizeArticle } from '../../utils/entities/recognizer';
import { MODEL_FILE } from '../../scripts/lib/korean-model';
import { diskModels } from '../../scripts/lib/models';

const TEXT = '정다은 기자 = 한빛전자가 올해 2분기 영업이익이 12조원으로 집계됐다고 7일 밝혔다. 이승훈 대표는 서울 본사에서 열린 간담회에서 이같이 말했다.';
const TITLE = '한빛전자, 2분기 영업이익 12조원';
const bytes = () => Promise.resolve(readFileSync(MODEL_FILE));

afterEach(() => resetKoreanModel());

describe('entity recognition in the background (issue 19: marks soon after the article)', () => {
  it('starts reading the Korean model for a page whose title is Korean, and only then', async () => {
    resetKoreanModel();
    warmModels('A ferry budget passes after three hours');
    // Nothing started: this load is the first, from the file given.
    await expect(loadKoreanModel(bytes)).resolves.toBeDefined();
    resetKoreanModel();
    warmModels(TITLE);
    // Started by warmModels from the extension's own files, which Node does not have: this call joins that load.
    await expect(loadKoreanModel(bytes)).rejects.toThrow(/inside the extension/);
  });

  it("answers the reader's page with what recognizeArticle finds, the same spans the CLI gets", async () => {
    await loadKoreanModel(bytes);
    const answer = await recognizeForReader({ text: TEXT, title: TITLE, lang: 'ko', corrections: [] });
    expect(answer.failed).toEqual([]);
    expect(answer.spans).toEqual(await recognizeArticle(TEXT, { title: TITLE, lang: 'ko', models: diskModels }));
    expect(answer.spans).toContainEqual(expect.objectContaining({ text: '이승훈', type: 'person' }));
  });

  it('says which model did not load, and still answers with the rules’ marks and the corrections', async () => {
    const answer = await recognizeForReader({ text: TEXT, title: TITLE, lang: 'ko', corrections: [{ text: '이승훈', action: 'remove' }] });
    expect(answer.failed).toEqual(['korean']);
    expect(answer.spans.some((s) => s.text === '정다은')).toBe(true);
    expect(answer.spans.some((s) => s.text === '이승훈')).toBe(false);
  });
});

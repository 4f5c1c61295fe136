import { describe, expect, it } from 'vitest';
import { recognizeEntities } from '../../utils/entities';
import { recognizeArticle, rulesOnly, type ModelProvider } from '../../utils/entities/recognizer';
import { diskModels } from '../../scripts/lib/models';

// Sentences written for this test.
const KO_TITLE = '한빛전자, 대전에 새 공장';
const KO_BODY = '한빛전자는 대전에 새 공장을 짓는다고 17일 밝혔다. 박서연 대표는 "2천억원을 들인다"고 말했다.';
const EN_BODY =
  'Marisol Quentin, the chief executive of Harbor Lantern Inc., said on Monday that the company will open an office in Lisbon. ' +
  'Quentin said the office would employ 40 people and cost $12 million. The company was founded in Denver in 2009 and ' +
  'makes software for shipping firms across Europe and the Americas, where it has offices in Boston and Toronto as well.';

describe('recognizeArticle, the one entry point', () => {
  it('gives what recognizeEntities gives over headline + body, in the body’s offsets, headline unmarked', async () => {
    const korean = await diskModels.korean();
    const whole = recognizeEntities(`${KO_TITLE}\n${KO_BODY}`, { lang: 'ko', korean });
    const shift = KO_TITLE.length + 1;
    const expected = whole.filter((s) => s.start >= shift).map((s) => ({ ...s, start: s.start - shift, end: s.end - shift }));
    const got = await recognizeArticle(KO_BODY, { title: KO_TITLE, lang: 'ko', models: diskModels });
    expect(got).toEqual(expected);
    expect(got.length).toBeGreaterThan(2);
    for (const s of got) expect(KO_BODY.slice(s.start, s.end)).toBe(s.text);
    expect(got.map((s) => `${s.text}:${s.type}`)).toContain('박서연:person');
  });

  it('loads only the model a text needs, and says which one failed (the rules still mark)', async () => {
    const asked: string[] = [];
    const failed: string[] = [];
    const models: ModelProvider = {
      korean: () => (asked.push('korean'), Promise.reject(new Error('missing file'))),
      english: () => (asked.push('english'), Promise.resolve(null)),
    };
    const spans = await recognizeArticle(KO_BODY, { lang: 'ko', models, onModelError: (m) => failed.push(m) });
    expect(asked).toEqual(['korean']);
    expect(failed).toEqual(['korean']);
    expect(spans).toEqual(await recognizeArticle(KO_BODY, { lang: 'ko', models: rulesOnly }));
    asked.length = 0;
    await recognizeArticle(EN_BODY, { lang: 'en', models });
    expect(asked).toEqual(['english']);
  });

  it('uses the English model on English text, and the rules alone without models', async () => {
    const withModel = await recognizeArticle(EN_BODY, { lang: 'en', models: diskModels });
    const rules = await recognizeArticle(EN_BODY, { lang: 'en', models: rulesOnly });
    expect(withModel.map((s) => `${s.text}:${s.type}`)).toContain('Lisbon:place');
    expect(withModel).toEqual(recognizeEntities(EN_BODY, { lang: 'en', english: await diskModels.english() }));
    expect(rules).toEqual(recognizeEntities(EN_BODY, { lang: 'en' }));
  });

  it('applies the reader’s corrections', async () => {
    const spans = await recognizeArticle(KO_BODY, {
      lang: 'ko',
      models: rulesOnly,
      corrections: [{ text: '한빛전자', action: 'remove' }],
    });
    expect(spans.some((s) => s.text === '한빛전자')).toBe(false);
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { englishModelFromDisk } from '../../scripts/lib/english-ner';
import { englishRules, recognizeEntities, type EntitySpan } from '../../utils/entities';
import type { EnglishModel } from '../../utils/entities/english-model';
import { DEFAULT_ENGLISH_OPTIONS, isDemonym, recognizeEnglishWithModel } from '../../utils/entities/model/english-recognize';

// The reader's English path (compromise's lexicon, the committed tagger, the rules as its
// evidence, the article-level steps), on sentences written for these tests.
let english: EnglishModel;
beforeAll(async () => {
  english = await englishModelFromDisk();
}, 60_000);

const spans = (text: string): EntitySpan[] => recognizeEntities(text, { lang: 'en', english });
const pairs = (text: string) => spans(text).map((s) => `${s.text}:${s.type}`);

describe('the committed English model', () => {
  it('is loaded from its file, with the figures it was trained to', () => {
    expect(english.tagger).not.toBeNull();
    expect(english.tagger!.meta.language).toBe('en');
    expect((english.tagger!.meta.testF1 as Record<string, number>).all).toBeGreaterThan(0);
  });
});

describe('short forms join the full name', () => {
  it('a first name alone joins the one person the article names with it', () => {
    const text =
      'Taylor Swift opened the tour in Glendale on Friday night. Taylor told the crowd that the songs were new. ' +
      'Later Taylor played for three hours, and the audience sang along.';
    const taylor = spans(text).filter((s) => s.text === 'Taylor');
    expect(taylor).toHaveLength(2);
    for (const s of taylor) expect(s).toMatchObject({ type: 'person', canonical: 'Taylor Swift' });
  });

  it('a surname alone joins its person, and a different person of that first name stays apart', () => {
    const text = 'Marisol Okonkwo runs the clinic. Okonkwo said the waiting list had doubled. Marisol Okonkwo and Marisol Brandt both spoke.';
    const okonkwo = spans(text).filter((s) => s.text === 'Okonkwo');
    expect(okonkwo).toEqual([expect.objectContaining({ type: 'person', canonical: 'Marisol Okonkwo' })]);
    expect(spans(text).filter((s) => s.text === 'Marisol')).toEqual([]);
  });
});

describe('pronouns are never people', () => {
  it('"He" in a name is part of it; "He" alone is nobody', () => {
    const text =
      'Vice Premier Liu He arrived in Washington on Tuesday for trade talks. He met the treasury secretary for two hours. ' +
      'Liu said the talks were constructive. He will return next month, and She Wei, his adviser, will stay.';
    const got = spans(text);
    expect(got.filter((s) => s.text === 'He' || s.text === 'She')).toEqual([]);
    expect(pairs(text)).toContain('Liu He:person');
    const liu = got.find((s) => s.text === 'Liu');
    if (liu) expect(liu).toMatchObject({ type: 'person', canonical: 'Liu He' });
  });
});

describe('nationality and group adjectives are not places', () => {
  it('leaves American, Swedish, Ecuadorean, Korean and African-American unmarked', () => {
    const text =
      'American and Swedish investors joined an Ecuadorean cooperative last year. Korean exporters and African-American farmers ' +
      'also signed, and the Afghans on the board voted for it. The cooperative sells coffee in Sweden and Ecuador.';
    const got = spans(text);
    const adjectives = ['American', 'Swedish', 'Ecuadorean', 'Korean', 'African-American', 'Afghans'];
    expect(got.filter((s) => adjectives.includes(s.text))).toEqual([]);
    expect(pairs(text)).toEqual(expect.arrayContaining(['Sweden:place', 'Ecuador:place']));
  });

  it('tells demonyms from places and names', () => {
    for (const w of ['American', 'Swedish', 'Ecuadorean', 'Congolese', 'Afghans', 'Iraqis', 'African-American'])
      expect(isDemonym(w, english.lexicon)).toBe(true);
    for (const w of ['Sweden', 'Jordan', 'Brian', 'Buchanan', 'Milan']) expect(isDemonym(w, english.lexicon)).toBe(false);
  });
});

describe('places and organisations named like people', () => {
  it('a utility, a hospital, a clinic, a record label and an award are not people', () => {
    const text =
      'The storm cut power to 80,000 homes. Con Edison, the utility, said its crews worked through the night. ' +
      'The senator was taken to Walter Reed on Sunday and stayed at Walter Reed for a week. ' +
      'Doctors at the Mayo Clinic reviewed his scans. ' +
      'The singer left Big Machine in 2018; Big Machine kept the recordings. She won two AMAs that year.';
    const people = spans(text)
      .filter((s) => s.type === 'person')
      .map((s) => s.text);
    for (const name of ['Con Edison', 'Edison', 'Walter Reed', 'Mayo Clinic', 'Mayo', 'Big Machine', 'AMAs']) expect(people).not.toContain(name);
  });

  it('a name followed by "which" or by its officials is an organisation, not a person', () => {
    const text = 'Ferris Mallory, which runs the harbour ferries, cancelled the morning crossings. Ferris Mallory officials said the engines had frozen.';
    const got = spans(text).filter((s) => s.text === 'Ferris Mallory');
    expect(got.length).toBeGreaterThanOrEqual(1);
    for (const s of got) expect(s.type).toBe('org');
  });

  it('a room in a government building is no person', () => {
    const text = 'The president met the governors in the Cabinet Room on Monday. Reporters waited outside the Cabinet Room.';
    expect(
      spans(text)
        .filter((s) => s.type === 'person')
        .map((s) => s.text),
    ).toEqual([]);
  });
});

describe("the article's own subject", () => {
  it('a company whose name is also a common word is marked at every mention', () => {
    const text = [
      'Chime Raises New Funds as Online Banks Grow',
      'Chime, the online bank, said on Thursday that it had raised $750 million from investors.',
      'The company was founded in 2013, and Chime now serves more than 12 million customers.',
      'Rivals such as Varo have also grown, but Chime remains the largest of the app-only banks.',
      "Executives at Chime said the money would pay for new products. Chime's chief executive declined to comment.",
    ].join('\n');
    const chime = spans(text).filter((s) => s.text === 'Chime');
    expect(chime.length).toBeGreaterThanOrEqual(5);
    for (const s of chime) expect(s.type).toBe('org');
  });
});

describe('words that are also Object methods', () => {
  it('reads "constructor" and "toString" in a text as words, not as lexicon entries', () => {
    const text = 'The constructor calls toString on the object. Ada Brennan, a developer at Quillfeather, said hasOwnProperty and valueOf were fine.';
    expect(pairs(text)).toContain('Ada Brennan:person');
  });
});

describe('an organisation named after its place', () => {
  // Where the rules see only the place (at a sentence's start, after "of").
  const text = 'Profits of Atlantic Lottery Corporation fell. United States Navy ships arrived off Norway.';

  it('is the organisation, not the place in it', () => {
    expect(pairs(text)).toEqual(expect.arrayContaining(['Atlantic Lottery Corporation:org', 'United States Navy:org', 'Norway:place']));
    expect(pairs(text)).not.toContain('United States:place');
  });

  it('is what the model found where the rules saw only the place (placeInOrg)', () => {
    const without = recognizeEnglishWithModel(text, english.tagger!, english.lexicon, englishRules(text, english), {
      ...DEFAULT_ENGLISH_OPTIONS,
      placeInOrg: false,
    });
    expect(without.map((s) => `${s.text}:${s.type}`)).toContain('United States:place');
  });
});

describe('a country fielding a team', () => {
  const text = 'Norway beat Chile 2-1 in Oslo on Sunday, and Chile lost to Portugal three days later. Norway exports fish to Chile.';
  const kinds = (name: string) =>
    spans(text)
      .filter((s) => s.text === name)
      .map((s) => s.type);

  it('is an organisation at the mentions of a match, a place at the others', () => {
    expect(kinds('Norway')).toEqual(['org', 'place']);
    expect(kinds('Chile')).toEqual(['org', 'org', 'place']);
    expect(kinds('Portugal')).toEqual(['org']);
    expect(kinds('Oslo')).toEqual(['place']);
  });
});

describe('forms of address', () => {
  it('name no one', () => {
    const got = pairs('“Your Honor, my client was in Leeds,” said Dana Ruiz. Your Honor, he added, the record shows it. Her Majesty opened the bridge.');
    expect(got).toEqual(expect.arrayContaining(['Leeds:place', 'Dana Ruiz:person']));
    expect(got.filter((p) => /Honor|Majesty/.test(p))).toEqual([]);
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { recognizeEntities } from '../../utils/entities';
import { loadEnglishLexicon, type EnglishModel } from '../../utils/entities/english-model';

// The rule-based English recogniser (the learned model's evidence and its fallback).
let english: EnglishModel;
beforeAll(async () => {
  english = { lexicon: await loadEnglishLexicon(), tagger: null };
});

const spans = (text: string) => recognizeEntities(text, { lang: 'en', english });
const pairs = (text: string) => spans(text).map((s) => `${s.text}:${s.type}`);
const texts = (text: string) => spans(text).map((s) => s.text);

describe('words that are not names', () => {
  it('a bare title is not a person', () => {
    const got = pairs('The President said on Monday that he would sign it. Later the President flew home, and President Marta Quillon agreed.');
    expect(got).not.toContain('President:person');
    expect(got).toContain('Marta Quillon:person');
    expect(texts('The Prime Minister arrived late.')).toEqual([]);
  });

  it('pronouns and contractions are not names', () => {
    const got = texts("He left early. She said: We'll see. I'm not sure, and I've asked. They're ready. You'll know.");
    expect(got).toEqual([]);
  });

  it('spoken fillers are not names', () => {
    expect(texts('Um, I think so. Uh, maybe. Yeah, right. OK, fine. Okay then.')).toEqual([]);
  });

  it('products are not places, people or organisations', () => {
    const text =
      'The new MacBook Pro and the MacBook Air ship next week. Buyers compared the Galaxy S24 with the Surface Pro and the Pixel 8 Pro. ' +
      'Samsung Galaxy S24 Ultra sales rose. In the shop, the iPad Pro sat beside the Apple Watch.';
    const got = spans(text);
    const product = /MacBook|Galaxy|Surface|Pixel|Pro|Ultra|Air|Watch|S24/;
    expect(got.filter((s) => product.test(s.text))).toEqual([]);
    // The maker before a product is still a name.
    expect(pairs(text)).toContain('Samsung:org');
  });

  it('a product line without a model stays a name when it is one (LA Galaxy, Human Rights Watch)', () => {
    expect(pairs('LA Galaxy won the final.')).toContain('LA Galaxy:org');
    expect(pairs('Researchers at Human Rights Watch said the rules were ignored.')).toContain('Human Rights Watch:org');
  });

  it('currency fragments are not places or organisations', () => {
    const got = pairs('Prices are quoted in US dollars. The plant cost NT$60 million, and a HK$3 billion loan followed.');
    expect(got).not.toContain('US:place');
    expect(got.some((p) => p.startsWith('NT:') || p.startsWith('HK:'))).toBe(false);
    expect(got).toEqual(expect.arrayContaining(['NT$60 million:money', 'HK$3 billion:money']));
    // US as a country is still a place.
    expect(pairs('Exports to the US rose.')).toContain('US:place');
  });
});

describe('datelines', () => {
  it('an all-caps dateline that is a real place is that place, in full', () => {
    const text = 'NEW YORK — Stocks fell sharply on Tuesday.\nWASHINGTON (Reuters) - The Senate voted.';
    const got = spans(text);
    expect(got).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ start: 0, end: 8, text: 'NEW YORK', type: 'place' }),
        expect.objectContaining({ text: 'WASHINGTON', type: 'place' }),
        expect.objectContaining({ text: 'Reuters', type: 'org' }),
      ]),
    );
    expect(got.map((s) => s.text)).not.toContain('YORK');
  });

  it('an all-caps dateline that is no known place is never a person or an organisation', () => {
    const got = spans('PORT HALWICK — Rescuers reached the village. BREAKING NEWS: ferries stopped.');
    expect(got.filter((s) => s.type === 'person' || s.type === 'org')).toEqual([]);
  });

  it('acronyms side by side are read one by one', () => {
    expect(pairs('US FDA approves the drug.')).toEqual(expect.arrayContaining(['US:place', 'FDA:org']));
  });
});

describe('agencies', () => {
  it('news agencies are organisations', () => {
    const got = pairs('SEOUL, March 3 (Yonhap) -- Prices rose. Reuters, AP and AFP reported it, as did Bloomberg, Xinhua and the Associated Press.');
    expect(got).toEqual(
      expect.arrayContaining(['Yonhap:org', 'Reuters:org', 'AP:org', 'AFP:org', 'Bloomberg:org', 'Xinhua:org', 'Associated Press:org', 'SEOUL:place']),
    );
  });
});

describe('institutions named with a nationality', () => {
  it('keep the nationality when the name is "… of …", mid-sentence as at its start', () => {
    expect(pairs('He joined the Norwegian College of Surgeons in 2001.')).toContain('Norwegian College of Surgeons:org');
    expect(pairs('He joined the Norwegian Association of Harbour Pilots in 2001.')).toContain('Norwegian Association of Harbour Pilots:org');
  });

  it('while a nationality before a title and a name is still left out', () => {
    expect(pairs('Norwegian Prime Minister Ingrid Solberg resigned.')).toContain('Ingrid Solberg:person');
  });
});

describe('people across the whole document', () => {
  it('a name that is once confidently a person is a person at every mention', () => {
    const text = 'In Basra, Tarik Odenwall was seen near the port. Mr Odenwall said nothing. Later, Tarik Odenwall left for Basra again.';
    const got = spans(text).filter((s) => s.text.includes('Odenwall'));
    expect(got.length).toBe(3);
    for (const s of got) expect(s.type).toBe('person');
  });

  it('a bare surname names the full name it stands for', () => {
    const text = 'Lisbet Varga, the lawyer, said she would appeal. Varga left the court in Geneva. Critics of Varga were silent.';
    const got = spans(text).filter((s) => s.text.includes('Varga'));
    expect(got.map((s) => [s.text, s.type, s.canonical])).toEqual([
      ['Lisbet Varga', 'person', undefined],
      ['Varga', 'person', 'Lisbet Varga'],
      ['Varga', 'person', 'Lisbet Varga'],
    ]);
    const short = got[1]!;
    expect(text.slice(short.start, short.end)).toBe('Varga');
  });

  it('a surname shared by two people in the text names neither', () => {
    const text = 'Dana Whitcombe said the plan worked. Her brother, Ivo Whitcombe, said it failed. Whitcombe declined to comment.';
    const bare = spans(text).filter((s) => s.text === 'Whitcombe');
    expect(bare.length).toBe(1);
    expect(bare[0]!.canonical).toBeUndefined();
  });

  it('an organisation short form joins its full name when unambiguous', () => {
    const text = 'Dorvale Securities said profits doubled. Analysts expect Dorvale to expand, and Dorvale shares rose.';
    const got = spans(text).filter((s) => s.text.startsWith('Dorvale'));
    expect(got[0]).toMatchObject({ text: 'Dorvale Securities', type: 'org' });
    expect(got.slice(1).map((s) => [s.text, s.type, s.canonical])).toEqual([
      ['Dorvale', 'org', 'Dorvale Securities'],
      ['Dorvale', 'org', 'Dorvale Securities'],
    ]);
  });
});

describe('percentages and money in English articles', () => {
  it('finds them with their offsets', () => {
    const text = 'Kelbright Holdings said revenue rose 3.38% to $1.2 billion, while costs grew 5 percent.';
    const got = spans(text).filter((s) => s.type === 'percent' || s.type === 'money');
    const at = (s: string) => ({ start: text.indexOf(s), end: text.indexOf(s) + s.length, text: s });
    expect(got).toEqual([
      { ...at('3.38%'), type: 'percent' },
      { ...at('$1.2 billion'), type: 'money' },
      { ...at('5 percent'), type: 'percent' },
    ]);
    expect(got[0]!.start).toBe(37);
  });
});

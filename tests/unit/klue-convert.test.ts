import { describe, expect, it } from 'vitest';
import { parseKlueTsv } from '../../scripts/lib/klue';

/** KLUE's TSV read into the corpus format (scripts/convert-klue-train.ts). A sentence written for this test. */
const tsv = (id: string, rows: [string, string][]) => [`## ${id}\t(marked sentence)`, ...rows.map(([c, t]) => `${c}\t${t}`), ''].join('\n');
const chars = (text: string, tags: string[]) => [...text].map((c, i): [string, string] => [c, tags[i] ?? 'O']);

describe('parseKlueTsv', () => {
  it('reads spans in Margin types, amounts by their currency, the rest neutral', () => {
    const text = '한빛전자는 3일 부산에서 40억원과 5%를 냈다 2시';
    const tags = Array<string>(text.length).fill('O');
    const mark = (word: string, tag: string) => {
      const at = text.indexOf(word);
      tags[at] = `B-${tag}`;
      for (let k = at + 1; k < at + word.length; k++) tags[k] = `I-${tag}`;
    };
    mark('한빛전자', 'OG');
    mark('3일', 'DT');
    mark('부산', 'LC');
    mark('40억원', 'QT');
    mark('5%', 'QT');
    mark('2시', 'TI');
    const [s] = parseKlueTsv(tsv('klue-ner-v1_train_00001-wikitree', chars(text, tags)));
    expect(s).toMatchObject({ id: 'klue-ner-v1_train_00001-wikitree', genre: 'wikitree', split: 'train', text });
    expect(s!.spans.map((x) => `${text.slice(x.start, x.end)}:${x.type}`)).toEqual(['한빛전자:org', '3일:date', '부산:place', '40억원:money', '5%:percent']);
    expect(s!.neutral.map((x) => `${text.slice(x.start, x.end)}:${x.tag}`)).toEqual(['2시:TI']);
  });

  it('keeps a quantity that only contains a currency syllable neutral, and trims spaces off spans', () => {
    const text = '넘버원 노래, 5000원권 지폐';
    // 넘버원 is a quantity; the second one starts on the space before 5000원권.
    const tags = Array<string>(text.length).fill('O');
    tags.fill('I-QT', 0, 3).fill('I-QT', 7, 14);
    tags[0] = 'B-QT';
    tags[7] = 'B-QT';
    const [s] = parseKlueTsv(tsv('klue-ner-v1_train_00002-nsmc', chars(text, tags)));
    expect(s!.genre).toBe('nsmc');
    expect(s!.spans).toEqual([]);
    expect(s!.neutral.map((x) => text.slice(x.start, x.end))).toEqual(['넘버원', '5000원권']);
  });
});

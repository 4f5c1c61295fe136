import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/paths';

type Messages = Record<string, { message: string; placeholders?: Record<string, unknown> }>;
const load = (lang: string): Messages => JSON.parse(readFileSync(join(ROOT, 'public/_locales', lang, 'messages.json'), 'utf8'));
const en = load('en');
const ko = load('ko');

describe('UI strings', () => {
  it('has every English string in Korean too, with the same placeholders', () => {
    expect(Object.keys(ko).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(en)) {
      expect(Object.keys(ko[key]!.placeholders ?? {}), key).toEqual(Object.keys(en[key]!.placeholders ?? {}));
      for (const name of Object.keys(en[key]!.placeholders ?? {})) expect(ko[key]!.message, key).toContain(`$${name.toUpperCase()}$`);
    }
  });

  it('is actually translated (Korean strings are written in Hangul)', () => {
    for (const [key, { message }] of Object.entries(ko)) {
      // The product name, and messages made only of placeholders, have nothing to translate.
      if (key === 'extName' || !/\p{L}/u.test(message.replace(/\$[A-Z_]+\$/g, ''))) continue;
      expect(message, key).toMatch(/[가-힣]/);
    }
  });

  it('has no string nothing shows: every key is named in the code or the manifest', () => {
    // The source files as they are on disk (a new file counts before it is committed).
    const code = ['components', 'entrypoints', 'utils']
      .flatMap((dir) => readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' }).map((file) => join(dir, file)))
      .filter((file) => /\.(?:ts|tsx|html)$/.test(file))
      .concat('wxt.config.ts')
      .map((file) => readFileSync(join(ROOT, file), 'utf8'))
      .join('\n');
    const named = (key: string) => new RegExp(`['"\`]${key}['"\`]`).test(code) || code.includes(`__MSG_${key}__`);
    // A form for one ("articlesCountOne") is named through its key (tn('articlesCount', n)).
    const unused = Object.keys(en).filter((key) => !named(key) && !(key.endsWith('One') && named(key.slice(0, -3))));
    expect(unused).toEqual([]);
  });

  it('uses only keys the manifest and the code can reference', () => {
    for (const key of Object.keys(en)) expect(key).toMatch(/^[A-Za-z0-9_]+$/);
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENTITY_TYPES } from '../../utils/entities/types';
import { ROOT } from '../support/paths';

// README, Entities: each underline colour has at least 3:1 contrast against the page and
// every highlight colour (composited over the page), in light and dark. Read from theme.css.
const css = readFileSync(join(ROOT, 'components/theme.css'), 'utf8');
const darkStart = css.indexOf('@media (prefers-color-scheme: dark)');

type RGB = [number, number, number];

/** The value of a custom property in the light (first) or dark (inside the dark media query) :root blocks. */
function prop(name: string, dark: boolean): string {
  const re = new RegExp(`${name}:\\s*([^;]+);`, 'g');
  const all = [...css.matchAll(re)];
  const found = all.find((m) => (dark ? m.index > darkStart && isInDark(m.index) : !isInDark(m.index)));
  if (!found) throw new Error(`${name} (${dark ? 'dark' : 'light'}) not in theme.css`);
  return found[1]!.trim();
}

/** Whether an offset lies inside one of the dark-scheme media blocks. */
function isInDark(at: number): boolean {
  for (const m of css.matchAll(/@media \(prefers-color-scheme: dark\) \{/g)) {
    let depth = 0;
    for (let i = m.index + m[0].length - 1; i < css.length; i++) {
      if (css[i] === '{') depth++;
      else if (css[i] === '}' && --depth === 0) {
        if (at > m.index && at < i) return true;
        break;
      }
    }
  }
  return false;
}

function parse(value: string): { rgb: RGB; alpha: number } {
  const hex = /^#([0-9a-f]{6})$/i.exec(value);
  if (hex) return { rgb: [0, 2, 4].map((k) => parseInt(hex[1]!.slice(k, k + 2), 16)) as RGB, alpha: 1 };
  const rgb = /^rgb\((\d+) (\d+) (\d+)(?: \/ (\d+)%)?\)$/.exec(value);
  if (rgb) return { rgb: [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])], alpha: rgb[4] ? Number(rgb[4]) / 100 : 1 };
  throw new Error(`cannot read colour ${value}`);
}

const over = (top: { rgb: RGB; alpha: number }, base: RGB): RGB => top.rgb.map((c, k) => c * top.alpha + base[k]! * (1 - top.alpha)) as RGB;
const lum = (c: RGB) => {
  const [r, g, b] = c.map((v) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
};
const contrast = (a: RGB, b: RGB) => {
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
};

describe('entity underline colours', () => {
  for (const dark of [false, true]) {
    it(`have at least 3:1 against the page and each highlight colour (${dark ? 'dark' : 'light'})`, () => {
      const page = parse(prop('--bg', dark)).rgb;
      const grounds: [string, RGB][] = [['page', page]];
      for (const hl of ['yellow', 'green', 'blue', 'pink']) grounds.push([hl, over(parse(prop(`--hl-${hl}`, dark)), page)]);
      const low: string[] = [];
      for (const type of ENTITY_TYPES) {
        const ink = parse(prop(`--ent-${type}`, dark)).rgb;
        for (const [name, ground] of grounds) {
          const ratio = contrast(ink, ground);
          if (ratio < 3) low.push(`${type} on ${name}: ${ratio.toFixed(2)}`);
        }
      }
      expect(low).toEqual([]);
    });
  }

  it('give every kind a class with its colour and underline style, and a way to switch it off', () => {
    for (const type of ENTITY_TYPES) {
      expect(css).toMatch(new RegExp(`\\.ent-${type} \\{\\s*--ent: var\\(--ent-${type}\\);\\s*--ent-style: \\w+;`));
      expect(css).toContain(`.hide-${type} mark.ent-${type}`);
    }
  });
});

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NEWS_FIXTURES } from './paths';

export interface NewsExpectation {
  title: string;
  lang: string;
  siteName: string;
  byline: string;
  publishedTime: string;
  mustContain: string[];
  mustNotContain: string[];
}

export interface NewsFixture {
  name: string;
  dir: string;
  sourcePath: string;
  html: string;
  expected: NewsExpectation;
}

/** Every page under ../shared/fixtures/news/ that has a source and expectations. */
export function newsFixtures(): NewsFixture[] {
  return readdirSync(NEWS_FIXTURES, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(NEWS_FIXTURES, d.name, 'expected.json')))
    .map((d) => {
      const dir = join(NEWS_FIXTURES, d.name);
      const sourcePath = join(dir, 'source.html');
      return {
        name: d.name,
        dir,
        sourcePath,
        html: readFileSync(sourcePath, 'utf8'),
        expected: JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')),
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';

export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
/** The shared fixtures and corpus live beside the project, never copied into it. */
export const SHARED = resolve(ROOT, '../shared');
export const FIXTURES = resolve(SHARED, 'fixtures');
export const NEWS_FIXTURES = resolve(FIXTURES, 'news');
export const CORPUS = resolve(SHARED, 'corpus');
export const PAGES = resolve(ROOT, 'tests/pages');
export const ARTIFACTS = resolve(ROOT, 'artifacts');

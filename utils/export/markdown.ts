import { entityEdits, isEntityEdit, resolveKey } from '../db/entities';
import type { HighlightRecord } from '../db/schema';
import { principalEntities } from '../entities/summary';
import { entityKey, type EntityType } from '../entities/types';
import { entityPageFiles, entityPageName, exportEntities } from './entity-pages';
import { safeFileName } from './filenames';
import { byArticle, iso, type ExportFile, type MarginData } from './model';

export interface MarkdownOptions {
  /** Write the entities of each highlight as [[links]] (Obsidian); a zip also gets a page per entity (People/…md). */
  entityLinks?: boolean;
  /** The language of the words Margin writes (colour names, "no longer in the article"): the reader's UI language. */
  lang?: 'en' | 'ko';
}

/** Colour names and notices as the reader's UI says them (a Korean vault gets 노랑, not yellow — issue 22). */
const WORDS = {
  en: { yellow: 'yellow', green: 'green', blue: 'blue', pink: 'pink', orphaned: '*(no longer in the article)*' },
  ko: { yellow: '노랑', green: '초록', blue: '파랑', pink: '분홍', orphaned: '*(기사에서 더 찾을 수 없어요)*' },
} as const;

/** How an article links to an entity: to its page (after the reader's merges), shown as written. */
type LinkName = (e: { text: string; type: EntityType }) => string;

const plainLink: LinkName = (e) => `[[${e.text.replace(/[[\]|#^]/g, '')}]]`;

/** Links to the entity pages of `data` (utils/export/entity-pages.ts); names without a page link by their text. */
function entityLinker(data: MarginData): LinkName {
  const edits = entityEdits(data.corrections.filter(isEntityEdit));
  const pages = new Map(exportEntities(data, edits).map((e) => [e.key, entityPageName(e)]));
  return (e) => {
    const page = pages.get(resolveKey(edits.merges, entityKey(e)));
    const text = e.text.replace(/[[\]|#^]/g, '');
    return page === undefined ? plainLink(e) : page === text ? `[[${page}]]` : `[[${page}|${text}]]`;
  };
}

const YAML_ESCAPES: Record<string, string> = { '\\': '\\\\', '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\0': '\\0', '\u001b': '\\e' };

/**
 * A YAML double-quoted scalar that every YAML parser reads back as the same text: quotes
 * and backslashes escaped, and every control character (C0, DEL, C1, line and paragraph
 * separators, BOM) written as an escape; a lone surrogate, which YAML cannot hold, becomes U+FFFD.
 */
export function yamlString(value: string): string {
  const text = value.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
  return `"${text.replace(/[\\"\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff]/g, (ch) => YAML_ESCAPES[ch] ?? `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`)}"`;
}
const yaml = yamlString;

/**
 * Text as Markdown shows it literally: characters that would start emphasis, links,
 * HTML, headings, tables or lists are escaped (CommonMark backslash escapes).
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_[\]<>#|~]/g, '\\$&')
    .replace(/^(\s*)([-+=])(?=\s|$)/gm, '$1\\$2')
    .replace(/^(\s*\d+)([.)])(?=\s|$)/gm, '$1\\$2');
}

/**
 * An Obsidian tag (letters of any script, digits, _, -, and / for nesting): spaces become
 * "_", punctuation that would end the tag becomes a word (C++ → C_plus_plus, R&D → R_and_D,
 * 100% → 100_percent, C# → C_sharp) or "_"; nested tags stay nested (AI/ML); a tag of digits
 * only, which Obsidian does not take for a tag, gets a leading "_" (_1984).
 */
export function tagName(tag: string): string {
  const name = tag
    .normalize('NFC')
    .trim()
    .replace(/^#+/, '')
    .replace(/\+/g, '_plus_')
    .replace(/&/g, '_and_')
    .replace(/%/g, '_percent_')
    .replace(/#/g, '_sharp_')
    .replace(/[^\p{L}\p{M}\p{N}_\-/]+/gu, '_')
    .replace(/_+/g, '_')
    .replace(/\/{2,}/g, '/')
    .split('/')
    .map((part) => part.replace(/^_+|_+$/g, '') || '_')
    .filter((part, _i, all) => part !== '_' || all.length === 1)
    .join('/');
  if (!name || name === '_') return '';
  return /^[\d/]+$/.test(name) ? `_${name}` : name;
}

/** A heading or list item's text: control characters and line breaks become spaces, so the page cannot add lines. */
function oneLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').trim();
}

function frontMatter(fields: [string, string | null | undefined][], tags: string[]): string {
  const lines = ['---'];
  for (const [key, value] of fields) if (value) lines.push(`${key}: ${yaml(value)}`);
  const names = [...new Set(tags.map(tagName).filter(Boolean))];
  lines.push(names.length ? `tags: [${names.map(yaml).join(', ')}]` : 'tags: []');
  lines.push('---');
  return lines.join('\n');
}

function highlightBlock(a: HighlightRecord, options: MarkdownOptions, link: LinkName = plainLink): string {
  const parts: string[] = [];
  parts.push(
    a.quote
      .split('\n')
      .map((line) => `> ${escapeMarkdown(line)}`)
      .join('\n'),
  );
  const words = WORDS[options.lang ?? 'en'];
  if (a.orphaned) parts.push(words.orphaned);
  if (a.note) parts.push(escapeMarkdown(a.note).replace(/\n/g, '  \n'));
  const meta: string[] = [];
  const tags = a.tags.map(tagName).filter(Boolean);
  if (tags.length) meta.push(tags.map((t) => `#${t}`).join(' '));
  if (options.entityLinks && a.entities.length) meta.push(a.entities.map(link).join(' '));
  const color = words[a.color] ?? a.color;
  meta.push(a.imported?.undated ? color : `${color} · ${iso(a.createdAt).slice(0, 10)}`);
  parts.push(meta.join(' · '));
  return parts.join('\n\n');
}

type Group = ReturnType<typeof byArticle>[number];

function articleTags(annotations: HighlightRecord[]): string[] {
  const tags: string[] = [];
  for (const a of annotations) for (const t of a.tags) if (!tags.includes(t)) tags.push(t);
  return tags;
}

/** One article as an Obsidian note: front matter, then each highlight as a quote with its note and tags. */
export function articleMarkdown({ article, annotations }: Group, options: MarkdownOptions = {}, link: LinkName = plainLink): string {
  const head = frontMatter(
    [
      ['title', article.title],
      ['url', article.url],
      ['site', article.siteName],
      ['author', article.byline],
      ['published', article.publishedTime],
      ['saved', iso(article.savedAt)],
    ],
    articleTags(annotations),
  );
  const body = [
    `# ${escapeMarkdown(oneLine(article.title))}`,
    `[${escapeMarkdown(oneLine(article.siteName ?? new URL(article.url).hostname))}](<${article.url}>)`,
  ];
  // The names it is mostly about, each a link to its page.
  const names = options.entityLinks ? principalEntities(article.entities ?? []) : [];
  if (names.length) body.push(names.map(link).join(' · '));
  for (const a of annotations) body.push(highlightBlock(a, options, link));
  return `${head}\n\n${body.join('\n\n')}\n`;
}

export function articleFileName(article: Group['article']): string {
  const date = (article.publishedTime ?? iso(article.savedAt)).slice(0, 10);
  return safeFileName(`${date} ${article.title}`, 'md');
}

/** Many articles as one document, a section each (the CLI's Markdown). */
export function combinedMarkdown(data: MarginData, options: MarkdownOptions = {}): string {
  const link = options.entityLinks ? entityLinker(data) : plainLink;
  const sections = byArticle(data).map(({ article, annotations }) => {
    const meta = [
      `- url: <${article.url}>`,
      article.siteName && `- site: ${escapeMarkdown(oneLine(article.siteName))}`,
      article.byline && `- author: ${escapeMarkdown(oneLine(article.byline))}`,
      // Page-controlled, like every field here: escaped, and on one line.
      article.publishedTime && `- published: ${escapeMarkdown(article.publishedTime.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' '))}`,
      `- saved: ${iso(article.savedAt)}`,
    ].filter(Boolean);
    return [`## ${escapeMarkdown(oneLine(article.title))}`, meta.join('\n'), ...annotations.map((a) => highlightBlock(a, options, link))].join('\n\n');
  });
  return `# Margin\n\n${sections.join('\n\n---\n\n')}\n`;
}

/** One Markdown file per article (for a zip). */
export function markdownFiles(data: MarginData, options: MarkdownOptions = {}): { name: string; content: string }[] {
  const link = options.entityLinks ? entityLinker(data) : plainLink;
  const files = byArticle(data).map((group) => ({
    id: group.article.id,
    name: articleFileName(group.article),
    content: articleMarkdown(group, options, link),
  }));
  if (!options.entityLinks) return files.map(({ name, content }) => ({ name, content }));
  // A page per entity, linking back to the articles by their file names.
  const names = new Map(files.map((f) => [f.id, f.name.replace(/\.md$/, '')]));
  return [...files.map(({ name, content }) => ({ name, content })), ...entityPageFiles(data, (id) => names.get(id), escapeMarkdown)];
}

/** The Markdown file of one article (the popup's export; the background builds it without the zip and CSV code). */
export function singleMarkdown(data: MarginData, options: MarkdownOptions = {}): ExportFile {
  const [group] = byArticle(data);
  if (!group) throw new Error('This article is no longer in your library');
  return {
    name: articleFileName(group.article),
    type: 'text/markdown;charset=utf-8',
    data: articleMarkdown(group, options, options.entityLinks ? entityLinker(data) : plainLink),
  };
}

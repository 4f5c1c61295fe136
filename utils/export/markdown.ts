import type { AnnotationRecord } from '../db/schema';
import { safeFileName } from './filenames';
import { byArticle, iso, type ExportFile, type MarginData } from './model';

export interface MarkdownOptions {
  /** Write the entities of each highlight as [[links]] (Obsidian). */
  entityLinks?: boolean;
}

/** A YAML double-quoted scalar. */
function yaml(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t')}"`;
}

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

/** An Obsidian tag: no spaces, no characters that end a tag. */
export function tagName(tag: string): string {
  return tag.trim().replace(/\s+/g, '_').replace(/[#,.;:!?()[\]{}"'`<>|\\/]/g, '');
}

function frontMatter(fields: [string, string | null | undefined][], tags: string[]): string {
  const lines = ['---'];
  for (const [key, value] of fields) if (value) lines.push(`${key}: ${yaml(value)}`);
  lines.push(tags.length ? `tags: [${tags.map((t) => yaml(tagName(t))).join(', ')}]` : 'tags: []');
  lines.push('---');
  return lines.join('\n');
}

function highlightBlock(a: AnnotationRecord, options: MarkdownOptions): string {
  const parts: string[] = [];
  parts.push(
    a.quote
      .split('\n')
      .map((line) => `> ${escapeMarkdown(line)}`)
      .join('\n'),
  );
  if (a.orphaned) parts.push('*(no longer in the article)*');
  if (a.note) parts.push(escapeMarkdown(a.note).replace(/\n/g, '  \n'));
  const meta: string[] = [];
  if (a.tags.length) meta.push(a.tags.map((t) => `#${tagName(t)}`).join(' '));
  if (options.entityLinks && a.entities.length) meta.push(a.entities.map((e) => `[[${e.text.replace(/[[\]|#^]/g, '')}]]`).join(' '));
  meta.push(`${a.color} · ${iso(a.createdAt).slice(0, 10)}`);
  parts.push(meta.join(' · '));
  return parts.join('\n\n');
}

type Group = ReturnType<typeof byArticle>[number];

function articleTags(annotations: AnnotationRecord[]): string[] {
  const tags: string[] = [];
  for (const a of annotations) for (const t of a.tags) if (!tags.includes(t)) tags.push(t);
  return tags;
}

/** One article as an Obsidian note: front matter, then each highlight as a quote with its note and tags. */
export function articleMarkdown({ article, annotations }: Group, options: MarkdownOptions = {}): string {
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
  const body = [`# ${escapeMarkdown(article.title)}`, `[${escapeMarkdown(article.siteName ?? new URL(article.url).hostname)}](<${article.url}>)`];
  for (const a of annotations) body.push(highlightBlock(a, options));
  return `${head}\n\n${body.join('\n\n')}\n`;
}

export function articleFileName(article: Group['article']): string {
  const date = (article.publishedTime ?? iso(article.savedAt)).slice(0, 10);
  return safeFileName(`${date} ${article.title}`, 'md');
}

/** Many articles as one document, a section each (the CLI's Markdown). */
export function combinedMarkdown(data: MarginData, options: MarkdownOptions = {}): string {
  const sections = byArticle(data).map(({ article, annotations }) => {
    const meta = [
      `- url: <${article.url}>`,
      article.siteName && `- site: ${escapeMarkdown(article.siteName)}`,
      article.byline && `- author: ${escapeMarkdown(article.byline)}`,
      article.publishedTime && `- published: ${article.publishedTime}`,
      `- saved: ${iso(article.savedAt)}`,
    ].filter(Boolean);
    return [`## ${escapeMarkdown(article.title)}`, meta.join('\n'), ...annotations.map((a) => highlightBlock(a, options))].join('\n\n');
  });
  return `# Margin\n\n${sections.join('\n\n---\n\n')}\n`;
}

/** One Markdown file per article (for a zip). */
export function markdownFiles(data: MarginData, options: MarkdownOptions = {}): { name: string; content: string }[] {
  return byArticle(data).map((group) => ({ name: articleFileName(group.article), content: articleMarkdown(group, options) }));
}

/** The Markdown file of one article (the popup's export; the background builds it without the zip and CSV code). */
export function singleMarkdown(data: MarginData, options: MarkdownOptions = {}): ExportFile {
  const [group] = byArticle(data);
  if (!group) throw new Error('This article is no longer in your library');
  return { name: articleFileName(group.article), type: 'text/markdown;charset=utf-8', data: articleMarkdown(group, options) };
}

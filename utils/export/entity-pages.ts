import { entityEdits, isEntityEdit, keysOf, resolveKey, type EntityEdits } from '../db/entities';
import { pairable } from '../db/entity-index';
import type { HighlightRecord } from '../db/schema';
import { principalEntities } from '../entities/summary';
import { entityKey, type EntityType } from '../entities/types';
import { safeFileName } from './filenames';
import { byArticle, iso, type MarginData } from './model';

/**
 * The entities of an export (issue 24): one per entity key after the reader's merges, with the
 * articles that name it, the highlights that name it and the reader's note. Markdown writes a page
 * per entity (People/…md, linked from the articles' [[links]]); JSON-LD lists them under Margin's
 * namespace. Entities the reader has touched (a highlight names it, a note, a merge) and the names
 * an article is mostly about (its principal names, as its library card shows them) get one; the
 * other names of every article would make tens of thousands of pages nobody opens.
 */
export interface ExportEntity {
  key: string;
  type: EntityType;
  name: string;
  /** The other names it is written as: merged entries, and the highlights' spellings. */
  aliases: string[];
  note: string;
  /** Article ids, newest first. */
  articles: string[];
  highlights: HighlightRecord[];
}

/** The folder an entity's page goes in. */
export const ENTITY_FOLDERS: Partial<Record<EntityType, string>> & Record<string, string> = {
  person: 'People',
  org: 'Organisations',
  place: 'Places',
  work: 'Works',
};
const folderOf = (type: EntityType) => ENTITY_FOLDERS[type] ?? 'Names';

export function exportEntities(data: MarginData, edits: EntityEdits = entityEdits(data.corrections.filter(isEntityEdit))): ExportEntity[] {
  const out = new Map<string, ExportEntity>();
  // Sets beside the lists: an entity in thousands of articles must not be searched through for each.
  const articleSets = new Map<string, Set<string>>();
  const highlightSets = new Map<string, Set<string>>();
  const addArticle = (e: ExportEntity, id: string) => {
    const seen = articleSets.get(e.key) ?? new Set<string>();
    articleSets.set(e.key, seen);
    if (!seen.has(id)) {
      seen.add(id);
      e.articles.push(id);
    }
  };
  const touched = new Set<string>([...edits.notes.keys(), ...edits.merges.values()].map((k) => resolveKey(edits.merges, k)));
  const entry = (key: string, text: string, type: EntityType) => {
    const root = resolveKey(edits.merges, key);
    let e = out.get(root);
    if (!e) out.set(root, (e = { key: root, type, name: text, aliases: [], note: edits.notes.get(root) ?? '', articles: [], highlights: [] }));
    if (root === key) e.name = text;
    else if (!e.aliases.includes(text)) e.aliases.push(text);
    return e;
  };
  const principal = new Map<string, number>();
  for (const { article, annotations } of byArticle(data)) {
    for (const p of principalEntities(article.entities ?? [])) {
      const root = resolveKey(edits.merges, entityKey(p));
      principal.set(root, (principal.get(root) ?? 0) + 1);
    }
    for (const e of article.entities ?? []) {
      if (!pairable(e.type)) continue;
      addArticle(entry(entityKey(e), e.text, e.type), article.id);
    }
    for (const h of annotations)
      for (const e of h.entities) {
        if (!pairable(e.type)) continue;
        const item = entry(entityKey(e), e.text, e.type);
        touched.add(item.key);
        const seen = highlightSets.get(item.key) ?? new Set<string>();
        highlightSets.set(item.key, seen);
        if (!seen.has(h.id)) {
          seen.add(h.id);
          item.highlights.push(h);
        }
        addArticle(item, h.articleId);
      }
  }
  for (const e of out.values()) e.aliases = e.aliases.filter((a) => a !== e.name);
  return [...out.values()].filter((e) => touched.has(e.key) || principal.has(e.key) || keysOf(edits.merges, e.key).length > 1);
}

/** The name an Obsidian link to an entity uses: its page's file name, without ".md". */
export function entityPageName(e: Pick<ExportEntity, 'name'>): string {
  return safeFileName(e.name, 'md').replace(/\.md$/, '');
}

/** The entity pages, as files of a vault: People/이재용.md etc. `articleName` gives each article's file name (without ".md"). */
export function entityPageFiles(
  data: MarginData,
  articleName: (id: string) => string | undefined,
  escape: (text: string) => string,
): { name: string; content: string }[] {
  const articles = new Map(data.articles.map((a) => [a.id, a]));
  return exportEntities(data).map((e) => {
    const lines = ['---', `type: ${e.type}`, `aliases: [${e.aliases.map((a) => JSON.stringify(a)).join(', ')}]`, '---', '', `# ${escape(e.name)}`, ''];
    if (e.note) lines.push(escape(e.note).replace(/\n/g, '  \n'), '');
    lines.push('## Articles', '');
    const list = e.articles
      .map((id) => articles.get(id))
      .filter((a): a is NonNullable<typeof a> => !!a)
      .sort((x, y) => y.savedAt - x.savedAt);
    for (const a of list) {
      const name = articleName(a.id);
      const date = (a.publishedTime ?? iso(a.savedAt)).slice(0, 10);
      lines.push(`- ${date} · ${name ? `[[${name}]]` : escape(a.title)}${a.siteName ? ` · ${escape(a.siteName)}` : ''}`);
    }
    if (e.highlights.length) {
      lines.push('', '## Highlights', '');
      for (const h of e.highlights) {
        const name = articleName(h.articleId);
        lines.push(
          h.quote
            .split('\n')
            .map((l) => `> ${escape(l)}`)
            .join('\n'),
        );
        if (h.note) lines.push('', escape(h.note).replace(/\n/g, '  \n'));
        lines.push('', `— ${name ? `[[${name}]]` : ''} · ${iso(h.createdAt).slice(0, 10)}`, '');
      }
    }
    return { name: `${folderOf(e.type)}/${entityPageName(e)}.md`, content: `${lines.join('\n').trimEnd()}\n` };
  });
}

/** The entities in Margin's JSON-LD (`margin:entities`): derived, for other tools; an import reads them from the articles and corrections again. */
export function entitiesJson(data: MarginData): Record<string, unknown>[] {
  return exportEntities(data).map((e) => ({
    'margin:key': e.key,
    'margin:kind': e.type,
    name: e.name,
    ...(e.aliases.length ? { 'margin:aliases': e.aliases } : {}),
    ...(e.note ? { 'margin:note': e.note } : {}),
    'margin:articles': e.articles,
    'margin:highlights': e.highlights.map((h) => h.id),
  }));
}

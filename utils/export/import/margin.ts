import * as v from 'valibot';
import type { ArticleRecord } from '../../article';
import { CORRECTION_ACTIONS, type EntityCorrectionRecord } from '../../db/records';
import { ENTITY_TYPES } from '../../entities/types';
import { ENTITY_EDIT_MAX, MAX_BODY_HTML, MAX_BODY_TEXT } from '../../limits';
import { normalizeUrl } from '../../url';
import { stableId } from '../ids';
import { FORMAT_VERSION, READABLE_VERSIONS } from '../model';
import { counted, date, entity, ImportError, invalid, isObject, LIMITS, nullableText, parse, readDate, text, webUrl, type Context } from './common';

/*
 * Margin's own export: a W3C AnnotationCollection (its annotations are read by w3c.ts, with their
 * `margin:` properties) carrying the articles, with their text, and the entity corrections.
 */

const marginArticle = v.object({
  id: text(100),
  url: webUrl,
  title: text(2000),
  byline: nullableText(500),
  siteName: nullableText(500),
  lang: nullableText(50),
  publishedTime: nullableText(64),
  excerpt: nullableText(5000),
  contentHtml: text(MAX_BODY_HTML),
  textContent: text(MAX_BODY_TEXT),
  savedAt: date,
  updatedAt: date,
  savedUrl: v.optional(webUrl),
  entities: v.optional(v.pipe(v.array(v.object({ ...entity.entries, count: v.pipe(v.number(), v.integer(), v.minValue(0)) })), v.maxLength(5000))),
});

const marginCorrection = v.object({
  id: v.optional(text(100)),
  text: v.pipe(text(500), v.minLength(1, 'is empty')),
  action: v.picklist(CORRECTION_ACTIONS),
  type: v.optional(v.picklist(ENTITY_TYPES)),
  // The entity explorer's merges, splits and notes (utils/db/entities.ts).
  key: v.optional(text(ENTITY_EDIT_MAX.key)),
  into: v.optional(text(ENTITY_EDIT_MAX.into)),
  form: v.optional(text(ENTITY_EDIT_MAX.form)),
  note: v.optional(text(ENTITY_EDIT_MAX.note)),
  createdAt: date,
  updatedAt: date,
});

/**
 * Read a Margin export's envelope: its format version, its articles (into `ctx.articles`, by
 * normalised URL) and entity corrections, all validated; answers its annotations, still unread,
 * for w3c.ts. Sets the position unit of the format (1: UTF-16, 2: code points).
 */
export function readMargin(json: Record<string, unknown>, ctx: Context): { items: unknown[]; corrections: EntityCorrectionRecord[] } {
  const corrections: EntityCorrectionRecord[] = [];
  const version = json['margin:version'];
  if (!READABLE_VERSIONS.includes(version as number)) {
    throw new ImportError(
      `This file is in Margin's format ${JSON.stringify(version)}; this version of Margin reads format ${FORMAT_VERSION}`,
      'margin-version',
      {
        version: JSON.stringify(version) ?? '',
        supported: String(FORMAT_VERSION),
      },
    );
  }
  if (json.type !== 'AnnotationCollection') throw invalid('type', 'is not "AnnotationCollection"');
  ctx.positionUnit = version === 1 ? 'utf16' : 'code-points';
  const first = json.first;
  if (!isObject(first)) throw invalid('first', 'is not an AnnotationPage');
  const items = counted(first.items, 'annotations', LIMITS.annotations, 'first.items');
  const rawArticles = counted(json['margin:articles'] ?? [], 'articles', LIMITS.articles, 'margin:articles');
  const rawCorrections = counted(json['margin:entityCorrections'] ?? [], 'entity corrections', LIMITS.corrections, 'margin:entityCorrections');
  const articleIds = new Set<string>();
  for (const [k, raw] of rawArticles.entries()) {
    const a = parse(marginArticle, raw, `margin:articles.${k}`);
    const url = normalizeUrl(a.url);
    if (ctx.articles.has(url))
      throw new ImportError(`margin:articles.${k}: a second article for ${url}`, 'second-article', { at: `margin:articles.${k}`, url });
    if (articleIds.has(a.id))
      throw new ImportError(`margin:articles.${k}: the id ${a.id} appears twice`, 'duplicate-id', { at: `margin:articles.${k}`, id: a.id });
    articleIds.add(a.id);
    const { entities, ...rest } = a;
    ctx.articles.set(url, {
      ...rest,
      url,
      savedAt: readDate(a.savedAt, ctx),
      updatedAt: readDate(a.updatedAt, ctx),
      ...(entities ? { entities } : {}),
    } as ArticleRecord);
  }
  const correctionIds = new Set<string>();
  for (const [k, raw] of rawCorrections.entries()) {
    const c = parse(marginCorrection, raw, `margin:entityCorrections.${k}`);
    if (c.action === 'set' && !c.type)
      throw new ImportError(`margin:entityCorrections.${k}: "${c.text}" sets no kind`, 'correction-kind', {
        at: `margin:entityCorrections.${k}`,
        text: c.text,
      });
    if (
      (c.action === 'merge' && (!c.key || !c.into)) ||
      (c.action === 'split' && (!c.key || !c.form)) ||
      (c.action === 'note' && (!c.key || c.note === undefined))
    )
      throw invalid(`margin:entityCorrections.${k}`, `"${c.text}" names no entity`);
    const id = c.id ?? stableId(`correction:${c.text}`);
    if (correctionIds.has(id))
      throw new ImportError(`margin:entityCorrections.${k}: the id ${id} appears twice`, 'duplicate-id', { at: `margin:entityCorrections.${k}`, id });
    correctionIds.add(id);
    corrections.push({
      id,
      text: c.text,
      action: c.action,
      ...(c.type ? { type: c.type } : {}),
      ...(c.key ? { key: c.key } : {}),
      ...(c.into ? { into: c.into } : {}),
      ...(c.form ? { form: c.form } : {}),
      ...(c.note !== undefined ? { note: c.note } : {}),
      createdAt: readDate(c.createdAt, ctx),
      updatedAt: readDate(c.updatedAt, ctx),
    });
  }
  return { items, corrections };
}

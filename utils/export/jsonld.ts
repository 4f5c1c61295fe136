import type { AnnotationRecord } from '../db/schema';
import { ANNO_CONTEXT, FORMAT_VERSION, iso, MARGIN_NS, type MarginData } from './model';

/**
 * The W3C Web Annotation data model (JSON-LD): an AnnotationCollection whose page holds
 * one Annotation per highlight (TextQuoteSelector + TextPositionSelector targets, the
 * note as a commenting body, tags as tagging bodies). What only Margin needs — colours,
 * article records, entity corrections — sits in its own namespace ("margin:"), which other
 * tools ignore while reading the standard part.
 */
export function toW3cAnnotation(a: AnnotationRecord) {
  const body: Record<string, string>[] = [];
  if (a.note) body.push({ type: 'TextualBody', value: a.note, format: 'text/plain', purpose: 'commenting' });
  for (const tag of a.tags) body.push({ type: 'TextualBody', value: tag, purpose: 'tagging' });
  return {
    id: `urn:uuid:${a.id}`,
    type: 'Annotation',
    motivation: a.note ? 'commenting' : 'highlighting',
    created: iso(a.createdAt),
    modified: iso(a.updatedAt),
    ...(body.length ? { body } : {}),
    target: { source: a.url, selector: [a.selectors.quote, a.selectors.position] },
    'margin:color': a.color,
    'margin:articleId': a.articleId,
    'margin:entities': a.entities,
    'margin:orphaned': a.orphaned,
  };
}

export function marginJson(data: MarginData, generated = Date.now()): string {
  const document = {
    '@context': [ANNO_CONTEXT, { margin: MARGIN_NS }],
    id: `urn:uuid:${crypto.randomUUID()}`,
    type: 'AnnotationCollection',
    label: 'Margin — highlights and notes',
    generator: { id: 'https://margin-reader.app', type: 'Software', name: 'Margin' },
    generated: iso(generated),
    total: data.annotations.length,
    'margin:version': FORMAT_VERSION,
    first: { type: 'AnnotationPage', startIndex: 0, items: data.annotations.map(toW3cAnnotation) },
    'margin:articles': data.articles.map((a) => ({ ...a, savedAt: iso(a.savedAt), updatedAt: iso(a.updatedAt) })),
    'margin:entityCorrections': data.corrections.map((c) => ({ ...c, createdAt: iso(c.createdAt), updatedAt: iso(c.updatedAt) })),
  };
  // Compact: at 100k highlights, indenting would make the file a third larger and the export half again as slow.
  return JSON.stringify(document);
}

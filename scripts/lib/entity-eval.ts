import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import type { EntitySpan, EntityType } from '../../utils/entities';
import { readDocument } from '../../utils/extract/pipeline';
import { readHtmlFile, windowFromHtml } from './dom';

export interface LabelFile {
  name: string;
  path: string;
  sourcePath: string;
  lang?: string;
  entities: { text: string; type: EntityType; alt?: string[] }[];
  neutral: string[];
}

/** Unicode NFC, white space collapsed, Latin case ignored — the scoring rules of the label files. */
export const normalizeSurface = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();

function findLabelFiles(dir: string, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) findLabelFiles(path, out);
    else if (entry === 'entities.json') out.push(path);
  }
  return out;
}

/** Every entities.json under the given folders, with the page it labels. */
export function loadLabelFiles(root: string, dirs: string[]): LabelFile[] {
  return dirs
    .flatMap((d) => findLabelFiles(d))
    .sort()
    .map((path) => {
      const json = JSON.parse(readFileSync(path, 'utf8'));
      const sourcePath = json.source ? resolve(root, json.source) : join(dirname(path), 'source.html');
      return {
        name: relative(root, dirname(path)).replace(/^(\.\.\/shared\/fixtures\/news\/|tests\/fixtures\/entities(?:-holdout)?\/)/, ''),
        path,
        sourcePath,
        lang: json.lang,
        entities: json.entities,
        neutral: json.neutral ?? [],
      };
    });
}

export interface PageText {
  title: string;
  text: string;
  lang: string | null;
}

/** The text a label file labels: the article's title and body as Margin extracts them. */
export function pageText(file: LabelFile): PageText {
  const html = readHtmlFile(file.sourcePath);
  const url = 'https://news.example/article';
  const win = windowFromHtml(html, url);
  const result = readDocument(win.document, win, url);
  win.close();
  if (!result.ok) throw new Error(`${file.name}: no article (${result.reason})`);
  return { title: result.article.title, text: result.article.textContent, lang: result.article.lang ?? file.lang ?? null };
}

export interface Score {
  precision: number;
  recall: number;
  f1: number;
  truePositives: number;
  missed: string[];
  falsePositives: string[];
  /** Counts per type (the label's type for hits and misses, the prediction's for false positives). */
  byType: Map<EntityType, { tp: number; fp: number; fn: number }>;
}

function f1(tp: number, fp: number, fn: number): { precision: number; recall: number; f1: number } {
  const precision = tp + fp ? tp / (tp + fp) : 1;
  const recall = tp + fn ? tp / (tp + fn) : 1;
  // From the counts (= 2PR/(P+R)), so a score of exactly 0.9 is 0.9 and not 0.8999…
  return { precision, recall, f1: tp + fp + fn ? (2 * tp) / (2 * tp + fp + fn) : 1 };
}

/**
 * Score predictions on unique (surface, type) pairs — or surfaces only, untyped. A
 * prediction matches a label when its surface equals the label's text or an alt form;
 * surfaces listed as neutral are neither required nor penalised.
 */
export function scoreEntities(file: LabelFile, predicted: readonly Pick<EntitySpan, 'text' | 'type'>[], typed: boolean): Score {
  const neutral = new Set(file.neutral.map(normalizeSurface));
  const labels = file.entities.map((e) => ({ type: e.type, forms: new Set([e.text, ...(e.alt ?? [])].map(normalizeSurface)), text: e.text }));
  const pairs = new Map<string, { surface: string; type: EntityType }>();
  for (const p of predicted) {
    const surface = normalizeSurface(p.text);
    pairs.set(typed ? `${p.type}\u0000${surface}` : surface, { surface, type: p.type });
  }
  const matchedLabels = new Set<number>();
  const falsePositives: string[] = [];
  const byType = new Map<EntityType, { tp: number; fp: number; fn: number }>();
  const count = (type: EntityType) => byType.get(type) ?? byType.set(type, { tp: 0, fp: 0, fn: 0 }).get(type)!;
  let tp = 0;
  for (const { surface, type } of pairs.values()) {
    const index = labels.findIndex((l, k) => l.forms.has(surface) && (!typed || l.type === type) && !matchedLabels.has(k));
    const anyIndex = labels.findIndex((l) => l.forms.has(surface) && (!typed || l.type === type));
    if (index >= 0) {
      matchedLabels.add(index);
      count(labels[index]!.type).tp++;
      tp++;
    } else if (anyIndex >= 0) {
      // A second form of a label already matched (e.g. "17일" and "17일 오후"): not an error.
    } else if (!neutral.has(surface)) {
      falsePositives.push(typed ? `${surface} (${type})` : surface);
      count(type).fp++;
    }
  }
  const unmatched = labels.filter((_, k) => !matchedLabels.has(k));
  for (const l of unmatched) count(l.type).fn++;
  const missed = unmatched.map((l) => (typed ? `${l.text} (${l.type})` : l.text));
  return { ...f1(tp, falsePositives.length, missed.length), truePositives: tp, missed, falsePositives, byType };
}

import type { EntityGroup } from './summary';
import { ENTITY_TYPES, entityKey, normalizeName, type EntityType } from './types';

/** The longest first-mention sentence kept. */
export const FIRST_SENTENCE = 300;

/** What a visit saw of an entity beyond its name and count (stored locally: utils/db/entity-index.ts). */
export interface GroupMention {
  key: string;
  forms: string[];
  first: string;
}

const END = /[.!?。？！\n]/u;

/** The sentence around [start, end) of `text`: from after the previous sentence end to its own, clipped around the mention. */
export function sentenceAt(text: string, start: number, end: number, max = FIRST_SENTENCE): string {
  let from = start;
  while (from > 0 && !END.test(text[from - 1]!)) from--;
  let to = end;
  while (to < text.length && !END.test(text[to]!)) to++;
  if (to < text.length && text[to] !== '\n') to++;
  let sentence = text.slice(from, to).replace(/\s+/g, ' ').trim();
  if (sentence.length > max) {
    const at = Math.max(0, start - from - Math.floor(max / 3));
    sentence = `${at ? '…' : ''}${sentence.slice(at, at + max - 2).trim()}…`;
  }
  return sentence;
}

/** Each entity's forms (most mentioned first) and the sentence of its first mention, from the article's text. */
export function groupMentions(groups: readonly EntityGroup[], text: string): GroupMention[] {
  return groups.map((g) => {
    const counts = new Map<string, number>();
    for (const s of g.spans) counts.set(normalizeName(s.text), (counts.get(normalizeName(s.text)) ?? 0) + 1);
    const first = g.spans[0];
    return {
      key: entityKey({ text: g.text, type: g.type }),
      forms: [...counts].sort((x, y) => y[1] - x[1]).map(([f]) => f),
      first: first ? sentenceAt(text, first.start, first.end) : '',
    };
  });
}

/** One spelling of an entity in an article: how often, where first (offset) and the sentence there. */
export interface RawForm {
  form: string;
  n: number;
  at: number;
  first: string;
}

/**
 * An entity of an article as the recogniser joined it, before the reader's splits (issue 24):
 * its forms with their counts, so that a split applies to the article at once — without its
 * text or the recogniser (utils/db/entity-splits.ts).
 */
export interface RawEntity {
  key: string;
  type: EntityType;
  text: string;
  forms: RawForm[];
}

/**
 * The article's entities before splits, from the groups of the recogniser's spans (not split) and
 * the article's text; undefined when no entity has a form that could be split off (a spelling
 * other than its name): then splits change nothing there, and nothing more is kept.
 */
export function rawMentions(groups: readonly EntityGroup[], text: string): RawEntity[] | undefined {
  let splittable = false;
  const raw = groups.map((g) => {
    const name = normalizeName(g.text).toLowerCase();
    const forms = new Map<string, RawForm>();
    let named = false;
    for (const s of g.spans) {
      const form = normalizeName(s.text);
      const seen = forms.get(form);
      if (seen) {
        seen.n++;
        continue;
      }
      const isName = form.toLowerCase() === name;
      splittable ||= !isName;
      // A sentence where it can be needed: the first of each form that can be split off, and the first of the name's.
      const first = !isName || !named ? sentenceAt(text, s.start, s.end) : '';
      named ||= isName;
      forms.set(form, { form, n: 1, at: s.start, first });
    }
    return { key: entityKey({ text: g.text, type: g.type }), type: g.type, text: g.text, forms: [...forms.values()] };
  });
  return splittable ? raw : undefined;
}

/**
 * The entities and mentions an article stores, given its entities before splits and the
 * reader's splits (entity key → forms split off): a split-off form stands for itself (joining the
 * entity of that name if the article has one); what is left keeps its name. The same entities,
 * counts and order as the reader's own grouping of the split spans (summarizeEntities).
 */
export function splitMentions(
  raw: readonly RawEntity[],
  splits: ReadonlyMap<string, readonly string[]>,
): { entities: { text: string; type: EntityType; count: number }[]; mentions: GroupMention[] } {
  const out = new Map<string, { key: string; type: EntityType; text: string; forms: RawForm[] }>();
  const add = (key: string, type: EntityType, text: string, forms: RawForm[]) => {
    if (!forms.length) return;
    const seen = out.get(key);
    if (seen) seen.forms.push(...forms);
    else out.set(key, { key, type, text, forms: [...forms] });
  };
  for (const e of raw) {
    const name = normalizeName(e.text).toLowerCase();
    const off = splits.get(e.key) ?? [];
    // A form spelled as the name itself (case aside) is the entity, whatever the reader split.
    const goes = (f: RawForm) => off.includes(f.form) && f.form.toLowerCase() !== name;
    add(
      e.key,
      e.type,
      e.text,
      e.forms.filter((f) => !goes(f)),
    );
    for (const f of e.forms.filter(goes)) add(entityKey({ text: f.form, type: e.type }), e.type, f.form, [f]);
  }
  const byPlace = (x: RawForm, y: RawForm) => x.at - y.at;
  const groups = [...out.values()].map((g) => {
    const forms = new Map<string, RawForm>();
    for (const f of [...g.forms].sort(byPlace)) {
      const seen = forms.get(f.form);
      if (seen) seen.n += f.n;
      else forms.set(f.form, { ...f });
    }
    const list = [...forms.values()];
    return { ...g, forms: list, count: list.reduce((n, f) => n + f.n, 0), at: list[0]!.at };
  });
  groups.sort((x, y) => ENTITY_TYPES.indexOf(x.type) - ENTITY_TYPES.indexOf(y.type) || y.count - x.count || x.at - y.at);
  return {
    entities: groups.map((g) => ({ text: g.text, type: g.type, count: g.count })),
    mentions: groups.map((g) => ({
      key: entityKey({ text: g.text, type: g.type }),
      forms: [...g.forms].sort((x, y) => y.n - x.n || x.at - y.at).map((f) => f.form),
      first: g.forms[0]!.first,
    })),
  };
}

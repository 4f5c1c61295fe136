import type { EntityType } from '../types';

/** One piece of evidence, as a tracer sees it: which pass and rule gave `name` weight towards `type`. */
export interface KoreanTraceEvent {
  name: string;
  type: EntityType;
  /** The weight added; 0 for a type a late pass sets on the resolved names outright (consistency/variant). */
  weight: number;
  pass: string;
  rule: string;
}

/** Called for every piece of evidence a pass adds, in the order they are added. */
export type KoreanTracer = (event: KoreanTraceEvent) => void;

// Weights: 1 is enough on its own; weaker hints need company.
export const STRONG = 3;
export const GOOD = 2;
export const FAIR = 1;
export const WEAK = 0.5;

interface Evidence {
  scores: Map<EntityType, number>;
}

/**
 * The evidence store the passes share: every surface form with its weighted types, and the
 * surface forms that name one entity (gloss pairs). A name takes the type with the most weight.
 */
export class Findings {
  /** Surface form → weighted types. */
  readonly names = new Map<string, Evidence>();
  /** Surface forms that name the same entity (gloss pairs). */
  readonly aliases = new Map<string, Set<string>>();

  constructor(private readonly tracer?: KoreanTracer) {}

  /** Weight for `surface` being a `type`, found by `rule` of `pass`. */
  add(surface: string, type: EntityType, weight: number, pass: string, rule: string): void {
    const name = surface.trim();
    if (!name) return;
    let ev = this.names.get(name);
    if (!ev) this.names.set(name, (ev = { scores: new Map() }));
    ev.scores.set(type, (ev.scores.get(type) ?? 0) + weight);
    this.tracer?.({ name, type, weight, pass, rule });
  }

  /** Reports a type a pass sets on the resolved names outright, without weighing it. */
  assigned(name: string, type: EntityType, pass: string, rule: string): void {
    this.tracer?.({ name, type, weight: 0, pass, rule });
  }

  /** Whether any pass has found `name` to be a `type`. */
  has(name: string, type?: EntityType): boolean {
    const ev = this.names.get(name);
    return !!ev && (type === undefined || ev.scores.has(type));
  }

  /** Every name some pass has found to be a `type`, in the order they were first found. */
  *withType(type: EntityType): Generator<string> {
    for (const [name, ev] of this.names) if (ev.scores.has(type)) yield name;
  }

  link(a: string, b: string): void {
    this.join(a, b);
    this.join(b, a);
  }

  private join(x: string, y: string): void {
    let group = this.aliases.get(x);
    if (!group) this.aliases.set(x, (group = new Set()));
    group.add(y);
  }

  /** The winning type of every name, with gloss partners sharing their evidence. */
  resolve(): Map<string, EntityType> {
    const out = new Map<string, EntityType>();
    for (const name of new Set([...this.names.keys(), ...this.aliases.keys()])) {
      const total = new Map<EntityType, number>();
      for (const member of [name, ...(this.aliases.get(name) ?? [])]) {
        for (const [type, w] of this.names.get(member)?.scores ?? []) total.set(type, (total.get(type) ?? 0) + w);
      }
      let best: EntityType | null = null;
      let bestScore = 0;
      for (const [type, w] of total) {
        if (w > bestScore) {
          best = type;
          bestScore = w;
        }
      }
      if (best && bestScore >= 1) out.set(name, best);
    }
    return out;
  }
}

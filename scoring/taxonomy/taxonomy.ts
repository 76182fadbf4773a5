/**
 * The Danish competence taxonomy: concepts (occupations, skills, certificates, knowledge, soft skills) with the
 * labels people write for them and how they relate. `broader` is what makes "narrower implies broader" work: a
 * candidate with a narrower concept has the broader one. `related` is only ever partial credit.
 * Pure data structure; files are read by ./load.ts.
 */

export const CONCEPT_KINDS = ['occupation', 'skill', 'certificate', 'knowledge', 'soft-skill'] as const;
export type ConceptKind = (typeof CONCEPT_KINDS)[number];

export interface Concept {
  /** Stable, lower-case ascii with '-' ('truckcertifikat', 'microsoft-365'); what postings and evidence carry. */
  id: string;
  kind: ConceptKind;
  /** The label shown to a konsulent ("truckcertifikat"). */
  prefLabel: string;
  /** Other ways people write it that are shown as-is ("gaffeltruckcertifikat", "truckkørekort"). */
  altLabels: readonly string[];
  /** Matched but never shown: abbreviations ("truckcert."), ASCII spellings, common misspellings. */
  hiddenLabels: readonly string[];
  /** Ids of broader concepts: having this concept means having each of them. */
  broader: readonly string[];
  /** Ids of related concepts: similar, never a substitute for a must-have. */
  related: readonly string[];
  /** ESCO concept URI where one fits. */
  esco?: string | undefined;
  /** Labels deliberately shared with another concept (the loader otherwise refuses a label on two concepts). */
  ambiguous?: readonly string[] | undefined;
}

export interface ConceptLabel {
  label: string;
  conceptId: string;
  type: 'pref' | 'alt' | 'hidden';
}

/**
 * How labels are compared for uniqueness: NFC, lower case, æ/ø/å folded to ae/oe/aa, every separator dropped, so
 * "Truck-certifikat", "truckcertifikat" and "truck certifikat" are one label.
 */
export function labelKey(label: string): string {
  return label
    .normalize('NFC')
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'oe')
    .replace(/å/g, 'aa')
    .replace(/[^\p{L}\p{N}+#]/gu, '');
}

export class Taxonomy {
  private readonly byId = new Map<string, Concept>();
  private readonly narrowerById = new Map<string, string[]>();
  private readonly relatedById = new Map<string, readonly string[]>();
  private readonly ancestorCache = new Map<string, readonly string[]>();
  private readonly descendantCache = new Map<string, readonly string[]>();

  /**
   * @param concepts already validated (ids unique, links resolve, no broader cycle): see ./load.ts.
   * @param version changes whenever the content does; anything derived from the taxonomy (stored concept
   *   mentions, index snapshots) is stale under another version.
   */
  constructor(
    concepts: Iterable<Concept>,
    readonly version: string,
  ) {
    for (const c of concepts) this.byId.set(c.id, c);
    const related = new Map<string, Set<string>>();
    const relate = (from: string, to: string) => {
      const set = related.get(from) ?? new Set<string>();
      set.add(to);
      related.set(from, set);
    };
    for (const c of this.byId.values()) {
      for (const b of c.broader) {
        const list = this.narrowerById.get(b) ?? [];
        list.push(c.id);
        this.narrowerById.set(b, list);
      }
      // Related is symmetric however it is written, and asked for per concept at every shortlist: built once.
      for (const r of c.related) {
        relate(c.id, r);
        relate(r, c.id);
      }
    }
    for (const [id, set] of related) this.relatedById.set(id, Object.freeze([...set]));
  }

  get size(): number {
    return this.byId.size;
  }

  get(id: string): Concept | undefined {
    return this.byId.get(id);
  }

  concepts(): IterableIterator<Concept> {
    return this.byId.values();
  }

  *labels(): Generator<ConceptLabel> {
    for (const c of this.byId.values()) {
      yield { label: c.prefLabel, conceptId: c.id, type: 'pref' };
      for (const label of c.altLabels) yield { label, conceptId: c.id, type: 'alt' };
      for (const label of c.hiddenLabels) yield { label, conceptId: c.id, type: 'hidden' };
    }
  }

  /** The concept and every concept transitively broader than it: what holding `id` implies. */
  selfAndBroader(id: string): readonly string[] {
    return this.closure(id, this.ancestorCache, (c) => this.byId.get(c)?.broader ?? []);
  }

  /** The concept and every concept transitively narrower: what satisfies a requirement of `id`. */
  selfAndNarrower(id: string): readonly string[] {
    return this.closure(id, this.descendantCache, (c) => this.narrowerById.get(c) ?? []);
  }

  /** Related concepts, both directions. */
  relatedTo(id: string): readonly string[] {
    return this.relatedById.get(id) ?? [];
  }

  private closure(
    id: string,
    cache: Map<string, readonly string[]>,
    next: (id: string) => readonly string[],
  ): readonly string[] {
    const cached = cache.get(id);
    if (cached) return cached;
    const seen = new Set<string>([id]);
    const stack = [id];
    while (stack.length > 0) {
      for (const n of next(stack.pop()!)) {
        if (!seen.has(n)) {
          seen.add(n);
          stack.push(n);
        }
      }
    }
    const result = Object.freeze([...seen]);
    cache.set(id, result);
    return result;
  }
}

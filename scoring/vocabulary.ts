import { CONCEPT_PREFIX } from './text/analyse.ts';
import { MIN_TYPO_LENGTH, withinOneEdit } from './text/typo.ts';

/**
 * Term dictionary shared by the candidate profiles and the queries: terms become small integers so a candidate's
 * profile is a sorted Uint32Array and matching is a binary search, with no strings in the hot loop.
 * Also keeps document frequencies for IDF. Pure data structure: the caller decides when documents come and go.
 */
export class Vocabulary {
  private readonly ids = new Map<string, number>();
  private readonly terms: string[] = [];
  private df = new Uint32Array(1024);
  private byLength: number[][] = [];
  private documents = 0;
  private readonly typoCache = new Map<string, Uint32Array>();

  get size(): number {
    return this.terms.length;
  }

  get documentCount(): number {
    return this.documents;
  }

  /** The id of a term, added when new. */
  intern(term: string): number {
    let id = this.ids.get(term);
    if (id === undefined) {
      id = this.terms.length;
      this.ids.set(term, id);
      this.terms.push(term);
      if (id >= this.df.length) {
        const grown = new Uint32Array(this.df.length * 2);
        grown.set(this.df);
        this.df = grown;
      }
      const sameLength = this.byLength[term.length] ?? [];
      sameLength.push(id);
      this.byLength[term.length] = sameLength;
      // A new term can be the typo neighbour of a cached query term.
      if (this.typoCache.size > 0) this.typoCache.clear();
    }
    return id;
  }

  lookup(term: string): number | undefined {
    return this.ids.get(term);
  }

  term(id: number): string {
    return this.terms[id]!;
  }

  addDocument(termIds: ArrayLike<number>): void {
    this.documents++;
    for (let i = 0; i < termIds.length; i++) this.df[termIds[i]!]!++;
  }

  removeDocument(termIds: ArrayLike<number>): void {
    this.documents = Math.max(0, this.documents - 1);
    for (let i = 0; i < termIds.length; i++) {
      const id = termIds[i]!;
      if (this.df[id]! > 0) this.df[id]!--;
    }
  }

  documentFrequency(id: number): number {
    return this.df[id] ?? 0;
  }

  /** Smoothed inverse document frequency: rare terms say more about a match than common ones. */
  idf(id: number): number {
    return Math.log((this.documents + 1) / ((this.df[id] ?? 0) + 1)) + 1;
  }

  /**
   * Known terms one edit away from `term` (typo tolerance), including the term itself when known. Only terms of
   * MIN_TYPO_LENGTH or more are expanded: short words have too many false neighbours ('maler' ~ 'maker').
   */
  typoNeighbours(term: string): Uint32Array {
    const cached = this.typoCache.get(term);
    if (cached) return cached;
    const found = new Set<number>();
    const own = this.ids.get(term);
    if (own !== undefined) found.add(own);
    if (term.length >= MIN_TYPO_LENGTH && !term.startsWith(CONCEPT_PREFIX)) {
      for (let len = term.length - 1; len <= term.length + 1; len++) {
        for (const id of this.byLength[len] ?? []) {
          if (!found.has(id) && withinOneEdit(term, this.terms[id]!)) found.add(id);
        }
      }
    }
    const result = Uint32Array.from([...found].sort((a, b) => a - b));
    if (this.typoCache.size > 10_000) this.typoCache.clear();
    this.typoCache.set(term, result);
    return result;
  }
}

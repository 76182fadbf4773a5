import { loadTaxonomy } from './load.ts';
import type { Taxonomy } from './taxonomy.ts';

let active: Taxonomy | undefined;

/**
 * The taxonomy ingest analyses candidates with. One per process, set at start from configuration (shipped data plus
 * TAXONOMY_DIR), because validation runs deep inside every import path; code that holds the AppContext passes
 * ctx.taxonomy explicitly instead.
 */
export function useTaxonomy(taxonomy: Taxonomy): void {
  active = taxonomy;
}

/** The configured taxonomy, or the shipped one when none was set (tools and tests). */
export function activeTaxonomy(): Taxonomy {
  active ??= loadTaxonomy();
  return active;
}

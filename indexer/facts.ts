import { conceptsOfTexts } from '../scoring/concepts/extract.ts';
import { situationFacts } from '../scoring/facts.ts';
import { cleanFieldTexts, weightedTermsOfTexts } from '../scoring/profile.ts';
import { activeTaxonomy } from '../scoring/taxonomy/active.ts';
import type { Taxonomy } from '../scoring/taxonomy/taxonomy.ts';
import type { StoredCandidate } from '../src/domain/candidate.ts';
import type { CandidateSearchFacts } from '../src/ports/candidates.ts';

/**
 * Everything retrieval and scoring need of a candidate, computed once at ingest. The analysed terms are stored
 * with the record, so restarting the service or rebuilding an index never runs the Danish analysis again.
 */
export function searchFactsFor(
  c: StoredCandidate,
  taxonomy: Taxonomy = activeTaxonomy(),
): CandidateSearchFacts {
  // The name is read only to be removed from the texts: a surname like Smed must never match a smed order.
  const person = { name: c.name, email: c.email, phone: c.phone };
  // Cleaned once for both: removing the protected facts is a scan of every text.
  const texts = cleanFieldTexts(c, person);
  const concepts = conceptsOfTexts(texts, taxonomy);
  return {
    ...situationFacts(c),
    searchable: c.consent.searchable,
    shareWithPool: c.consent.shareWithPool,
    terms: weightedTermsOfTexts(texts, concepts),
    concepts,
    taxonomyVersion: taxonomy.version,
  };
}

// PLACEHOLDER (lead's dev branch): replaced by the real extractor's module at merge.
import { FIELD_WEIGHT, type ProfileSource } from '../profile.ts';
import { labelKey, type Taxonomy } from '../taxonomy/taxonomy.ts';
import { type PersonFacts, protectedFactsRemover } from '../text/protected.ts';
import { labelsOf } from './phrase.ts';
import type { CandidateConcept, ConceptMention, EvidenceField } from './types.ts';

export function extractMentions(text: string, field: EvidenceField, taxonomy: Taxonomy): ConceptMention[] {
  const labels = labelsOf(taxonomy);
  const words = [...text.matchAll(/[\p{L}\p{N}][\p{L}\p{N}.-]*/gu)];
  const out: ConceptMention[] = [];
  for (let i = 0; i < words.length; i++) {
    for (let n = Math.min(4, words.length - i); n >= 1; n--) {
      const start = words[i]!.index!;
      const last = words[i + n - 1]!;
      const end = last.index! + last[0].length;
      const surface = text.slice(start, end);
      const id = labels.get(labelKey(surface));
      if (id) {
        out.push({ concept: id, field, foundAs: surface, start, end, context: 'own', match: 'label' });
        i += n - 1;
        break;
      }
    }
  }
  return out;
}

const WEIGHT: Record<EvidenceField, number> = {
  competences: FIELD_WEIGHT.competence,
  languages: FIELD_WEIGHT.competence,
  driversLicences: FIELD_WEIGHT.competence,
  'experience.title': FIELD_WEIGHT.title,
  educations: FIELD_WEIGHT.education,
  'experience.description': FIELD_WEIGHT.prose,
  cvText: FIELD_WEIGHT.prose,
};

export function candidateConcepts(
  source: ProfileSource,
  taxonomy: Taxonomy,
  person?: PersonFacts,
): CandidateConcept[] {
  const clean = protectedFactsRemover(person);
  const best = new Map<string, CandidateConcept>();
  const scan = (text: string | undefined, field: EvidenceField) => {
    if (!text) return;
    for (const m of extractMentions(clean(text), field, taxonomy)) {
      if (m.context !== 'own') continue;
      const weight = WEIGHT[field];
      const had = best.get(m.concept);
      if (!had || had.weight < weight)
        best.set(m.concept, { concept: m.concept, weight, field, foundAs: m.foundAs });
    }
  };
  for (const c of source.competences ?? []) scan(c, 'competences');
  for (const l of source.languages ?? []) scan(l, 'languages');
  for (const k of source.driversLicences ?? []) scan(`kørekort ${k}`, 'driversLicences');
  for (const e of source.experience ?? []) {
    scan(e.title, 'experience.title');
    scan(e.description, 'experience.description');
  }
  for (const e of source.educations ?? []) scan(e.title, 'educations');
  scan(source.cvText, 'cvText');
  return [...best.values()].sort((a, b) => (a.concept < b.concept ? -1 : 1));
}

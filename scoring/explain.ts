/** Plain-Danish explanations a konsulent can read aloud. Pure string building. */
import type { EvidenceField } from './concepts/types.ts';
import type { EvidenceItem } from './evidence.ts';

export const FIELD_DA: Record<EvidenceField, string> = {
  competences: 'under Kompetencer',
  languages: 'under Sprog',
  driversLicences: 'under Kørekort',
  'experience.title': 'som jobtitel',
  'experience.description': 'i erhvervserfaringen',
  educations: 'under Uddannelse',
  cvText: 'i CV-teksten',
};

/** "truckcertifikat (fundet som 'gaffeltruckkørekort' under Kompetencer)": the claim with where it stands. */
function withEvidence(phrase: string, evidence: readonly EvidenceItem[] | undefined): string {
  const items = evidence?.filter((e) => e.phrase === phrase) ?? [];
  if (items.length === 0) return phrase;
  const where = items.map((e) =>
    e.foundAs.toLowerCase() === phrase.toLowerCase()
      ? FIELD_DA[e.field]
      : `fundet som '${e.foundAs}' ${FIELD_DA[e.field]}`,
  );
  return `${phrase} (${listDa(where)})`;
}

export function formatKm(km: number): string {
  return km.toFixed(1).replace('.', ',');
}

export function listDa(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} og ${items.at(-1)}`;
}

export interface ExplanationInput {
  matched: readonly string[];
  missing: readonly string[];
  distanceKm: number;
  fullRadiusKm: number;
  unemployedMonths: number;
  jobrotation: boolean;
  eligible: boolean;
  eligibilityReasons: readonly string[];
  textOnlyEvidence: boolean;
  /** Where each matched phrase was found; without it the claims are named only. */
  evidence?: readonly EvidenceItem[] | undefined;
  /** For a missing phrase: a related competence the candidate holds (the partial credit it gave), with its evidence. */
  related?: readonly EvidenceItem[] | undefined;
}

/** "truckcertifikat (har det beslægtede liftcertifikat, fundet som 'Lift-certifikat' under Kompetencer)". */
function withRelated(phrase: string, related: readonly EvidenceItem[] | undefined): string {
  const held = related?.find((r) => r.phrase === phrase);
  if (!held) return phrase;
  const label = held.conceptLabel ?? held.foundAs;
  const where =
    held.foundAs.toLowerCase() === label.toLowerCase()
      ? FIELD_DA[held.field]
      : `fundet som '${held.foundAs}' ${FIELD_DA[held.field]}`;
  return `${phrase} (har det beslægtede ${label}, ${where})`;
}

export function explainEntry(e: ExplanationInput): string {
  const parts: string[] = [];
  if (e.matched.length > 0) parts.push(`Har ${listDa(e.matched.map((m) => withEvidence(m, e.evidence)))}`);
  if (e.missing.length > 0) parts.push(`mangler ${listDa(e.missing.map((m) => withRelated(m, e.related)))}`);
  if (e.matched.length === 0 && e.missing.length === 0) {
    parts.push(e.textOnlyEvidence ? 'CV’et ligner opgaverne' : 'Få direkte kompetencematch');
  }
  const first = `${parts.join('; ')}.`;
  const where =
    e.distanceKm <= e.fullRadiusKm
      ? `Bor ${formatKm(e.distanceKm)} km fra arbejdspladsen.`
      : `Bor ${formatKm(e.distanceKm)} km fra arbejdspladsen (over ${formatKm(e.fullRadiusKm)} km, lavere afstandsscore).`;
  const ledig = `Ledig i ${e.unemployedMonths} ${e.unemployedMonths === 1 ? 'måned' : 'måneder'} ved periodens start.`;
  const rotation = e.jobrotation
    ? e.eligible
      ? 'Opfylder reglerne for jobrotation.'
      : `Opfylder ikke reglerne for jobrotation: ${e.eligibilityReasons.join('; ')}.`
    : '';
  return [first.charAt(0).toUpperCase() + first.slice(1), where, ledig, rotation].filter(Boolean).join(' ');
}

/** Pure helpers behind the bruttoliste table (unit-tested without a browser). */

export interface Evidence {
  phrase: string;
  concept?: string | null;
  foundAs?: string | null;
  field?: string | null;
}

export interface EntryLike {
  candidateId: string;
  matched: string[];
  evidence?: Evidence[];
}

/** Danish names of the CV fields evidence is read from, keyed by the API's field names (a test checks every one). */
export const EVIDENCE_FIELD_NAMES: Record<string, string> = {
  competences: 'kompetencer',
  languages: 'sprog',
  driversLicences: 'kørekort',
  'experience.title': 'jobtitel',
  'experience.description': 'erfaringsbeskrivelse',
  educations: 'uddannelse',
  cvText: 'CV-tekst',
};

/** Where the CV showed a matched phrase, as one short Danish line per phrase ("fundet som …"). */
export function evidenceFor(entry: EntryLike, phrase: string): string | undefined {
  const found = (entry.evidence ?? []).filter((e) => e.phrase.toLowerCase() === phrase.toLowerCase());
  if (found.length === 0) return undefined;
  return found
    .map((e) => {
      const as =
        e.foundAs && e.foundAs.toLowerCase() !== phrase.toLowerCase()
          ? `fundet som «${e.foundAs}»`
          : 'fundet';
      return e.field ? `${as} i ${EVIDENCE_FIELD_NAMES[e.field] ?? e.field}` : as;
    })
    .join('; ');
}

/**
 * People on this list who were not on the previous one. The server marks `new` on the workflow view; this is the
 * fallback when only two lists are at hand.
 */
export function newSince(
  current: readonly { candidateId: string }[],
  previous: readonly { candidateId: string }[] | null,
): Set<string> {
  if (!previous) return new Set();
  const before = new Set(previous.map((e) => e.candidateId));
  return new Set(current.filter((e) => !before.has(e.candidateId)).map((e) => e.candidateId));
}

/** "Kompetencer 92 %, afstand 100 %, ledighed 70 %": the bars' numbers as one sentence. */
export function breakdownText(b: { competence: number; distance: number; unemployment: number }): string {
  const p = (n: number) => `${Math.round(n * 100)} %`;
  return `Kompetencer ${p(b.competence)}, afstand ${p(b.distance)}, ledighed ${p(b.unemployment)}`;
}

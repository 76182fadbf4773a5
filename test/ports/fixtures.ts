import { type CandidateInput, candidateInput, type StoredCandidate } from '../../src/domain/candidate.ts';
import { type JobOrder, type JobOrderInput, jobOrderInput } from '../../src/domain/job-order.ts';
import type { NearMiss, ShortlistEntry } from '../../src/domain/shortlist.ts';
import type { CandidateSearchFacts, CandidateWrite } from '../../src/ports/candidates.ts';
import type { ShortlistResult } from '../../src/ports/shortlists.ts';

/** Valid CPR-numre (real dates, right century digit) for tests; no real person is implied. */
export const TEST_CPR = '0101901234';
export const OTHER_TEST_CPR = '1502854321';

let sequence = 0;
/** Unique per call, so builders never collide on the upsert key unless a test asks them to. */
export function uniqueExternalId(prefix = 'test'): string {
  sequence += 1;
  return `${prefix}-${String(sequence).padStart(6, '0')}`;
}

const CV_TEXT =
  'Erfaren lagermedarbejder med truckcertifikat B og flere års erfaring med plukning, pakning og ' +
  'varemodtagelse. Har arbejdet med lagerstyringssystemer (WMS) og håndscanner. Stabil, mødestabil og vant til ' +
  'at arbejde i skiftehold. Har desuden erfaring fra detailhandel som butiksassistent med kasseekspedition og ' +
  'vareopfyldning. Taler dansk og engelsk. Søger gerne vikariater i Aarhus-området inden for lager og logistik.';

function baseCandidate(): CandidateInput {
  return {
    externalId: uniqueExternalId('kand'),
    jobcenter: '751',
    name: 'Mette Hansen',
    email: 'mette@example.dk',
    phone: '+4512345678',
    postalCode: '8210',
    unemployedSince: '2026-01-15',
    benefit: 'dagpenge',
    weeklyHours: 37,
    availableFrom: '2026-11-01',
    unavailable: [{ from: '2026-12-01', to: '2027-01-31', reason: 'uddannelse' }],
    competences: ['truckcertifikat B', 'lagerstyring', 'plukning'],
    educations: [{ title: 'Lagerassistent', level: 'eud' }],
    experience: [
      {
        title: 'Lagermedarbejder',
        from: '2019-03-01',
        to: '2025-12-31',
        description: 'Plukning og pakning',
      },
    ],
    languages: ['dansk', 'engelsk'],
    driversLicences: ['B'],
    cvText: CV_TEXT,
    activeSchemes: ['loentilskud'],
    consent: { searchable: true, shareWithPool: true },
    wishes: { maxDistanceKm: 25, jobTitles: ['lagermedarbejder'] },
  };
}

/**
 * Plausible search facts made by hand: the Store treats them as opaque JSON, and the contract must not depend on
 * scoring/ (the real ones come from indexer/facts.ts).
 */
export function factsFor(c: StoredCandidate): CandidateSearchFacts {
  const words = [...c.competences, ...c.educations.map((e) => e.title), ...c.experience.map((e) => e.title)]
    .flatMap((s) => s.toLowerCase().split(/\s+/))
    .filter(Boolean);
  return {
    lat: c.location.lat,
    lon: c.location.lon,
    unemployedSince: c.unemployedSince,
    benefit: c.benefit,
    weeklyHours: c.weeklyHours ?? null,
    availableFrom: c.availableFrom ?? null,
    unavailable: c.unavailable.map((u) => ({ from: u.from, to: u.to })),
    activeSchemes: c.activeSchemes,
    driversLicences: c.driversLicences,
    maxDistanceKm: c.wishes?.maxDistanceKm ?? null,
    searchable: c.consent.searchable,
    shareWithPool: c.consent.shareWithPool,
    terms: [...new Set(words)].map((w): [string, number] => [w, 3]),
  };
}

export interface CandidateWriteOverrides extends Partial<CandidateInput> {
  incomplete?: string[];
}

/**
 * A valid CandidateWrite: the input runs through the real candidateInput schema, so every fixture is something
 * the API would accept. A `cpr` override travels as CandidateWrite.cpr, never inside `candidate`.
 */
export function candidateWrite(overrides: CandidateWriteOverrides = {}): CandidateWrite {
  const { incomplete = [], ...input } = overrides;
  const { cpr, ...candidate } = candidateInput.parse({ ...baseCandidate(), ...input });
  return {
    jobcenter: candidate.jobcenter,
    externalId: candidate.externalId,
    candidate,
    facts: factsFor(candidate),
    incomplete,
    cpr,
  };
}

function baseJobOrder(): JobOrderInput {
  return {
    externalId: uniqueExternalId('jo'),
    jobcenter: '751',
    company: { cvr: '24256790', name: 'Nordlager A/S' },
    title: 'Lagermedarbejder (vikar for medarbejder på uddannelse)',
    postalCode: '8210',
    tasks: 'Plukning, pakning, varemodtagelse',
    mustHave: ['truckcertifikat'],
    niceToHave: ['lagerstyring', 'WMS'],
    weeklyHours: 30,
    period: { from: '2027-01-04', to: '2027-06-30' },
    positions: 1,
    radiusKm: { full: 10, max: 15 },
    jobrotation: true,
    ruleSet: 'default',
    driversLicence: 'B',
  };
}

/** A validated JobOrder (the output of the real jobOrderInput schema), ready for upsertJobOrders. */
export function jobOrderInputFixture(overrides: Partial<JobOrderInput> = {}): JobOrder {
  return jobOrderInput.parse({ ...baseJobOrder(), ...overrides });
}

export function shortlistEntryFixture(
  candidate: { id: string; externalId: string; jobcenter: string },
  rank: number,
): ShortlistEntry {
  return {
    rank,
    candidateId: candidate.id,
    externalId: candidate.externalId,
    jobcenter: candidate.jobcenter,
    score: 0.8,
    breakdown: { competence: 0.9, distance: 1, unemployment: 0.5 },
    matched: ['truckcertifikat'],
    missing: ['wms'],
    distanceKm: 4.2,
    unemployedMonths: 9,
    eligibility: { eligible: true, ruleSet: 'default', reasons: [] },
    fitBand: 1,
    explanation: 'Har truckcertifikat og bor 4 km fra virksomheden.',
  };
}

export function nearMissFixture(candidate: { id: string; externalId: string; jobcenter: string }): NearMiss {
  return {
    candidateId: candidate.id,
    externalId: candidate.externalId,
    jobcenter: candidate.jobcenter,
    reasons: ['distance 17.2 km > 15 km'],
  };
}

export function shortlistResultFixture(
  entries: Array<{ id: string; externalId: string; jobcenter: string }>,
  nearMisses: Array<{ id: string; externalId: string; jobcenter: string }> = [],
): ShortlistResult {
  return {
    candidatesConsidered: entries.length + nearMisses.length + 40,
    entries: entries.map((c, i) => shortlistEntryFixture(c, i + 1)),
    nearMisses: nearMisses.map(nearMissFixture),
  };
}

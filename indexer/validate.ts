import { situationFacts } from '../scoring/facts.ts';
import {
  type Candidate,
  candidateFields,
  candidateInput,
  type StoredCandidate,
} from '../src/domain/candidate.ts';
import { resolveLocation } from '../src/domain/common.ts';
import { describeFieldErrors, type FieldError, fieldErrors } from '../src/domain/errors.ts';
import { type JobOrder, jobOrderInput } from '../src/domain/job-order.ts';
import type { CandidateWrite } from '../src/ports/candidates.ts';
import { searchFactsFor } from './facts.ts';

export type Validated<T> = { ok: true; value: T } | { ok: false; reason: string };
/** The same verdict with the field errors themselves, for reports that list them per field. */
export type Checked<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

function described<T>(checked: Checked<T>): Validated<T> {
  return checked.ok ? checked : { ok: false, reason: describeFieldErrors(checked.errors) };
}

/** Required fields a CV document may lack; such a candidate is kept as an incomplete draft. */
const DRAFT_OPTIONAL = { name: true, postalCode: true, unemployedSince: true, benefit: true } as const;
const candidateDraft = candidateFields.partial(DRAFT_OPTIONAL);

export function toCandidateWrite(candidate: Candidate): CandidateWrite {
  const { cpr, ...stored } = candidate;
  return {
    jobcenter: stored.jobcenter,
    externalId: stored.externalId,
    candidate: stored,
    facts: searchFactsFor(stored),
    incomplete: [],
    cpr,
  };
}

export function validateCandidate(raw: unknown): Validated<CandidateWrite> {
  return described(checkCandidate(raw));
}

export function checkCandidate(raw: unknown): Checked<CandidateWrite> {
  const parsed = candidateInput.safeParse(raw);
  if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error) };
  return { ok: true, value: toCandidateWrite(parsed.data) };
}

/**
 * A CV document's candidate with required fields missing: every field that IS there must still be valid; the
 * missing ones are recorded so the draft is listed for completion and kept out of every shortlist.
 */
export function validateCandidateDraft(
  raw: Record<string, unknown>,
  missing: string[],
): Validated<CandidateWrite> {
  return described(checkCandidateDraft(raw, missing));
}

export function checkCandidateDraft(
  raw: Record<string, unknown>,
  missing: string[],
): Checked<CandidateWrite> {
  const parsed = candidateDraft.safeParse(raw);
  if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error) };
  const { cpr, ...draft } = parsed.data;
  const resolved =
    draft.location || draft.postalCode ? resolveLocation(draft.postalCode, draft.location) : undefined;
  const location = resolved?.location ?? null;
  const stored = { ...draft, location, locationSource: resolved?.locationSource ?? null };
  return {
    ok: true,
    value: {
      jobcenter: draft.jobcenter,
      externalId: draft.externalId,
      // An incomplete draft is never indexed or scored, so its facts only need to be well-formed.
      candidate: stored as unknown as StoredCandidate,
      facts: {
        ...situationFacts({
          ...draft,
          location: location ?? { lat: 0, lon: 0 },
          unemployedSince: draft.unemployedSince ?? '',
          benefit: draft.benefit ?? 'ingen',
        }),
        searchable: false,
        shareWithPool: false,
        terms: [],
      },
      incomplete: missing,
      cpr,
    },
  };
}

export function validateJobOrder(raw: unknown): Validated<JobOrder> {
  return described(checkJobOrder(raw));
}

export function checkJobOrder(raw: unknown): Checked<JobOrder> {
  const parsed = jobOrderInput.safeParse(raw);
  if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error) };
  return { ok: true, value: parsed.data };
}

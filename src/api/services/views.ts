import type { CandidateRecord } from '../../ports/candidates.ts';
import type { JobOrderRecord } from '../../ports/job-orders.ts';

/** Record -> response object. The response schemas strip anything not listed (the CPR is not even in a record). */
export function candidateOut(r: CandidateRecord) {
  return {
    ...r.candidate,
    id: r.id,
    jobcenter: r.jobcenter,
    externalId: r.externalId,
    incomplete: r.incomplete,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

export function jobOrderOut(r: JobOrderRecord) {
  return {
    ...r.jobOrder,
    id: r.id,
    jobcenter: r.jobcenter,
    externalId: r.externalId,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

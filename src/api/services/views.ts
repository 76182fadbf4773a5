import type { Taxonomy } from '../../../scoring/taxonomy/taxonomy.ts';
import { readOrderPhrases } from '../../../scoring/understanding.ts';
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

/** The order with how each of its phrases will be matched: the konsulent sees what the service understood. */
export function jobOrderOut(r: JobOrderRecord, taxonomy: Taxonomy) {
  return {
    ...r.jobOrder,
    understanding: readOrderPhrases(r.jobOrder, taxonomy),
    id: r.id,
    jobcenter: r.jobcenter,
    externalId: r.externalId,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

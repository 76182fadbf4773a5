import { redactCprInText } from '../src/domain/cpr.ts';
import { describeFieldErrors, type FieldError } from '../src/domain/errors.ts';
import type { JobOrder } from '../src/domain/job-order.ts';
import { isCprFree } from '../src/domain/text.ts';
import type { CandidateWrite, PreparedCandidateWrite } from '../src/ports/candidates.ts';
import type { ImportRejection } from '../src/ports/import-runs.ts';
import { ruleSetProblem } from '../src/rulesets/load.ts';
import { withoutQuotedInput } from './sources/parse-json.ts';
import type { RecordKind, SourceRecord } from './sources/types.ts';
import { checkCandidate, checkCandidateDraft, checkJobOrder } from './validate.ts';

/** Errors listed per rejected record: a 64 KiB line of bad array items must not become a 10 MB report. */
const MAX_ERRORS_PER_RECORD = 20;
/** Longest externalId echoed in a rejection. */
const MAX_ECHOED_ID = 200;

/** Where an accepted record came from. */
export interface Origin {
  file: string;
  line: number;
  externalId: string;
}

/**
 * One record after validation, in the order it was read: a write for the Store (as it is, or already prepared for
 * it off the writer's thread), or a rejection with its file and line.
 */
export type Outcome =
  | { ok: true; origin: Origin; value: CandidateWrite | JobOrder; prepared?: undefined }
  | { ok: true; origin: Origin; prepared: PreparedCandidateWrite; value?: undefined }
  | { ok: false; rejection: ImportRejection };

type Accepted =
  | { ok: true; value: CandidateWrite | JobOrder }
  | { ok: false; reason?: string; errors: FieldError[] };

/** Refuses the records of a jobcenter whoever imports may not write: returns the message, or undefined. */
export type Refuse = (jobcenter: string) => string | undefined;

export function accept(
  record: SourceRecord,
  kind: RecordKind,
  refuse: Refuse | undefined,
  loadRuleSet: ((name: string) => unknown) | undefined,
): Accepted {
  if (!record.ok) {
    const reason = withoutQuotedInput(record.error);
    return { ok: false, reason, errors: [{ field: '(root)', message: reason }] };
  }
  const validated =
    kind === 'job-orders'
      ? checkJobOrder(record.value)
      : record.incomplete && record.incomplete.length > 0
        ? checkCandidateDraft(record.value, record.incomplete)
        : checkCandidate(record.value);
  if (!validated.ok) return { ok: false, errors: validated.errors };
  if (kind === 'job-orders' && loadRuleSet) {
    const problem = ruleSetProblem((validated.value as JobOrder).ruleSet, loadRuleSet);
    if (problem) return { ok: false, errors: [{ field: 'ruleSet', message: problem }] };
  }
  const refusal = refuse?.(validated.value.jobcenter);
  if (refusal !== undefined) return { ok: false, errors: [{ field: 'jobcenter', message: refusal }] };
  return validated;
}

/** A record through validation, as an outcome in read order. */
export function outcomeOf(
  record: SourceRecord,
  kind: RecordKind,
  refuse?: Refuse,
  loadRuleSet?: (name: string) => unknown,
): Outcome {
  const accepted = accept(record, kind, refuse, loadRuleSet);
  // Case systems name exported files after the person's CPR; the report and the import run must not keep it.
  if (!accepted.ok) return { ok: false, rejection: rejection(record, accepted.errors, accepted.reason) };
  return {
    ok: true,
    origin: { file: record.file, line: record.line, externalId: accepted.value.externalId },
    value: accepted.value,
  };
}

export function rejection(
  record: SourceRecord,
  all: FieldError[],
  reason: string | undefined,
): ImportRejection {
  const errors = all.slice(0, MAX_ERRORS_PER_RECORD);
  if (all.length > errors.length) {
    errors.push({ field: '(root)', message: `and ${all.length - errors.length} more errors` });
  }
  const out: ImportRejection = {
    file: redactCprInText(record.file),
    line: record.line,
    reason: reason ?? describeFieldErrors(errors),
    errors,
  };
  // A CPR sent as the id is refused by validation, and must not come back in the report either.
  const id = record.ok ? record.value.externalId : undefined;
  if (typeof id === 'string' && id.length <= MAX_ECHOED_ID && isCprFree(id)) out.externalId = id;
  return out;
}

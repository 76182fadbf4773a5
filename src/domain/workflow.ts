import { z } from 'zod';
import { isoDate, jobcenterId } from './common.ts';
import { nameText, redactedText } from './text.ts';

/**
 * What happens to a candidate after the bruttoliste: the konsulent phones them, sends their CV to the company,
 * the company interviews and chooses. One workflow per (job order, candidate): a re-run shortlist for the same
 * order shows the same person with the state they already have, so nobody is phoned twice.
 */
export const WORKFLOW_STATES = [
  'suggested',
  'contacted',
  'interested',
  'declined',
  'sent_to_company',
  'interview',
  'chosen',
  'not_chosen',
] as const;
export const workflowState = z.enum(WORKFLOW_STATES);
export type WorkflowState = z.infer<typeof workflowState>;

/**
 * The transition table. `interested -> declined` exists because people change their mind after saying yes;
 * everything else follows the konsulent's and the company's order of work. declined, chosen and not_chosen end it.
 */
export const TRANSITIONS: Readonly<Record<WorkflowState, readonly WorkflowState[]>> = {
  suggested: ['contacted'],
  contacted: ['interested', 'declined'],
  interested: ['sent_to_company', 'declined'],
  declined: [],
  sent_to_company: ['interview', 'chosen', 'not_chosen'],
  interview: ['chosen', 'not_chosen'],
  chosen: [],
  not_chosen: [],
};

/** The company's own decisions; a konsulent may also record them on the company's behalf (a phone call). */
export const COMPANY_DECISIONS = [
  'interview',
  'chosen',
  'not_chosen',
] as const satisfies readonly WorkflowState[];

export const DECLINE_REASONS = [
  'distance',
  'hours',
  'tasks',
  'health',
  'other_job',
  'no_answer',
  'other',
] as const;
export const declineReason = z.enum(DECLINE_REASONS);
export type DeclineReason = z.infer<typeof declineReason>;

/** Why the company did not choose someone. Categories, so the statistics can count them. */
export const NOT_CHOSEN_REASONS = [
  'competences',
  'experience',
  'availability',
  'chose_other',
  'other',
] as const;
export const notChosenReason = z.enum(NOT_CHOSEN_REASONS);

export type Actor = { tokenId: string; label: string; role: 'admin' | 'konsulent' | 'virksomhed' };

export class InvalidTransitionError extends Error {
  constructor(
    readonly from: WorkflowState,
    readonly to: WorkflowState,
  ) {
    const allowed = TRANSITIONS[from];
    super(
      allowed.length === 0
        ? `cannot go from '${from}' to '${to}': '${from}' is a final state`
        : `cannot go from '${from}' to '${to}'; from '${from}' the next state is one of: ${allowed.join(', ')}`,
    );
    this.name = 'InvalidTransitionError';
  }
}

export function canTransition(from: WorkflowState, to: WorkflowState): boolean {
  return TRANSITIONS[from].includes(to);
}

/** Throws InvalidTransitionError naming both states when the table does not allow the step. */
export function assertTransition(from: WorkflowState, to: WorkflowState): void {
  if (!canTransition(from, to)) throw new InvalidTransitionError(from, to);
}

const note = redactedText({ max: 1000, min: 0 });

/**
 * One step as a konsulent sends it. Declining needs a structured reason; `health` is health data (følsomme
 * oplysninger): only the category is kept, so a note with it is refused rather than silently stored.
 */
export const transitionRequest = z
  .discriminatedUnion('to', [
    z.object({ to: z.literal('contacted'), note: note.optional() }),
    z.object({ to: z.literal('interested'), note: note.optional() }),
    z.object({ to: z.literal('declined'), reason: declineReason, note: note.optional() }),
    z.object({ to: z.literal('sent_to_company'), note: note.optional() }),
    z.object({ to: z.literal('interview'), note: note.optional() }),
    z.object({ to: z.literal('chosen'), note: note.optional() }),
    z.object({ to: z.literal('not_chosen'), reason: notChosenReason, note: note.optional() }),
  ])
  .superRefine((t, ctx) => {
    if (t.to === 'declined' && t.reason === 'health' && t.note) {
      ctx.addIssue({
        code: 'custom',
        path: ['note'],
        message: 'must be left out when the reason is health: only the category is recorded, never details',
      });
    }
  });
export type TransitionRequest = z.output<typeof transitionRequest>;

/** What a company may send: its decision for one candidate in its bundle. */
export const companyChoice = z.discriminatedUnion('decision', [
  z.object({ candidateId: z.string().min(1), decision: z.literal('interview'), note: note.optional() }),
  z.object({ candidateId: z.string().min(1), decision: z.literal('chosen'), note: note.optional() }),
  z.object({
    candidateId: z.string().min(1),
    decision: z.literal('not_chosen'),
    reason: notChosenReason,
    note: note.optional(),
  }),
]);
export type CompanyChoice = z.output<typeof companyChoice>;

export function choiceToTransition(c: CompanyChoice): TransitionRequest {
  if (c.decision === 'not_chosen') return { to: 'not_chosen', reason: c.reason, note: c.note };
  return { to: c.decision, note: c.note };
}

/** Who may take a step: the company only decides; everything before the bundle is the konsulent's work. */
export function mayTransition(role: Actor['role'], to: WorkflowState): boolean {
  if (role === 'virksomhed') return (COMPANY_DECISIONS as readonly string[]).includes(to);
  return role === 'konsulent';
}

/** Placement outcomes (udfald) after the company chose someone. */
export const OUTCOMES = ['started', 'completed', 'hired_ordinarily', 'left_early'] as const;
export const outcomeKind = z.enum(OUTCOMES);
export type OutcomeKind = z.infer<typeof outcomeKind>;

export const LEFT_EARLY_REASONS = ['own_choice', 'dismissed', 'other_job', 'health', 'other'] as const;

export const outcomeRequest = z
  .object({
    outcome: outcomeKind,
    /** When it happened (defaults to today). */
    date: isoDate.optional(),
    reason: z.enum(LEFT_EARLY_REASONS).optional(),
    note: note.optional(),
  })
  .superRefine((o, ctx) => {
    if (o.outcome === 'left_early' && !o.reason) {
      ctx.addIssue({
        code: 'custom',
        path: ['reason'],
        message: 'is required when the outcome is left_early',
      });
    }
    if (o.outcome !== 'left_early' && o.reason) {
      ctx.addIssue({
        code: 'custom',
        path: ['reason'],
        message: 'is only given when the outcome is left_early',
      });
    }
    if (o.reason === 'health' && o.note) {
      ctx.addIssue({
        code: 'custom',
        path: ['note'],
        message: 'must be left out when the reason is health: only the category is recorded, never details',
      });
    }
  });
export type OutcomeRequest = z.output<typeof outcomeRequest>;

/**
 * Outcome order: a placement starts, then completes or ends early; hired_ordinarily may follow either a completed
 * period or come straight after the start (the company hires before the vikariat ends).
 */
const OUTCOME_NEXT: Readonly<Record<OutcomeKind | 'none', readonly OutcomeKind[]>> = {
  none: ['started'],
  started: ['completed', 'left_early', 'hired_ordinarily'],
  completed: ['hired_ordinarily'],
  hired_ordinarily: [],
  left_early: [],
};

export function assertOutcome(from: OutcomeKind | null, to: OutcomeKind): void {
  const allowed = OUTCOME_NEXT[from ?? 'none'];
  if (!allowed.includes(to)) {
    const was = from === null ? 'no outcome yet' : `'${from}'`;
    const next = allowed.length === 0 ? 'nothing (final)' : allowed.join(', ');
    throw new InvalidOutcomeError(`cannot record '${to}' after ${was}; next can be: ${next}`);
  }
}

export class InvalidOutcomeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidOutcomeError';
  }
}

export const poolInput = z.object({
  name: nameText(200),
  members: z.array(jobcenterId).max(100).default([]),
});

import { describe, expect, it } from 'vitest';
import {
  assertOutcome,
  assertTransition,
  canTransition,
  companyChoice,
  InvalidOutcomeError,
  InvalidTransitionError,
  mayTransition,
  outcomeRequest,
  TRANSITIONS,
  transitionRequest,
  WORKFLOW_STATES,
} from '../../src/domain/workflow.ts';

describe('workflow transition table', () => {
  it('follows the konsulent and company order of work', () => {
    const path = ['suggested', 'contacted', 'interested', 'sent_to_company', 'interview', 'chosen'] as const;
    for (let i = 1; i < path.length; i++) expect(canTransition(path[i - 1]!, path[i]!)).toBe(true);
    expect(canTransition('contacted', 'declined')).toBe(true);
    expect(canTransition('sent_to_company', 'not_chosen')).toBe(true);
  });

  it('has final states and refuses skipping ahead, naming both states', () => {
    for (const final of ['declined', 'chosen', 'not_chosen'] as const) expect(TRANSITIONS[final]).toEqual([]);
    expect(() => assertTransition('suggested', 'sent_to_company')).toThrow(InvalidTransitionError);
    expect(() => assertTransition('suggested', 'sent_to_company')).toThrow(
      "cannot go from 'suggested' to 'sent_to_company'; from 'suggested' the next state is one of: contacted",
    );
    expect(() => assertTransition('chosen', 'interview')).toThrow("'chosen' is a final state");
    // Every target named in the table is a state.
    for (const targets of Object.values(TRANSITIONS)) {
      for (const t of targets) expect(WORKFLOW_STATES).toContain(t);
    }
  });

  it('lets the company only decide, and the konsulent do everything', () => {
    expect(mayTransition('virksomhed', 'interview')).toBe(true);
    expect(mayTransition('virksomhed', 'chosen')).toBe(true);
    expect(mayTransition('virksomhed', 'contacted')).toBe(false);
    expect(mayTransition('virksomhed', 'sent_to_company')).toBe(false);
    for (const s of WORKFLOW_STATES) expect(mayTransition('konsulent', s)).toBe(true);
    expect(mayTransition('admin', 'contacted')).toBe(false);
  });
});

describe('transition requests', () => {
  it('needs a structured reason to decline and to not choose', () => {
    expect(transitionRequest.safeParse({ to: 'declined' }).success).toBe(false);
    expect(
      transitionRequest.safeParse({ to: 'declined', reason: 'distance', note: 'for langt' }).success,
    ).toBe(true);
    expect(transitionRequest.safeParse({ to: 'declined', reason: 'weather' }).success).toBe(false);
    expect(companyChoice.safeParse({ candidateId: 'x', decision: 'not_chosen' }).success).toBe(false);
    expect(
      companyChoice.safeParse({ candidateId: 'x', decision: 'not_chosen', reason: 'experience' }).success,
    ).toBe(true);
  });

  it('never takes free text with a health reason (only the category is health data we keep)', () => {
    const r = transitionRequest.safeParse({ to: 'declined', reason: 'health', note: 'dårlig ryg' });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.path).toEqual(['note']);
    expect(r.error!.issues[0]!.message).not.toContain('ryg');
    expect(transitionRequest.safeParse({ to: 'declined', reason: 'health' }).success).toBe(true);
    expect(outcomeRequest.safeParse({ outcome: 'left_early', reason: 'health', note: 'syg' }).success).toBe(
      false,
    );
  });
});

describe('placement outcomes', () => {
  it('start first, then complete or end early; hired ordinarily after either start or completion', () => {
    expect(() => assertOutcome(null, 'started')).not.toThrow();
    expect(() => assertOutcome(null, 'completed')).toThrow(InvalidOutcomeError);
    expect(() => assertOutcome('started', 'completed')).not.toThrow();
    expect(() => assertOutcome('started', 'hired_ordinarily')).not.toThrow();
    expect(() => assertOutcome('completed', 'hired_ordinarily')).not.toThrow();
    expect(() => assertOutcome('left_early', 'completed')).toThrow(
      "cannot record 'completed' after 'left_early'",
    );
  });

  it('asks for a reason only when the placement ended early', () => {
    expect(outcomeRequest.safeParse({ outcome: 'left_early' }).success).toBe(false);
    expect(outcomeRequest.safeParse({ outcome: 'left_early', reason: 'other_job' }).success).toBe(true);
    expect(outcomeRequest.safeParse({ outcome: 'started', reason: 'other_job' }).success).toBe(false);
    expect(outcomeRequest.safeParse({ outcome: 'started', date: '2027-02-30' }).success).toBe(false);
  });
});

import { z } from 'zod';
import { breakdown } from '../../domain/shortlist.ts';
import { DECLINE_REASONS, OUTCOMES, WORKFLOW_STATES } from '../../domain/workflow.ts';
import { ROLES } from '../../ports/access.ts';
import type { CandidacySource } from '../../ports/candidacies.ts';
import { education, experience } from './candidates.ts';
import { draftable, list } from './common.ts';

const state = z.enum(WORKFLOW_STATES);
const ENTRY_SOURCES = ['shortlist', 'company_proposal'] as const satisfies readonly CandidacySource[];

export const workflowEntryView = z
  .object({
    candidateId: z.string().meta({ description: 'The candidate id; `erased:…` once the person was erased' }),
    homeJobcenter: z.string(),
    state,
    source: z.enum(ENTRY_SOURCES),
    firstShortlistId: z.string().nullable(),
    declineReason: z.enum(DECLINE_REASONS).nullable(),
    companyReason: z.string().nullable(),
    note: z.string().nullable(),
    updatedAt: z.string(),
  })
  .meta({ id: 'WorkflowEntry' });

const withdrawn = z.boolean().meta({
  description:
    "The person (of another jobcenter) is no longer shared with the order's jobcenter: consent withdrawn, " +
    'erased, or the jobcentre no longer share a pool. The entry stays for the statistics; the CV, the ranking ' +
    'explanation and every further step are closed.',
});

export const orderWorkflowView = z
  .object({
    jobOrderId: z.string(),
    shortlistId: z
      .string()
      .nullable()
      .meta({ description: 'The shortlist `new`, `rank` and `score` refer to; null before the first' }),
    entries: z.array(
      workflowEntryView.extend({
        withdrawn,
        new: z.boolean().meta({ description: 'First seen in this shortlist, when an earlier one existed' }),
        rank: z.number().int().nullable(),
        score: z.number().nullable(),
        explanation: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'OrderWorkflow' });

/** A candidate on an order, as its konsulent may see them: the CV without CPR; contact only once released. */
export const orderCandidateView = z
  .object({
    id: z.string(),
    externalId: z.string(),
    jobcenter: z.string(),
    name: draftable(z.string()),
    postalCode: z.string().optional(),
    weeklyHours: z.number().optional(),
    availableFrom: z.string().optional(),
    competences: z.array(z.string()),
    educations: z.array(education),
    experience: z.array(experience),
    languages: z.array(z.string()),
    driversLicences: z.array(z.string()),
    consent: z.object({
      searchable: z.boolean(),
      shareWithPool: z.boolean(),
      contactByCompany: z.boolean(),
    }),
    contactReleased: z
      .boolean()
      .meta({ description: "Whether the candidate's home jobcenter released e-mail and phone to this one" }),
    email: z.string().optional(),
    phone: z.string().optional(),
  })
  .meta({ id: 'OrderCandidate' });

export const workflowEntryDetailView = workflowEntryView
  .extend({
    withdrawn,
    history: z.array(
      z.object({
        from: state.nullable(),
        to: state,
        reason: z.string().nullable(),
        note: z.string().nullable(),
        by: z.object({ label: z.string(), role: z.enum(ROLES), tokenId: z.string() }),
        at: z.string(),
      }),
    ),
    candidate: orderCandidateView
      .nullable()
      .meta({ description: 'Null once the person was erased or is no longer shared (`withdrawn`)' }),
  })
  .meta({ id: 'WorkflowEntryDetail' });

export const proposalView = z
  .object({
    candidateId: z.string(),
    externalId: z.string(),
    evaluation: z.object({
      verdict: z.enum(['entry', 'nearMiss', 'unrelated']).meta({
        description: 'entry: would be on the list; nearMiss: a filter or rule fails; unrelated: no fit',
      }),
      eligibility: z.object({
        required: z.boolean(),
        eligible: z.boolean(),
        ruleSet: z.string(),
        failed: z.array(z.object({ code: z.string(), reason: z.string() })),
      }),
      score: z.number().nullable(),
      breakdown: breakdown.nullable(),
      matched: z.array(z.string()),
      missing: z.array(z.string()),
      distanceKm: z.number(),
      reasons: z.array(z.string()),
      explanation: z.string(),
    }),
    entry: workflowEntryView,
  })
  .meta({ id: 'Proposal' });

export const placementView = z
  .object({
    id: z.string(),
    jobOrderId: z.string(),
    candidateId: z.string(),
    homeJobcenter: z.string(),
    orderJobcenter: z.string(),
    outcome: z.enum(OUTCOMES).nullable().meta({ description: 'The latest outcome' }),
    reason: z
      .string()
      .nullable()
      .meta({ description: 'For left_early: own_choice, dismissed, other_job, health, other' }),
    outcomes: z.array(
      z.object({
        outcome: z.enum(OUTCOMES),
        date: z.string(),
        reason: z
          .string()
          .nullable()
          .meta({ description: 'For left_early: own_choice, dismissed, other_job, health, other' }),
        at: z.string(),
      }),
    ),
  })
  .meta({ id: 'Placement' });

export const contactReleaseView = z
  .object({ candidateId: z.string(), releasedTo: z.string() })
  .meta({ id: 'ContactRelease' });

export const auditEntryView = z
  .object({
    id: z.number().int(),
    at: z.string(),
    actor: z.object({
      tokenId: z.string(),
      label: z.string(),
      role: z.enum(ROLES),
      jobcenter: z.string().nullable(),
    }),
    action: z.string().meta({
      description: 'e.g. candidate.cross_read, contact.release, company.bundle.view, bundle.download',
    }),
    candidateId: z.string().nullable(),
    homeJobcenter: z.string().nullable(),
    jobOrderId: z.string().nullable(),
    bundleId: z.string().nullable(),
    detail: z.string().nullable(),
  })
  .meta({ id: 'AuditEntry' });

export const auditListView = list(auditEntryView);

import { z } from 'zod';
import { candidateView } from './candidates.ts';

const nullableString = z.string().nullable();

/** Who did something, as the person may learn it: the token's label, role and jobcenter (never the token). */
const by = z.object({
  label: z.string(),
  role: z.string().optional(),
  jobcenter: nullableString.optional(),
});

const workflowEntry = z.object({
  jobOrder: z.object({
    id: z.string(),
    jobcenter: z.string(),
    externalId: nullableString.meta({ description: 'null when the order has since been deleted' }),
    title: nullableString,
    companyName: nullableString,
  }),
  state: z.string(),
  source: z.string(),
  firstShortlistId: nullableString,
  declineReason: nullableString,
  companyReason: nullableString,
  note: nullableString,
  createdAt: z.string(),
  updatedAt: z.string(),
  history: z.array(
    z.object({
      from: nullableString,
      to: z.string(),
      reason: nullableString,
      note: nullableString,
      by,
      at: z.string(),
    }),
  ),
});

const bundleEntry = z.object({
  id: z.string(),
  jobOrderId: z.string(),
  jobcenter: z.string(),
  status: z.string(),
  createdAt: z.string(),
  completedAt: nullableString,
  opened: z.boolean().meta({ description: 'Whether the company has viewed or downloaded the bundle' }),
  firstOpenedAt: nullableString,
});

const placementEntry = z.object({
  id: z.string(),
  jobOrderId: z.string(),
  orderJobcenter: z.string(),
  outcome: nullableString,
  reason: nullableString,
  createdAt: z.string(),
  updatedAt: z.string(),
  outcomes: z.array(
    z.object({
      outcome: z.string(),
      date: z.string(),
      reason: nullableString,
      note: nullableString,
      by,
      at: z.string(),
    }),
  ),
});

const auditEntry = z.object({
  at: z.string(),
  action: z
    .string()
    .meta({ description: 'e.g. candidate.cross_read, company.bundle.download, candidate.export' }),
  by,
  jobOrderId: nullableString,
  bundleId: nullableString,
  detail: nullableString,
});

/**
 * Everything held about one person (the right of access): the record, where they stand on every order, the CV
 * bundles they were in, placements, and who read their CV. Never the CPR or its hash, never a PDF.
 */
export const candidateExport = z
  .object({
    exportedAt: z.string(),
    candidate: candidateView,
    workflow: z.array(workflowEntry),
    bundles: z.array(bundleEntry),
    placements: z.array(placementEntry),
    auditLog: z.array(auditEntry).meta({ description: 'Newest first' }),
  })
  .meta({ id: 'CandidateExport' });
export type CandidateExport = z.infer<typeof candidateExport>;

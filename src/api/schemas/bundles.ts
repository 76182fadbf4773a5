import { z } from 'zod';
import { COMPANY_DECISIONS, type WorkflowState, workflowState } from '../../domain/workflow.ts';
import type { BundleStatus } from '../../ports/bundles.ts';
import { binary, draftable } from './common.ts';

const BUNDLE_STATUSES = [
  'queued',
  'rendering',
  'done',
  'failed',
  'erased',
] as const satisfies readonly BundleStatus[];
const bundleStatus = z.enum(BUNDLE_STATUSES);

export const bundleView = z
  .object({
    id: z.string(),
    jobOrderId: z.string(),
    status: bundleStatus,
    candidateIds: z.array(z.string()),
    createdAt: z.string(),
    completedAt: z.string().nullable(),
    error: z.string().nullable(),
    pdfBytes: z.number().int().nullable(),
    openedAt: z.string().nullable().meta({ description: 'When the company first opened it; null: not yet' }),
    viewCount: z.number().int().meta({ description: 'How many times the company opened it' }),
  })
  .meta({ id: 'Bundle' });

export const bundleDetailView = bundleView
  .extend({
    companyLink: z
      .object({
        expiresAt: z.string().nullable(),
        revokedAt: z.string().nullable(),
        active: z.boolean().meta({ description: 'Whether the company link still opens the bundle' }),
      })
      .nullable(),
  })
  .meta({ id: 'BundleDetail' });

export const createdBundleView = z
  .object({
    bundle: bundleView,
    company: z
      .object({
        token: z.string().meta({ description: "The company's clear token: shown once, pass it on now" }),
        tokenId: z.string(),
        expiresAt: z.string(),
        url: z.string().meta({ description: 'Where the company reads the bundle with its token' }),
        link: z.string().meta({
          description:
            "The link to send the company: the web app's /virksomhed page with the token in the fragment (after #), " +
            'which browsers never send to a server; built from PUBLIC_URL, else from the address of this request',
        }),
      })
      .meta({ description: 'What the company needs to open the bundle' }),
  })
  .meta({ id: 'CreatedBundle' });

/** Of the workflow the company sees its own part only: anyone who left it earlier is `withdrawn`, never why. */
export const COMPANY_VISIBLE_STATES = [
  'sent_to_company',
  ...COMPANY_DECISIONS,
] as const satisfies readonly WorkflowState[];
export type CompanyVisibleState = (typeof COMPANY_VISIBLE_STATES)[number];
export const seenByCompany = (state: WorkflowState): state is CompanyVisibleState =>
  (COMPANY_VISIBLE_STATES as readonly WorkflowState[]).includes(state);
const companyState = z.enum([...COMPANY_VISIBLE_STATES, 'withdrawn']);

/**
 * Exactly what the PDF shows of a candidate (the same projection builds both), so a company on a phone can read the
 * CVs without opening the PDF. No CPR, benefit or free CV text; contact details only where the candidate allowed it.
 */
const companyCv = z
  .object({
    relevantCompetences: z
      .array(z.string())
      .meta({ description: 'The competences that matter for this order' }),
    otherCompetences: z.array(z.string()),
    experience: z.array(
      z.object({
        title: z.string(),
        from: z.string().optional(),
        to: z.string().optional(),
        description: z.string().optional(),
      }),
    ),
    educations: z.array(z.object({ title: z.string(), level: z.string().optional() })),
    languages: z.array(z.string()),
    driversLicences: z.array(z.string()),
    weeklyHours: z.number().nullable(),
    distanceKm: z.number().nullable(),
    explanation: z.string(),
    contact: z.object({ email: z.string().optional(), phone: z.string().optional() }).optional(),
  })
  .meta({ id: 'CompanyCv' });

export const companyBundleView = z
  .object({
    id: z.string(),
    status: bundleStatus,
    jobOrder: z.object({
      id: z.string(),
      title: z.string(),
      period: z.object({ from: z.string(), to: z.string() }),
      weeklyHours: z.number(),
    }),
    pdf: z.string().meta({ description: 'Path of the PDF' }),
    candidates: z.array(
      z.object({ candidateId: z.string(), name: draftable(z.string()), state: companyState, cv: companyCv }),
    ),
  })
  .meta({ id: 'CompanyBundle' });

export const companyChoiceView = z
  .object({
    candidateId: z.string(),
    state: workflowState.meta({ description: 'The state after the decision' }),
  })
  .meta({ id: 'CompanyChoiceResult' });

export const pdfResponse = (description: string) => ({
  description,
  content: { 'application/pdf': { schema: binary } },
});

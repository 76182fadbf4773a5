import { z } from 'zod';
import { WORKFLOW_STATES } from '../../domain/workflow.ts';

const named = {
  candidateId: z.string(),
  externalId: z.string().nullable(),
  name: z
    .string()
    .nullable()
    .meta({ description: 'null when the person is no longer shared with the jobcenter, or was erased' }),
};

export const overviewView = z
  .object({
    openJobOrders: z.array(
      z.object({
        id: z.string(),
        externalId: z.string(),
        title: z.string(),
        company: z.object({ cvr: z.string(), name: z.string().nullable() }),
        period: z.object({ from: z.string(), to: z.string() }),
        lastShortlist: z
          .object({
            id: z.string(),
            status: z.enum(['queued', 'running', 'done', 'failed']),
            createdAt: z.string(),
          })
          .nullable(),
      }),
    ),
    shortlistsInProgress: z.array(
      z.object({
        id: z.string(),
        jobOrderId: z.string(),
        status: z.enum(['queued', 'running']),
        createdAt: z.string(),
      }),
    ),
    awaitingReply: z
      .array(
        z.object({
          jobOrderId: z.string(),
          jobOrderTitle: z.string(),
          ...named,
          state: z.enum(WORKFLOW_STATES),
          since: z.string().meta({ description: 'When the entry reached this state' }),
        }),
      )
      .meta({
        description:
          "Waiting for the candidate ('contacted') or the company ('sent_to_company', 'interview'), longest first",
      }),
    bundlesNotOpened: z.array(
      z.object({
        id: z.string(),
        jobOrderId: z.string(),
        jobOrderTitle: z.string(),
        createdAt: z.string(),
        expiresAt: z.string().nullable().meta({ description: "When the company's link stops working" }),
      }),
    ),
    recentChoices: z
      .array(
        z.object({
          jobOrderId: z.string(),
          jobOrderTitle: z.string(),
          ...named,
          choice: z.enum(['interview', 'chosen', 'not_chosen']),
          at: z.string(),
        }),
      )
      .meta({ description: "The company's decisions of the last 14 days, newest first" }),
  })
  .meta({ id: 'Overview' });

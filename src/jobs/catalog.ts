import { z } from 'zod';

/**
 * The typed job catalog shared by producers (API, CLI) and consumers (workers): job name -> payload schema and
 * retry policy. Enqueuing a payload of the wrong shape is a type error, and a malformed payload that arrives
 * anyway (another version, a hand-made job) fails at once without retries.
 */
export const jobCatalog = {
  shortlist: {
    payload: z.object({ shortlistId: z.string().min(1) }),
    retry: { attempts: 3, backoffMs: 500 },
  },
  reindex: {
    payload: z.object({ reason: z.string().max(200).default('manual') }),
    retry: { attempts: 2, backoffMs: 2000 },
  },
  /** Renders a CV-pakke to PDF (workers/bundle.ts). */
  bundle: {
    payload: z.object({ bundleId: z.string().min(1) }),
    retry: { attempts: 3, backoffMs: 1000 },
  },
  /** Erases candidates inactive for RETENTION_MONTHS (workers/retention.ts); enqueued daily. */
  retention: {
    payload: z.object({ reason: z.string().max(200).default('manual') }),
    retry: { attempts: 2, backoffMs: 60_000 },
  },
} as const;

/**
 * Job ids derived from the row the job works on: enqueuing a row's job again (a retried request, the reconciler)
 * finds the existing job instead of adding a second one.
 */
export const shortlistJobId = (shortlistId: string): string => `shortlist-${shortlistId}`;
export const bundleJobId = (bundleId: string): string => `bundle-${bundleId}`;

export type JobName = keyof typeof jobCatalog;
export type JobPayload<N extends JobName> = z.input<(typeof jobCatalog)[N]['payload']>;
export type ParsedPayload<N extends JobName> = z.output<(typeof jobCatalog)[N]['payload']>;

/**
 * What a handler learns about the run: `attempt` counts from 1 (a run cut short by a dead worker counts too);
 * `attempt >= maxAttempts` is the last try, after which the queue gives the job up as failed, so a handler
 * whose work is tracked in a row (a shortlist, a bundle) marks the row failed there instead of leaving it running.
 */
export interface JobRun {
  id: string;
  attempt: number;
  maxAttempts: number;
}

export type JobHandler<N extends JobName> = (payload: ParsedPayload<N>, job: JobRun) => Promise<void>;
export type JobHandlers = { [N in JobName]: JobHandler<N> };

/** Thrown for a payload that can never succeed: queues fail such a job without retrying it. */
export class InvalidPayloadError extends Error {
  readonly retryable = false;
  constructor(name: string, detail: string) {
    super(`invalid payload for job '${name}': ${detail}`);
    this.name = 'InvalidPayloadError';
  }
}

export function isJobName(name: string): name is JobName {
  return Object.hasOwn(jobCatalog, name);
}

/** Validates and runs a job with its handler; shared by every queue adapter so they behave the same. */
export async function dispatchJob(
  handlers: JobHandlers,
  name: string,
  payload: unknown,
  job: JobRun,
): Promise<void> {
  if (!isJobName(name)) throw new InvalidPayloadError(name, 'no such job in the catalog');
  const parsed = jobCatalog[name].payload.safeParse(payload);
  if (!parsed.success)
    throw new InvalidPayloadError(name, parsed.error.issues.map((i) => i.message).join('; '));
  await (handlers[name] as JobHandler<typeof name>)(parsed.data as never, job);
}

import type { Logger } from 'pino';
import type { JobHandler, JobHandlers, JobName } from '../src/jobs/catalog.ts';

/** Each job gets a start and an end line with its duration; a failure is logged and rethrown for the retry policy. */
export function loggedHandlers(handlers: JobHandlers, log: Logger): JobHandlers {
  const wrap = <N extends JobName>(name: N, handler: JobHandler<N>): JobHandler<N> => {
    return async (payload, job) => {
      const started = process.hrtime.bigint();
      // Payloads hold ids only (shortlistId, a reason), never personal data.
      const fields = { job: name, jobId: job.id, attempt: job.attempt, payload };
      log.debug(fields, 'job started');
      try {
        await handler(payload, job);
        log.info({ ...fields, ms: Number(process.hrtime.bigint() - started) / 1e6 }, 'job done');
      } catch (error) {
        log.warn({ ...fields, err: error }, 'job failed');
        throw error;
      }
    };
  };
  return Object.fromEntries(
    Object.entries(handlers).map(([name, handler]) => [
      name,
      wrap(name as JobName, handler as JobHandler<JobName>),
    ]),
  ) as JobHandlers;
}

import type { AppContext } from '../../context.ts';
import { ProblemError } from '../problem.ts';

const PING_TIMEOUT_MS = 2000;

function withTimeout(p: Promise<void>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${PING_TIMEOUT_MS} ms`)), PING_TIMEOUT_MS);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/** Pings every port at once; throws a 503 problem that lists each check when any fails. */
export async function readiness(
  ctx: Pick<AppContext, 'database' | 'index' | 'queue'>,
): Promise<Record<string, string>> {
  const probes = {
    store: () => ctx.database.ping(),
    index: () => ctx.index.ping(),
    queue: () => ctx.queue.ping(),
  };
  const results = await Promise.all(
    Object.entries(probes).map(async ([name, ping]) => {
      try {
        await withTimeout(ping());
        return [name, 'ok'] as const;
      } catch (error) {
        return [name, `failed: ${(error as Error).message}`] as const;
      }
    }),
  );
  const checks = Object.fromEntries(results);
  const failed = results.filter(([, r]) => r !== 'ok').map(([n]) => n);
  if (failed.length > 0) {
    throw new ProblemError({
      code: 'not-ready',
      detail: `not ready: ${failed.join(', ')}`,
      extra: { checks },
    });
  }
  return checks;
}

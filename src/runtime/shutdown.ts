import type { Logger } from 'pino';

/**
 * Resolves with the first SIGTERM or SIGINT. A second one while the process drains exits at once with 130: an
 * operator pressing Ctrl-C twice means it.
 */
export function shutdownSignal(log: Logger): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    let received = false;
    const onSignal = (signal: NodeJS.Signals) => {
      if (received) {
        log.warn({ signal }, 'second signal while shutting down: exiting without draining');
        process.exit(130);
      }
      received = true;
      resolve(signal);
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  });
}

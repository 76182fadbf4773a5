/**
 * Reports a dependency's outage once instead of once per failed command or reconnect attempt: ioredis emits an
 * `error` event for every reconnect, dozens a minute while Redis is down. `recovered` ends the outage, so the next
 * one is reported again.
 */
export function outageReporter(
  report: (error: Error) => void,
  onRecovered?: () => void,
): { failed: (error: Error) => void; recovered: () => void } {
  let down = false;
  return {
    failed: (error) => {
      if (down) return;
      down = true;
      try {
        report(error);
      } catch {
        // A failing reporter must not become an unhandled error of its own.
      }
    },
    recovered: () => {
      if (!down) return;
      down = false;
      onRecovered?.();
    },
  };
}

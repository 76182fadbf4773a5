import { hostname } from 'node:os';
import type { ImportRunStore } from '../src/ports/import-runs.ts';

/**
 * This process, as an import run's owner: host, pid and the moment the process started, so that a later process
 * with the same pid (a restarted container is pid 1 again) is not taken for the one that died.
 */
export const PROCESS_OWNER = `${hostname()}:${process.pid}:${Math.round(performance.timeOrigin)}`;

/**
 * Whether the process that owns a run may still be running it. Another host's process cannot be checked from here,
 * so it counts as alive: a run is only ever marked interrupted on evidence.
 */
export function ownerAlive(owner: string): boolean {
  const m = /^(.*):(\d+):(\d+)$/.exec(owner);
  if (!m) return false;
  if (m[1] !== hostname()) return true;
  const pid = Number(m[2]);
  if (pid === process.pid) return owner === PROCESS_OWNER;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** At start-up: runs whose process died mid-import are marked interrupted, with the counts that landed. */
export function markInterruptedImports(store: Pick<ImportRunStore, 'markInterrupted'>): Promise<string[]> {
  return store.markInterrupted(ownerAlive);
}

/**
 * A candidate's home jobcenter releasing their contact details to another jobcenter of the pool: until then the
 * other jobcenter sees the CV without the means to reach the person.
 */
export interface ContactReleaseStore {
  /** Idempotent: releasing twice keeps the first release. */
  release(input: { candidateId: string; toJobcenter: string; releasedBy: string }): Promise<void>;
  isReleased(candidateId: string, toJobcenter: string): Promise<boolean>;
}

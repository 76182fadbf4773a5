/** Rekrutteringsfællesskaber: jobcentre that share their candidates with each other. */

export interface Pool {
  id: string;
  name: string;
  /** Jobcenter ids, sorted. */
  members: string[];
  createdAt: string;
}

export interface PoolStore {
  create(input: { name: string; members: string[] }): Promise<Pool>;
  get(id: string): Promise<Pool | undefined>;
  /** Every pool, or those the jobcenter is a member of; oldest first. */
  list(filter?: { jobcenter?: string }): Promise<Pool[]>;
  /** Idempotent; undefined when the pool does not exist. */
  addMember(poolId: string, jobcenter: string): Promise<Pool | undefined>;
  /** Idempotent; undefined when the pool does not exist. */
  removeMember(poolId: string, jobcenter: string): Promise<Pool | undefined>;
  /** Every other jobcenter that shares a pool with this one, sorted. */
  partnersOf(jobcenter: string): Promise<string[]>;
}

/** What an upsert by natural key did to each item of a batch; shared by the stores that import records. */

export type WriteStatus = 'created' | 'updated' | 'unchanged';

export interface WriteResult {
  id: string;
  status: WriteStatus;
}

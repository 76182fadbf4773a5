import { createHmac } from 'node:crypto';
import { normaliseCpr } from '../../domain/cpr.ts';

/** Below this a key is guessable enough that the hash of a 10-digit CPR could be brute-forced offline. */
const MIN_KEY_BYTES = 16;

export function assertCprKey(key: Buffer): void {
  if (!Buffer.isBuffer(key) || key.length < MIN_KEY_BYTES) {
    throw new Error(`the CPR hash key must be at least ${MIN_KEY_BYTES} bytes`);
  }
}

/**
 * The only form in which a CPR is kept: HMAC-SHA256 under a secret key, hex. A plain hash would not do: there are
 * only a few million valid CPR numbers, so anyone holding the database could hash them all and reverse it. Without
 * the key the hash says nothing; with it the Store can still answer "is this person already registered?".
 * The CPR is normalised first so '010190-1234' and '0101901234' hash alike.
 */
export function hashCpr(key: Buffer, cpr: string): string {
  assertCprKey(key);
  const digits = normaliseCpr(cpr);
  // Never echo the value: a CPR must not reach an error message or a log.
  if (!digits) throw new Error('not a valid CPR-nummer');
  return createHmac('sha256', key).update(digits, 'utf8').digest('hex');
}

import { v7 } from 'uuid';

/**
 * Every id the stores make: a UUIDv7, whose leading timestamp keeps new rows at the end of the primary-key index
 * (a large import appends instead of splitting pages all over the B-tree), and keeps keyset pages in creation
 * order. Monotonic within a millisecond.
 */
export function newId(): string {
  return v7();
}

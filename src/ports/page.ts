/** Keyset pagination shared by every store port that lists. */

export interface Page {
  limit: number;
  /** Opaque cursor from the previous page. */
  after?: string | undefined;
}

export interface PageResult<T> {
  items: T[];
  next: string | null;
}

/** A cursor the store did not make (edited, truncated, from another list): the caller's `after` is wrong. */
export class InvalidCursorError extends Error {
  constructor() {
    super('invalid page cursor');
    this.name = 'InvalidCursorError';
  }
}

import { InvalidCursorError, type PageResult } from '../../ports/page.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Pages are keyed by row id: the cursor is the last id seen, opaque to callers. */
export function encodeCursor(id: string): string {
  return Buffer.from(id, 'utf8').toString('base64url');
}

/** '' (before every id) without a cursor; InvalidCursorError for one this store did not make. */
export function decodeCursor(cursor: string | undefined): string {
  if (cursor === undefined) return '';
  const id = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!UUID.test(id) || encodeCursor(id) !== cursor) throw new InvalidCursorError();
  return id;
}

export function checkLimit(n: number, what: string): void {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`${what} must be a positive integer, got ${n}`);
}

/** Rows fetched with LIMIT limit + 1: the extra row only says there is a next page. */
export function toPage<R extends { id: string }, T extends { id: string }>(
  rows: R[],
  limit: number,
  map: (row: R) => T,
): PageResult<T> {
  const more = rows.length > limit;
  const items = (more ? rows.slice(0, limit) : rows).map(map);
  return { items, next: more ? encodeCursor(items.at(-1)!.id) : null };
}

import { decodeCursor, encodeCursor } from './cursor.js';

/** A page request: at most `limit` items after (or before) a cursor. */
export interface PageRequest {
  readonly limit: number;
  readonly before?: string | undefined;
  readonly after?: string | undefined;
}

/** A page of items and OpenMetadata's paging object for it. */
export interface Page<Item> {
  readonly data: Item[];
  readonly paging: { before?: string; after?: string; total: number };
}

/** Thrown when a cursor was not issued by this mock; the handler answers 400 like the real server. */
export class InvalidCursorError extends Error {
  override readonly name = 'InvalidCursorError';
}

function decodeOrThrow(cursor: string | undefined): string | undefined {
  if (cursor === undefined) return undefined;
  const sortKey = decodeCursor(cursor);
  if (sortKey === undefined) throw new InvalidCursorError(`Invalid cursor [${cursor}]`);
  return sortKey;
}

/**
 * Cut one page out of `items` (already sorted by `sortKeyOf`), the way OpenMetadata's cursor paging does: `after`
 * moves forward, `before` moves back, and a cursor is omitted on the first or last page.
 */
export function pageOf<Item>(
  items: readonly Item[],
  sortKeyOf: (item: Item) => string,
  request: PageRequest,
): Page<Item> {
  const afterKey = decodeOrThrow(request.after);
  const beforeKey = decodeOrThrow(request.before);
  let start = 0;
  let end = items.length;
  if (beforeKey !== undefined) {
    end = items.findIndex((item) => sortKeyOf(item) >= beforeKey);
    if (end === -1) end = items.length;
    start = Math.max(0, end - request.limit);
  } else {
    if (afterKey !== undefined) {
      start = items.findIndex((item) => sortKeyOf(item) > afterKey);
      if (start === -1) start = items.length;
    }
    end = Math.min(items.length, start + request.limit);
  }
  const data = items.slice(start, end);
  const paging: { before?: string; after?: string; total: number } = { total: items.length };
  const first = data[0];
  const last = data[data.length - 1];
  if (first !== undefined && start > 0) paging.before = encodeCursor(sortKeyOf(first));
  if (last !== undefined && end < items.length) paging.after = encodeCursor(sortKeyOf(last));
  return { data, paging };
}

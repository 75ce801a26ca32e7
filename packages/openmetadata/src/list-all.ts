import { ConfigError, ResponseParseError } from '@meta/errors';
import type { Paging } from './generated/entity-types.js';

/** The page size `listAll` uses when none is given. */
export const DEFAULT_PAGE_SIZE = 100;
/** The largest page size `listAll` asks for (OpenMetadata's UI and Python SDK stay at or below it). */
export const MAX_PAGE_SIZE = 1000;

/** One page of a list: OpenMetadata's `ResultList` envelope. */
export interface EntityList<T> {
  /** The entities of this page. */
  readonly data: T[];
  /** The cursors and the total. */
  readonly paging: Paging;
}

/** `pageSize` as an integer from 1 to {@link MAX_PAGE_SIZE}, or a `ConfigError`. */
export function checkPageSize(pageSize: unknown): number {
  if (pageSize === undefined) return DEFAULT_PAGE_SIZE;
  if (
    typeof pageSize !== 'number' ||
    !Number.isInteger(pageSize) ||
    pageSize < 1 ||
    pageSize > MAX_PAGE_SIZE
  ) {
    throw new ConfigError(`pageSize must be an integer from 1 to ${MAX_PAGE_SIZE}`, { field: 'pageSize' });
  }
  return pageSize;
}

/**
 * Every entity over every page: follows `paging.after` until a page has none. A cursor the server already
 * returned would loop forever, so it is a `ResponseParseError` instead. The signal is checked between entities
 * too, so a consumer that aborts while holding a page stops at the next step.
 */
export async function* pageThrough<T>(
  fetchPage: (after: string | undefined) => Promise<EntityList<T>>,
  signal: AbortSignal | undefined,
): AsyncGenerator<T, void, undefined> {
  const seen = new Set<string>();
  let after: string | undefined;
  do {
    signal?.throwIfAborted();
    const page = await fetchPage(after);
    if (!Array.isArray(page?.data)) {
      throw new ResponseParseError({ message: 'a list response has no "data" array' });
    }
    for (const entity of page.data) {
      signal?.throwIfAborted();
      yield entity;
    }
    const next = page.paging?.after;
    after = typeof next === 'string' && next.length > 0 ? next : undefined;
    if (after !== undefined) {
      if (seen.has(after)) {
        throw new ResponseParseError({
          message: `the server returned the paging cursor "${after}" twice; stopped instead of looping`,
        });
      }
      seen.add(after);
    }
  } while (after !== undefined);
}

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

// listAll owns the paging parameters: a `limit` would be overridden by pageSize, a `before` or `after` would be
// sent with every page's own cursor.
const PAGING_KEYS = {
  limit: 'use pageSize',
  after: 'use list() for one page',
  before: 'use list() for one page',
};

/** The `signal` of `listAll`'s options, after refusing the keys `listAll` sets itself; `ConfigError`s name them. */
export function checkListAllOptions(options: Readonly<Record<string, unknown>>): AbortSignal | undefined {
  for (const [key, hint] of Object.entries(PAGING_KEYS)) {
    if (options[key] !== undefined) {
      throw new ConfigError(`listAll sets ${key} itself for every page: ${hint}`, { field: key });
    }
  }
  const signal = options.signal as AbortSignal | undefined;
  // Duck-typed like @meta/transport's request check, so a signal from another realm is accepted too.
  const isSignal =
    typeof signal === 'object' &&
    signal !== null &&
    typeof signal.aborted === 'boolean' &&
    typeof signal.addEventListener === 'function';
  if (signal !== undefined && !isSignal) {
    throw new ConfigError('signal must be an AbortSignal', { field: 'options.signal' });
  }
  return signal;
}

function stopIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw signal.reason;
}

function malformed(message: string): ResponseParseError {
  return new ResponseParseError({ message: `listAll: ${message}` });
}

/** The next cursor of a page, `undefined` at the end; a page that cannot be followed is a `ResponseParseError`. */
function nextCursor(page: EntityList<unknown>): string | undefined {
  const paging: unknown = page.paging;
  if (typeof paging !== 'object' || paging === null || Array.isArray(paging))
    throw malformed('a list response has no "paging" object');
  const next = (paging as { after?: unknown }).after;
  if (next === undefined || next === null || next === '') return undefined;
  if (typeof next !== 'string') throw malformed(`paging.after is a ${typeof next}, not a cursor string`);
  // Without entities the page cannot have moved on, so following its cursor could loop without end.
  if (page.data.length === 0)
    throw malformed('an empty page carries a next cursor; stopped instead of looping');
  return next;
}

/**
 * Every entity over every page: follows `paging.after` until a page has none. A cursor the server already
 * returned, or an empty page with a cursor, would loop forever, so each is a `ResponseParseError` instead; so is
 * a page without a `data` array or a `paging` object, or a non-string cursor (never a silent early stop). The
 * signal is checked between entities too, so a consumer that aborts while holding a page stops at the next step.
 */
export async function* pageThrough<T>(
  fetchPage: (after: string | undefined) => Promise<EntityList<T>>,
  signal: AbortSignal | undefined,
): AsyncGenerator<T, void, undefined> {
  const seen = new Set<string>();
  let after: string | undefined;
  do {
    stopIfAborted(signal);
    const page = await fetchPage(after);
    if (!Array.isArray(page?.data)) throw malformed('a list response has no "data" array');
    for (const entity of page.data) {
      stopIfAborted(signal);
      yield entity;
    }
    after = nextCursor(page);
    if (after !== undefined && seen.has(after)) {
      const shown = after.length > 200 ? `${after.slice(0, 200)}...` : after;
      throw malformed(`the server returned the paging cursor "${shown}" twice; stopped instead of looping`);
    }
    if (after !== undefined) seen.add(after);
  } while (after !== undefined);
}

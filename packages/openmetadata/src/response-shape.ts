import { ResponseParseError } from '@meta/errors';

function describe(value: unknown): string {
  if (value === null) return 'null (an empty body?)';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'string' ? 'text' : typeof value;
}

/**
 * The always-on shape check of a response, before it is returned as a typed value: an entity call must answer a
 * JSON object, never `null`, text or an array typed as the entity (full checks are `validate: true`).
 */
export function requireObjectResponse<T>(value: unknown, method: string, path: string, what: string): T {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ResponseParseError({
      message: `${method} ${path}: expected ${what} (a JSON object), got ${describe(value)}`,
    });
  }
  return value as T;
}

/** A list response must be an object whose `data` is an array (OpenMetadata's `ResultList`). */
export function requireListResponse<L extends { data: unknown[] }>(value: unknown, path: string): L {
  const page = requireObjectResponse<L>(value, 'GET', path, 'a list response');
  if (!Array.isArray(page.data)) {
    throw new ResponseParseError({ message: `GET ${path}: a list response has no "data" array` });
  }
  return page;
}

/**
 * One page from `list` must also carry its `paging` object (OpenMetadata's `ResultList` always does), so that
 * `page.paging.after` is never a TypeError far from the cause. (`listAll` yields a page's entities before it
 * reports a missing `paging`, so it checks the page itself.)
 */
export function requirePaging<L extends { paging: unknown }>(page: L, path: string): L {
  const paging: unknown = page.paging;
  if (typeof paging !== 'object' || paging === null || Array.isArray(paging)) {
    throw new ResponseParseError({ message: `GET ${path}: a list response has no "paging" object` });
  }
  return page;
}

/**
 * A version history must be an object whose `versions` is an array (OpenMetadata's `EntityHistory`), as a list's
 * `data` must: anything else typed as an array would break the caller's loop far from the cause.
 */
export function requireHistoryResponse<H extends { versions: unknown[] }>(value: unknown, path: string): H {
  const history = requireObjectResponse<H>(value, 'GET', path, 'an entity history');
  if (!Array.isArray(history.versions)) {
    throw new ResponseParseError({ message: `GET ${path}: an entity history has no "versions" array` });
  }
  return history;
}

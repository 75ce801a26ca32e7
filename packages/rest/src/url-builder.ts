import { ConfigError } from '@meta/errors';
import { isPlainObject } from './own-property.js';

/** One query value: strings as they are, numbers, bigints and booleans as their string forms. */
export type QueryValue = string | number | boolean | bigint | null | undefined;

/**
 * Query parameters (GET `data`, and the per-call `query` option of every method): an object whose values are
 * {@link QueryValue}s or arrays of them; arrays repeat the key, `null` and `undefined` are dropped. Typed as
 * `object` so interface-typed objects are accepted too (TypeScript gives interfaces no index signature); values
 * are checked at run time (a `ConfigError` naming `data` or `query`).
 *
 * @example
 * ```ts
 * { fields: 'owners,tags', limit: 10, include: 'all' } // OpenMetadata's `fields` is one comma-joined string
 * ```
 */
export type QueryData = object;

function pathError(reason: string): ConfigError {
  return new ConfigError(`Invalid request path: ${reason}`, { field: 'path' });
}

// A character a path or query may never hold: a control character (C0, DEL or C1: none is ever part of a
// resource name, and sending one percent-encoded would hide it), `\` or `#` (fragments are never sent).
const REFUSED = /[\0-\x1f\x7f-\x9f\\#]/;

// What is sent percent-encoded: non-ASCII (whole code points, so a surrogate pair becomes its UTF-8 bytes), space,
// ", <, >, ^, `, {, |, }, DEL, and a `%` that starts no escape (the caller's own `%2F` is kept). Regular
// expressions rather than a character loop (smaller in a browser bundle): a client's repeated paths skip them
// entirely (the `UrlBuilder` cache). No `i` flag: with `u` it would fold `ſ` into `s` and leave it unencoded.
const NEEDS_ENCODING = /[^\x21-\x7e]|["<>^`{|}]|%(?![\dA-Fa-f]{2})/gu;

// Silently sending U+FFFD instead would address a different resource than the caller named.
const LONE_SURROGATE = 'a lone surrogate (half of a UTF-16 pair) cannot be encoded as UTF-8';

/** Refuse control characters, `\` and `#` in a path or query, then encode what must be (see NEEDS_ENCODING). */
function encodePart(part: string): string {
  const refused = REFUSED.exec(part)?.[0];
  if (refused === '\\') throw pathError('a backslash is not allowed');
  if (refused === '#') throw pathError('"#" is not allowed (fragments are never sent)');
  if (refused !== undefined) throw pathError('control characters are not allowed');
  // A test first: most parts need nothing encoded, and a failed test is cheaper than a replace. Safe on this
  // global pattern: a failed `test` leaves `lastIndex` at 0, and `replace` starts from 0 whatever it is.
  if (!NEEDS_ENCODING.test(part)) return part;
  try {
    return part.replace(NEEDS_ENCODING, encodeURIComponent);
  } catch {
    // encodeURIComponent's URIError: the only character it cannot encode is a lone surrogate.
    throw pathError(LONE_SURROGATE);
  }
}

/**
 * Reject dot-segments, which could otherwise climb above `/api/<version>`: `.` and `..`, also spelled with
 * `%2e`, and also where the segment is delimited by an encoded slash or backslash (`..%2f`, `%2e%2e%5c`), because
 * many servers and proxies decode those before they resolve the path. A dot-segment with path parameters
 * (`..;`, `%2e%2e;jsessionid=x`, `.;x`, also with `;` encoded as `%3b`) is a dot-segment too: Tomcat, Jetty and
 * Spring strip `;parameters` before resolving dot-segments, so `/tables/..;/..;/admin` reaches `/admin`. A raw
 * `\` (from NFKC's `＼`) separates too.
 */
function checkDotSegments(path: string): void {
  if (!path.includes('.') && !path.includes('%')) return;
  const separated = path.toLowerCase().replaceAll('%2f', '/').replaceAll('%5c', '/').replaceAll('\\', '/');
  for (const segment of separated.split('/')) {
    if (segment.length === 0) continue;
    const parameters = segment.includes('%3b') ? segment.replaceAll('%3b', ';') : segment;
    const semicolon = parameters.indexOf(';');
    const name = semicolon === -1 ? parameters : parameters.slice(0, semicolon);
    if (name.length === 0 || name.length > 6) continue;
    const dots = name.replaceAll('%2e', '.');
    if (dots === '.' || dots === '..') {
      throw pathError('dot-segments ("." and "..") are not allowed');
    }
  }
}

/**
 * A path that starts with a URL scheme (`http:`, `javascript:`): RFC 3986 scheme characters up to the first `:`,
 * which can therefore come before any `/`. Anchored, one character class: linear time.
 */
const SCHEME_PREFIX = /^[a-z][a-z\d+.-]*:/i;

/** `encodeURIComponent` with a typed error: a lone surrogate is a `ConfigError` naming `field`, never a URIError. */
function encodeQueryText(text: string, field: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    throw new ConfigError(`${field}: ${LONE_SURROGATE}`, { field });
  }
}

/**
 * `key=value` pairs of GET `data` or the per-call `query` (`field` names which), appended to `query` with `&`.
 * Booleans, numbers and bigints are sent as their string forms.
 */
export function appendQuery(query: string, data: unknown, field: 'data' | 'query' = 'data'): string {
  if (data === undefined || data === null) return query;
  if (!isPlainObject(data)) {
    throw new ConfigError(`${field} must be a plain object of query parameters`, { field });
  }
  let result = query;
  try {
    for (const key of Object.keys(data)) {
      const value = data[key];
      const values = Array.isArray(value) ? value : [value];
      for (const item of values) {
        if (item === undefined || item === null) continue;
        const type = typeof item;
        if (type !== 'string' && type !== 'number' && type !== 'boolean' && type !== 'bigint') {
          throw new ConfigError(`${field} "${key}" must be a string, number, boolean or an array of them`, {
            field,
          });
        }
        const pair = `${encodeQueryText(key, field)}=${encodeQueryText(String(item), field)}`;
        result = result.length === 0 ? pair : `${result}&${pair}`;
      }
    }
  } catch (error) {
    // A getter, Proxy trap or array iterator that throws is bad input like any other: typed, naming `field`.
    if (error instanceof ConfigError) throw error;
    throw new ConfigError(`${field} could not be read (see cause)`, { field, cause: error });
  }
  return result;
}

/**
 * Builds request URLs: `<base path>/<apiVersion><path>`, exactly one slash at each join. A path can never change
 * scheme, host or port and can never climb above `/api/<version>` (SPEC 3.2 and 3.8).
 */
export class UrlBuilder {
  /** `scheme://host:port/base/apiVersion`, without a trailing slash. */
  readonly prefix: string;
  /**
   * The last path checked, and what it became: a client calls the same few paths again and again, and a path's
   * check depends on nothing but its text, so a repeated path skips the scan (one string comparison instead).
   */
  #last: CheckedPath | undefined;

  constructor(baseUrl: URL, apiVersion: string) {
    const basePath = baseUrl.pathname.replace(/\/+$/, '');
    this.prefix = `${baseUrl.origin}${basePath}/${apiVersion}`;
  }

  /**
   * The absolute URL for `path`: GET `data` pairs appended to the path's own query, then the per-call `query`
   * pairs (SPEC 3.2: `query` comes after `data`).
   */
  build(rawPath: unknown, queryData?: unknown, callQuery?: unknown): string {
    if (typeof rawPath !== 'string') throw pathError('the path must be a string');
    const last = this.#last;
    const checked = last !== undefined && last.rawPath === rawPath ? last : checkPath(rawPath, this.prefix);
    this.#last = checked;
    let query = checked.query;
    if (queryData !== undefined && queryData !== null) query = appendQuery(query, queryData, 'data');
    if (callQuery !== undefined && callQuery !== null) query = appendQuery(query, callQuery, 'query');
    if (query === checked.query) return checked.url;
    return `${checked.urlWithoutQuery}?${query}`;
  }
}

/** A path that passed the checks, split and encoded, with the URL it gives on its own. */
interface CheckedPath {
  readonly rawPath: string;
  /** The path's own query, encoded ('' when it has none). */
  readonly query: string;
  /** The prefix and the encoded pathname. */
  readonly urlWithoutQuery: string;
  /** The URL for this path with no query parameters added (a path ending in `?` keeps it). */
  readonly url: string;
}

/** Check, split and encode `rawPath` (SPEC 3.2: a path never changes the origin or climbs above the prefix). */
function checkPath(rawPath: string, prefix: string): CheckedPath {
  let path = rawPath;
  if (path.length > 0 && path.charCodeAt(0) !== 0x2f) {
    if (SCHEME_PREFIX.test(path)) throw pathError('absolute URLs are not allowed; pass a path');
    path = `/${path}`;
  }
  if (path.charCodeAt(1) === 0x2f) throw pathError('a path starting with "//" is not allowed');
  const questionMark = path.indexOf('?');
  let pathname = questionMark === -1 ? path : path.slice(0, questionMark);
  let query = questionMark === -1 ? '' : path.slice(questionMark + 1);
  const encoded = encodePart(pathname);
  // Checked as a server that folds Unicode compatibility characters would read it: NFKD turns `‥` into `..`,
  // fullwidth `．` into `.`, `／` and `＼` into separators and `％２ｅ` into `%2e`. Decomposed, not composed (NFKC),
  // and with combining marks dropped: composing `%5c` + U+0307 gives `%5ċ` and hides the `%5c` that a server
  // decoding percent first reads as `\`; a server that drops marks reads `.` + U+0301 as `.`.
  checkDotSegments(pathname.normalize('NFKD').replace(/\p{M}/gu, ''));
  pathname = encoded;
  if (query.length > 0) query = encodePart(query);
  const urlWithoutQuery = prefix + pathname;
  const url = query.length > 0 || questionMark !== -1 ? `${urlWithoutQuery}?${query}` : urlWithoutQuery;
  return { rawPath, query, urlWithoutQuery, url };
}

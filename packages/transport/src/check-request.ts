import { ConfigError } from '@meta/errors';
import {
  FORBIDDEN_VALUE_CHARACTERS,
  hasForbiddenValueCharacter,
  isHeaderToken,
  UNSENDABLE_HEADER_NAMES,
} from './header-rules.js';
import type { TransportRequest } from './transport.js';

function problem(field: string, message: string): ConfigError {
  return new ConfigError(message, { field });
}

/** True for an absolute `http:` or `https:` URL with a host (scheme compared case-insensitively). */
function isHttpUrl(url: string): boolean {
  const hostStart = httpAuthorityStart(url);
  if (hostStart === -1 || url.length === hostStart) return false;
  const first = url.charCodeAt(hostStart);
  // `/`, `?` or `#` right after the scheme: no host.
  return first !== 0x2f && first !== 0x3f && first !== 0x23;
}

/**
 * Where the authority of an `http://` or `https://` URL starts (7 or 8), the scheme compared case-insensitively,
 * or -1 for any other scheme. Character codes, not `slice().toLowerCase()`: this runs on every request.
 */
export function httpAuthorityStart(url: string): number {
  // 0x20 folds ASCII letters to lowercase: h t t p (s) : / /.
  if (
    (url.charCodeAt(0) | 0x20) !== 0x68 ||
    (url.charCodeAt(1) | 0x20) !== 0x74 ||
    (url.charCodeAt(2) | 0x20) !== 0x74 ||
    (url.charCodeAt(3) | 0x20) !== 0x70
  ) {
    return -1;
  }
  const secure = (url.charCodeAt(4) | 0x20) === 0x73;
  const colon = secure ? 5 : 4;
  if (
    url.charCodeAt(colon) !== 0x3a ||
    url.charCodeAt(colon + 1) !== 0x2f ||
    url.charCodeAt(colon + 2) !== 0x2f
  )
    return -1;
  return colon + 3;
}

function headersProblem(headers: unknown): ConfigError | undefined {
  if (headers === undefined) return undefined;
  if (typeof headers !== 'object' || headers === null || Array.isArray(headers)) {
    return problem('headers', '"headers" must be an object of header names and string values');
  }
  for (const name of Object.keys(headers)) {
    // The name may be hostile, but it is never a secret: the values are, and are never quoted.
    const shownName = name.slice(0, 64);
    if (!isHeaderToken(name))
      return problem(`headers.${shownName}`, 'a header name must be an RFC 9110 token');
    if (UNSENDABLE_HEADER_NAMES.has(name.toLowerCase())) {
      return problem(
        `headers.${shownName}`,
        `no transport can send "${shownName}": it asks for an interim 100 Continue that is never awaited`,
      );
    }
    const value = (headers as Record<string, unknown>)[name];
    if (typeof value !== 'string' || hasForbiddenValueCharacter(value)) {
      return problem(
        `headers.${shownName}`,
        `a header value must be a string without ${FORBIDDEN_VALUE_CHARACTERS}`,
      );
    }
  }
  return undefined;
}

/** Header records {@link sealRequestHeaders} checked and froze: `send()` never checks them again. */
const sealedHeaderRecords = new WeakSet<object>();

/**
 * A frozen copy of `headers` (own enumerable string keys, data properties only) that every transport of this
 * package accepts without checking it again, for callers that send the same headers many times (`@meta/rest`
 * caches one record per auth value and content type). Nothing is trusted: the copy is checked here, once, by the
 * rule `send()` applies, and only a copy that passes is remembered (by identity, in a `WeakSet`). A copy that fails
 * is still returned, and `send()` rejects it with the same `ConfigError` as before.
 *
 * @example
 * ```ts
 * const headers = sealRequestHeaders({ accept: 'application/json', 'user-agent': 'my-app/1.0' });
 * await transport.send({ method: 'GET', url, headers }); // no header check per request
 * ```
 */
export function sealRequestHeaders(
  headers: Readonly<Record<string, string>>,
): Readonly<Record<string, string>> {
  const copy: Record<string, string> = Object.create(null);
  // A copy, not the caller's object: a getter or a later write can never change what was checked.
  for (const name of Object.keys(headers)) copy[name] = headers[name]!;
  Object.freeze(copy);
  if (headersProblem(copy) === undefined) sealedHeaderRecords.add(copy);
  return copy;
}

/** True for a record {@link sealRequestHeaders} returned after its check passed. */
export function isSealedHeaders(headers: object): boolean {
  return sealedHeaderRecords.has(headers);
}

function isNonNegative(value: unknown, integer: boolean): boolean {
  return (
    typeof value === 'number' && Number.isFinite(value) && value >= 0 && (!integer || Number.isInteger(value))
  );
}

function isSignal(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as AbortSignal).aborted === 'boolean' &&
    typeof (value as AbortSignal).addEventListener === 'function'
  );
}

function isRedactor(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { url?: unknown }).url === 'function' &&
    typeof (value as { text?: unknown }).text === 'function'
  );
}

/**
 * What is wrong with a request handed to `send()`, as a {@link ConfigError} naming the field, or `undefined` when
 * it keeps the {@link TransportRequest} contract. Both adapters check the same way, so a bad request fails with
 * the same error whichever transport it meets (and never as a `TypeError` from inside fetch or undici). Cheap:
 * type checks, a scheme check and one anchored regular expression per header.
 */
export function requestProblem(request: unknown): ConfigError | undefined {
  if (typeof request !== 'object' || request === null)
    return problem('request', 'send() takes a request object');
  const { method, url, headers, body, signal, timeoutMs, maxResponseBytes, redactor } =
    request as TransportRequest;
  if (typeof method !== 'string' || !isHeaderToken(method)) {
    return problem('method', '"method" must be an RFC 9110 token such as GET');
  }
  if (typeof url !== 'string' || !isHttpUrl(url)) {
    // The URL is never quoted: it may hold credentials.
    return problem('url', '"url" must be an absolute http: or https: URL');
  }
  // One WeakSet lookup for headers sealed (checked and frozen) once, as REST's are.
  const headerProblem =
    typeof headers === 'object' && headers !== null && sealedHeaderRecords.has(headers)
      ? undefined
      : headersProblem(headers);
  if (headerProblem) return headerProblem;
  if (body !== undefined && typeof body !== 'string' && !(body instanceof Uint8Array)) {
    return problem('body', '"body" must be a string or a Uint8Array');
  }
  if (signal !== undefined && !isSignal(signal)) return problem('signal', '"signal" must be an AbortSignal');
  if (timeoutMs !== undefined && !isNonNegative(timeoutMs, false)) {
    return problem('timeoutMs', '"timeoutMs" must be a finite number >= 0');
  }
  if (maxResponseBytes !== undefined && !isNonNegative(maxResponseBytes, true)) {
    return problem('maxResponseBytes', '"maxResponseBytes" must be an integer >= 0');
  }
  if (redactor !== undefined && !isRedactor(redactor)) {
    return problem('redactor', '"redactor" must be a Redactor from createRedactor()');
  }
  return undefined;
}

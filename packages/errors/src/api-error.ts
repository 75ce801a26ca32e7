import {
  boundedSnippet,
  type ErrorRequestInfo,
  type ErrorResponseInfo,
  type RequestInfoInput,
  type ResponseInfoInput,
  redactRequest,
  redactResponse,
} from './http-exchange.js';
import { hasErrorKind, MetaError, type MetaErrorOptions } from './meta-error.js';
import { checkedNumber, optionalNumber, optionsObject } from './option-checks.js';
import { type Redactor, redactorOf } from './redaction.js';

/** The HTTP side of an {@link APIError}, like the Python original's `http_error`. Redacted before storing. */
export interface APIErrorHttpInfo extends MetaErrorOptions {
  /** The request that failed. */
  readonly request?: RequestInfoInput | undefined;
  /** The response that was received. */
  readonly response?: ResponseInfoInput | undefined;
  /** A server-requested retry delay (from `Retry-After`) that was not slept because it passed the cap. */
  readonly retryAfterMs?: number | undefined;
  /** The `Location` of a 3xx that was not followed. */
  readonly location?: string | undefined;
}

/** The body as an object to read `message` and `code` from: a JSON object, or text that parses as one. */
function bodyObject(body: unknown): Record<string, unknown> | undefined {
  if (typeof body === 'string') {
    const trimmed = body.trim();
    // Parsed whatever its length (JSON.parse is linear): a `{ code, message }` body with a large extra field (a
    // server stack trace) keeps its message and code even though the error stores only its first 64 KiB.
    if (!trimmed.startsWith('{')) return undefined;
    try {
      return bodyObject(JSON.parse(trimmed));
    } catch {
      return undefined;
    }
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  return body as Record<string, unknown>;
}

function readBodyField(body: Record<string, unknown> | undefined, field: 'message' | 'code'): unknown {
  if (body === undefined) return undefined;
  try {
    return Object.hasOwn(body, field) ? body[field] : undefined;
  } catch {
    return undefined;
  }
}

function fallbackMessage(
  status: number | undefined,
  statusText: string,
  request: ErrorRequestInfo | undefined,
): string {
  // The reason phrase as the transport reported it: over HTTP/2 the undici and testing transports fill in the
  // standard one, a browser's fetch reports what it has (nothing, over HTTP/2).
  const head =
    status === undefined ? 'HTTP request failed' : `${status}${statusText ? ` ${statusText}` : ''}`;
  return request ? `${head} for ${request.method && `${request.method} `}${request.url}` : head;
}

/** The message: the body's `message`, else a string body built by hand, else `404 Not Found for GET <url>`. */
function messageOf(
  errorBody: unknown,
  response: ErrorResponseInfo | undefined,
  request: ErrorRequestInfo | undefined,
): string {
  const bodyMessage = readBodyField(bodyObject(errorBody), 'message');
  // A blank `message` (`""`, `"  "`) says nothing: the readable fallback serves the reader better.
  if (typeof bodyMessage === 'string' && bodyMessage.trim()) return boundedSnippet(bodyMessage);
  // `new APIError('boom')` by hand reads as `boom`; a text body of a real response (an HTML 502 page) does not.
  if (typeof errorBody === 'string' && errorBody.length > 0 && response === undefined) {
    return boundedSnippet(errorBody);
  }
  return fallbackMessage(response?.status, response?.statusText ?? '', request);
}

/**
 * The http info with its shape checked: an object (or nothing), `request` and `response` objects, an integer
 * `response.status` and a `retryAfterMs` >= 0. Wrong kinds are a ConfigError naming the option.
 */
function checkedHttpInfo(httpInfo: APIErrorHttpInfo | null | undefined): APIErrorHttpInfo {
  const info = optionsObject(httpInfo, 'httpInfo');
  // `null` reads as "not given", like `undefined`.
  const { request, response, ...rest } = info;
  const checked: { -readonly [Key in keyof APIErrorHttpInfo]: APIErrorHttpInfo[Key] } = rest;
  if (request !== undefined && request !== null) {
    checked.request = optionsObject(request, 'httpInfo.request') as RequestInfoInput;
  }
  if (response !== undefined && response !== null) {
    const checkedResponse = optionsObject(response, 'httpInfo.response') as ResponseInfoInput;
    checkedNumber(checkedResponse.status, 'httpInfo.response.status', { integer: true });
    checked.response = checkedResponse;
  }
  optionalNumber(info.retryAfterMs, 'httpInfo.retryAfterMs');
  return checked;
}

/** The code: the body's `code` (number or string), else the HTTP status, else `ERR_API`. */
function codeOf(body: unknown, response: ErrorResponseInfo | undefined, redactor: Redactor): string | number {
  const bodyCode = readBodyField(bodyObject(body), 'code');
  if (typeof bodyCode === 'number') return bodyCode;
  // A code is an identifier, not a message: bounded, and masked like any text from the server.
  if (typeof bodyCode === 'string' && bodyCode.length > 0)
    return redactor.text(boundedSnippet(bodyCode, 256));
  return response?.status ?? 'ERR_API';
}

/**
 * An HTTP exchange that failed: a non-2xx response after retries, or a 3xx that was not followed. The port of the
 * Python client's `APIError`, and constructible the same way: `new APIError(errorBody, httpInfo?)`.
 *
 * @example
 * ```ts
 * try {
 *   await client.get('/tables/name/missing');
 * } catch (error) {
 *   if (isAPIError(error) && error.statusCode === 404) return undefined;
 *   throw error;
 * }
 * ```
 */
export class APIError extends MetaError {
  static override readonly kind: string = 'APIError';

  /** The HTTP status, or `undefined` when the error was built without a response. */
  readonly statusCode: number | undefined;
  /** The request that failed, redacted: `{ method, url, headers }`. */
  readonly request: ErrorRequestInfo | undefined;
  /** The response, redacted: `{ status, statusText, headers, body }`; the body parsed when JSON, else a bounded snippet. */
  readonly response: ErrorResponseInfo | undefined;
  /** A server-requested delay in milliseconds that was not slept (it passed `maxRetryAfterMs`). */
  readonly retryAfterMs: number | undefined;
  /** The `Location` header of a 3xx that was not followed, redacted. */
  readonly location: string | undefined;

  /**
   * @param errorBody - the error body (`{ code, message }` from OpenMetadata), or any value the server sent.
   * @param httpInfo - the request and response, plus `cause`, `retryAfterMs`, `location` and redaction options.
   */
  constructor(errorBody?: unknown, httpInfo?: APIErrorHttpInfo | null) {
    const info = checkedHttpInfo(httpInfo);
    const redactor = redactorOf(info);
    const request = info.request ? redactRequest(info.request, redactor) : undefined;
    const response = info.response
      ? redactResponse({ ...info.response, body: info.response.body ?? errorBody }, redactor)
      : undefined;
    // The body handed over, else the response's own: either way `message` and `code` come from the same place.
    const body = errorBody ?? info.response?.body;
    super(messageOf(body, response, request), codeOf(body, response, redactor), { ...info, redactor });
    this.statusCode = response?.status;
    this.request = request;
    this.response = response;
    this.retryAfterMs = info.retryAfterMs;
    this.location = info.location === undefined ? undefined : redactor.url(info.location);
  }

  protected override details(): Record<string, unknown> {
    return {
      statusCode: this.statusCode,
      request: this.request,
      response: this.response,
      retryAfterMs: this.retryAfterMs,
      location: this.location,
    };
  }
}

/** True when `value` is an {@link APIError} from any installed copy of @meta/errors. */
export function isAPIError(value: unknown): value is APIError {
  return hasErrorKind(value, 'APIError');
}

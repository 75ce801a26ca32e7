import {
  type ErrorRequestInfo,
  type ErrorResponseInfo,
  type RequestInfoInput,
  type ResponseInfoInput,
  redactRequest,
  redactResponse,
} from './http-exchange.js';
import { hasErrorKind, MetaError, type MetaErrorOptions } from './meta-error.js';
import { createRedactor } from './redaction.js';

/** The HTTP side of an {@link APIError}, like the Python original's `http_error`. Redacted before storing. */
export interface APIErrorHttpInfo extends MetaErrorOptions {
  /** The request that failed. */
  readonly request?: RequestInfoInput;
  /** The response that was received. */
  readonly response?: ResponseInfoInput;
  /** A server-requested retry delay (from `Retry-After`) that was not slept because it passed the cap. */
  readonly retryAfterMs?: number;
  /** The `Location` of a 3xx that was not followed. */
  readonly location?: string;
}

function readBodyField(body: unknown, field: 'message' | 'code'): unknown {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  return Object.hasOwn(body, field) ? (body as Record<string, unknown>)[field] : undefined;
}

function fallbackMessage(
  status: number | undefined,
  statusText: string,
  request: ErrorRequestInfo | undefined,
): string {
  const head =
    status === undefined ? 'HTTP request failed' : `${status}${statusText ? ` ${statusText}` : ''}`;
  return request ? `${head} for ${request.method} ${request.url}` : head;
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
  constructor(errorBody?: unknown, httpInfo: APIErrorHttpInfo = {}) {
    const redactor = httpInfo.redactor ?? createRedactor(httpInfo);
    const request = httpInfo.request ? redactRequest(httpInfo.request, redactor) : undefined;
    const response = httpInfo.response
      ? redactResponse({ ...httpInfo.response, body: httpInfo.response.body ?? errorBody }, redactor)
      : undefined;
    const status = response?.status;
    const bodyMessage = readBodyField(errorBody, 'message');
    const bodyCode = readBodyField(errorBody, 'code');
    const message =
      typeof bodyMessage === 'string' && bodyMessage.length > 0
        ? bodyMessage
        : fallbackMessage(status, response?.statusText ?? '', request);
    const code =
      typeof bodyCode === 'number' || typeof bodyCode === 'string' ? bodyCode : (status ?? 'ERR_API');
    super(message, code, { ...httpInfo, redactor });
    this.statusCode = status;
    this.request = request;
    this.response = response;
    this.retryAfterMs = httpInfo.retryAfterMs;
    this.location = httpInfo.location === undefined ? undefined : redactor.url(httpInfo.location);
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

import { APIError, type Redactor } from '@meta/errors';
import type { TransportResponse } from '@meta/transport';
import { readErrorBody } from './response-decoding.js';

/** The request side of a failed exchange, as sent (the error redacts it). */
export interface SentRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
}

/** Extra fields of the APIError: a delay not slept, the Location of a 3xx, the reason a redirect was refused. */
export interface APIErrorExtras {
  readonly retryAfterMs?: number | undefined;
  readonly location?: string | undefined;
  readonly cause?: unknown;
}

/**
 * Read a failed response's body (bounded; an unreadable body still yields the error) and build the redacted
 * `APIError` for it. The body is consumed here, so the connection is released before any retry.
 */
export async function createAPIError(
  response: TransportResponse,
  request: SentRequest,
  redactor: Redactor,
  extras: APIErrorExtras = {},
): Promise<APIError> {
  const { body, cause } = await readErrorBody(response);
  const errorCause = extras.cause ?? cause;
  return new APIError(body, {
    request,
    response: { status: response.status, statusText: response.statusText, headers: response.headers, body },
    redactor,
    ...(extras.retryAfterMs === undefined ? {} : { retryAfterMs: extras.retryAfterMs }),
    ...(extras.location === undefined ? {} : { location: extras.location }),
    ...(errorCause === undefined ? {} : { cause: errorCause }),
  });
}

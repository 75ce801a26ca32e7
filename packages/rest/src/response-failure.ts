import { type APIError, type Redactor, RetryException } from '@meta/errors';
import type { TransportResponse } from '@meta/transport';
import { createAPIError, type SentRequest } from './api-error-factory.js';
import type { CallState } from './call-state.js';
import { parseRetryAfter } from './retry-after.js';
import type { RetryPolicy } from './retry-policy.js';

/** What judging a failed response needs from the client. */
export interface FailureContext {
  readonly retry: RetryPolicy;
  readonly maxRetryAfterMs: number;
  readonly clock: () => number;
  readonly redactor: Redactor;
}

/**
 * The error for a non-2xx final response: a `RetryException` (carrying the `APIError` as `cause`) when the
 * status is retryable and attempts remain, else the `APIError` itself, which also exposes a `Retry-After` it
 * did not sleep (`retryAfterMs`) and the Location of a 3xx. The body is read here, so it is drained before any
 * next attempt.
 */
export async function failureFor(
  response: TransportResponse,
  sent: SentRequest,
  call: CallState,
  context: FailureContext,
): Promise<APIError | RetryException> {
  const { status } = response;
  const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), context.clock());
  const location =
    status >= 300 && status < 400 ? (response.headers.get('location') ?? undefined) : undefined;
  const error = await createAPIError(response, sent, context.redactor, { retryAfterMs, location });
  const retryable = context.retry.isRetryableStatus(status, call.method, call.retryNonIdempotent);
  if (!retryable || call.attempt >= context.retry.maxAttempts) return error;
  if (retryAfterMs !== undefined && retryAfterMs > context.maxRetryAfterMs) return error;
  return new RetryException({
    attempt: call.attempt,
    response: { status, statusText: response.statusText, headers: response.headers },
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    cause: error,
    redactor: context.redactor,
  });
}

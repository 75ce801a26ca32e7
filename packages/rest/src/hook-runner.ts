import { ClientClosedError, isRetryException, type Redactor, RetryException } from '@meta/errors';
import type { TransportRequest, TransportResponse } from '@meta/transport';
import { createAPIError } from './api-error-factory.js';
import { checkHeader } from './header-rules.js';
import type { HookContext, HookRequest, RestHooks } from './hooks.js';

/**
 * Run `beforeRequest` on a mutable copy of the request, then validate the headers it left: a hook is caller
 * code, so its headers obey the same rules as per-call headers (SPEC 3.8) before anything is sent.
 */
export async function runBeforeRequest(
  hook: NonNullable<RestHooks['beforeRequest']>,
  request: TransportRequest,
  attempt: number,
  maxAttempts: number,
): Promise<TransportRequest> {
  const editable: HookRequest = { ...request, headers: { ...request.headers } };
  await hook(editable, { attempt, maxAttempts });
  const headers: Record<string, string> = Object.create(null);
  for (const name of Object.keys(editable.headers)) {
    const value = editable.headers[name];
    if (value === undefined || value === null) continue;
    headers[name] = checkHeader('headers', name, value);
  }
  return { ...request, headers };
}

/** Refuse to start an exchange on a closed client or for an aborted call. */
export function checkRequestPreconditions(closed: boolean, signal: AbortSignal | undefined): void {
  if (closed) throw new ClientClosedError('The client was closed before this request could be sent');
  if (signal?.aborted) throw signal.reason;
}

/**
 * Run `afterResponse`. A `RetryException` it throws becomes the client's retry signal, carrying the APIError
 * for this response (thrown if attempts run out); anything else it throws fails the call after the body is
 * released.
 */
export async function runAfterResponse(
  hook: NonNullable<RestHooks['afterResponse']>,
  response: TransportResponse,
  request: TransportRequest,
  context: HookContext,
  redactor: Redactor,
): Promise<void> {
  try {
    await hook(response, request, context);
  } catch (error) {
    if (!isRetryException(error)) {
      await response.cancel().catch(() => {});
      throw error;
    }
    const sent = { method: request.method, url: request.url, headers: request.headers };
    const cause = await createAPIError(response, sent, redactor);
    throw new RetryException({
      attempt: context.attempt,
      message: error.message,
      ...(error.retryAfterMs === undefined ? {} : { retryAfterMs: error.retryAfterMs }),
      cause,
      redactor,
    });
  }
}

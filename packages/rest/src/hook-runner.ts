import { ClientClosedError } from '@meta/errors';
import type { TransportRequest } from '@meta/transport';
import { checkHeader } from './header-rules.js';
import type { HookRequest, RestHooks } from './hooks.js';

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

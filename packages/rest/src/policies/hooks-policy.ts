import { isRetryException } from '@meta/errors';
import type { TransportRequest } from '@meta/transport';
import { createAPIError } from '../api-error-factory.js';
import { BufferedResponse } from '../buffered-response.js';
import { checkHeader } from '../header-rules.js';
import type { HookRequest, RestHooks } from '../hooks.js';
import type { NextStage, PipelineCall, PipelineOutcome, PipelinePolicy } from '../pipeline-call.js';
import { withHeaderSecrets } from '../request-headers.js';

/** The name of the {@link createHooksPolicy} policy. */
export const HOOKS_POLICY_NAME = 'hooks';

/** Options of {@link createHooksPolicy}; the policy is in the pipeline only when one of these hooks exists. */
export interface HooksPolicyOptions {
  /** Defaults to the client's `hooks.beforeRequest`. */
  readonly beforeRequest: RestHooks['beforeRequest'];
  /** Defaults to the client's `hooks.afterResponse`. */
  readonly afterResponse: RestHooks['afterResponse'];
}

/**
 * Run `beforeRequest` on a mutable copy of the request, then validate the headers it left: a hook is caller
 * code, so its headers obey the same rules as per-call headers (SPEC 3.8) before anything is sent. Names
 * compare case-insensitively and the last one written wins, as in every other header merge: a hook setting
 * `authorization` replaces the client's `Authorization` instead of sending both (undici would send two
 * headers, fetch one joined value).
 */
async function runBeforeRequest(
  hook: NonNullable<RestHooks['beforeRequest']>,
  call: PipelineCall,
): Promise<TransportRequest> {
  const request = call.request!;
  const editable: HookRequest = { ...request, headers: { ...request.headers } };
  await hook(editable, { attempt: call.attempt, maxAttempts: call.maxAttempts });
  // lowercase name -> [name as written, value], as RequestHeaders merges them.
  const merged = new Map<string, [string, string]>();
  for (const name of Object.keys(editable.headers)) {
    const value = editable.headers[name];
    if (value === undefined || value === null) continue;
    merged.set(name.toLowerCase(), [name, checkHeader('headers', name, value)]);
  }
  const headers: Record<string, string> = Object.create(null);
  for (const [name, value] of merged.values()) headers[name] = value;
  // A credential the hook set (a signed header, an API key) is masked by value like per-call ones.
  return { ...request, headers, redactor: withHeaderSecrets(request.redactor!, headers) };
}

/**
 * The caller's hooks, at their place in the order: `beforeRequest` once per attempt after auth and headers are
 * settled (redirect hops inherit its edits), `afterResponse` on the final response of the attempt with a body it
 * can read (issue 12.14). A `RetryException` from `afterResponse` turns the outcome into a failure the retry
 * policy judges like any other, its `retryAfterMs` capped by `maxRetryAfterMs` like a server's (issue 12.10).
 */
export function createHooksPolicy(options: HooksPolicyOptions): PipelinePolicy {
  const { beforeRequest, afterResponse } = options;
  const after = async (call: PipelineCall, outcome: PipelineOutcome): Promise<PipelineOutcome> => {
    if (afterResponse === undefined || outcome.kind === 'redirect') return outcome;
    const { request, response, text } = outcome;
    const context = { attempt: call.attempt, maxAttempts: call.maxAttempts };
    try {
      await afterResponse(new BufferedResponse(response, text, request), request, context);
      return outcome;
    } catch (error) {
      if (!isRetryException(error)) throw error;
      const retryAfterMs = error.retryAfterMs;
      const sent = { method: request.method, url: request.url, headers: request.headers };
      const extras = { retryAfterMs, cause: error };
      // A failure whose body was cut keeps its "not downloaded" marker in the rebuilt error.
      const truncated = outcome.kind === 'failure' && outcome.textTruncated === true;
      const apiError = createAPIError(response, { text, truncated }, sent, request.redactor!, extras);
      return {
        kind: 'failure',
        request,
        response,
        error: apiError,
        text,
        retryAfterMs,
        retryRequested: true,
      };
    }
  };
  return {
    name: HOOKS_POLICY_NAME,
    async send(call: PipelineCall, next: NextStage): Promise<PipelineOutcome> {
      if (beforeRequest !== undefined) call.request = await runBeforeRequest(beforeRequest, call);
      return after(call, await next(call));
    },
  };
}

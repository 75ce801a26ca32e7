import type { Redactor } from '@meta/errors';
import type { NextStage, PipelineCall, PipelineOutcome, PipelinePolicy } from '../pipeline-call.js';
import { type RequestHeaders, withHeaderSecrets } from '../request-headers.js';

/** The name of the {@link createHeadersPolicy} policy. */
export const HEADERS_POLICY_NAME = 'headers';

/** Options of {@link createHeadersPolicy}. */
export interface HeadersPolicyOptions {
  /** Merges defaults, the auth header, per-call and extra headers (SPEC 3.8 order). */
  readonly headers: RequestHeaders;
  /** The most decoded body bytes accepted. Defaults to the client's `maxResponseBytes` (64 MiB). */
  readonly maxResponseBytes: number;
  /** Reads the client's current redactor (tokens included). */
  readonly redactor: () => Redactor;
}

/**
 * Builds the request of this attempt from the call and the auth value the auth policy chose, so every attempt
 * (and the replay after a 401) carries the headers of its own token.
 */
export function createHeadersPolicy(options: HeadersPolicyOptions): PipelinePolicy {
  return {
    name: HEADERS_POLICY_NAME,
    send(call: PipelineCall, next: NextStage): Promise<PipelineOutcome> {
      const headers = options.headers.build(call.authValue, call.contentType, call.callHeaders);
      const redactor = options.redactor();
      call.request = {
        method: call.method,
        url: call.url,
        headers,
        body: call.body,
        signal: call.signal,
        timeoutMs: call.timeoutMs,
        maxResponseBytes: options.maxResponseBytes,
        // Per-call credentials (`X-Api-Key` given to one call) are masked by value too, for this call only.
        redactor: call.callHeaders === undefined ? redactor : withHeaderSecrets(redactor, headers),
      };
      return next(call);
    },
  };
}

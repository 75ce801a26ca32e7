import { type Redactor, TooManyRedirectsError } from '@meta/errors';
import type { TransportRequest, TransportResponse } from '@meta/transport';
import { createAPIError, readErrorBody } from '../api-error-factory.js';
import type { NextStage, PipelineCall, PipelineOutcome, PipelinePolicy } from '../pipeline-call.js';

/** The name of the {@link createRedirectPolicy} policy. */
export const REDIRECT_POLICY_NAME = 'redirect';

/** The statuses the client follows when `allowRedirects` is true. 300, 304, 305 and 306 are not redirects. */
export const FOLLOWED_REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);

/** Options of {@link createRedirectPolicy}; the policy is in the pipeline only when `allowRedirects` is true. */
export interface RedirectPolicyOptions {
  /** The most redirects one attempt follows. Defaults to 10. */
  readonly maxRedirects: number;
  /** Epoch milliseconds now: the attempt's `timeoutMs` covers the whole chain. Defaults to `Date.now`. */
  readonly clock: () => number;
}

function withoutHeaders(
  headers: Readonly<Record<string, string>>,
  drop: (lowerName: string) => boolean,
): Record<string, string> {
  const kept: Record<string, string> = Object.create(null);
  for (const name of Object.keys(headers)) {
    if (!drop(name.toLowerCase())) kept[name] = headers[name]!;
  }
  return kept;
}

/** The APIError for a 3xx that cannot be followed (no usable Location, or https -> http). */
async function refusal(
  call: PipelineCall,
  response: TransportResponse,
  redactor: Redactor,
  location?: string,
) {
  const { method, url, headers } = call.request!;
  const body = await readErrorBody(response, method, call.signal);
  return createAPIError(response, body, { method, url, headers }, redactor, location ? { location } : {});
}

/**
 * The request of the next hop for a followed 3xx (SPEC 3.6, 3.8): 303 becomes GET without a body; 301/302 turn
 * POST into GET without a body; 307/308 and other methods keep method and body. A change of origin strips every
 * sensitive header (the redactor's list: auth header, Authorization, Proxy-Authorization, Cookie, templated
 * copies) for the rest of the chain. A missing or unusable Location, or https -> http, is the 3xx's APIError.
 */
async function nextHop(
  call: PipelineCall,
  response: TransportResponse,
  stripped: boolean,
  redactor: Redactor,
): Promise<{ request: TransportRequest; stripped: boolean }> {
  const current = call.request!;
  const location = response.headers.get('location');
  let target: URL | undefined;
  try {
    target = location ? new URL(location, current.url) : undefined;
  } catch {
    target = undefined;
  }
  if (target === undefined || (target.protocol !== 'http:' && target.protocol !== 'https:')) {
    throw await refusal(call, response, redactor, location ?? undefined);
  }
  const previous = new URL(current.url);
  if (previous.protocol === 'https:' && target.protocol === 'http:') {
    throw await refusal(call, response, redactor, target.href);
  }
  await response.cancel();
  target.hash = '';
  target.username = '';
  target.password = '';
  const status = response.status;
  const dropBody = status === 303 || ((status === 301 || status === 302) && current.method === 'POST');
  const method = dropBody && current.method !== 'HEAD' ? 'GET' : current.method;
  const stripNow = !stripped && target.origin !== previous.origin;
  let headers = current.headers;
  if (stripNow) headers = withoutHeaders(headers, (name) => redactor.isSensitiveHeader(name));
  if (dropBody) headers = withoutHeaders(headers, (name) => name === 'content-type');
  const body = dropBody ? undefined : current.body;
  return { request: { ...current, method, url: target.href, headers, body }, stripped: stripped || stripNow };
}

/**
 * Follows redirects inside one attempt, so the hooks, auth and retry see only the final response. The attempt's
 * `timeoutMs` is a deadline for the whole chain, not for each hop.
 */
export function createRedirectPolicy(options: RedirectPolicyOptions): PipelinePolicy {
  const { maxRedirects, clock } = options;
  return {
    name: REDIRECT_POLICY_NAME,
    async send(call: PipelineCall, next: NextStage): Promise<PipelineOutcome> {
      const first = call.request!;
      const startedAtMs = clock();
      const chain = [first.url];
      let stripped = false;
      for (;;) {
        const outcome = await next(call);
        if (outcome.kind !== 'redirect') return outcome;
        const redactor = call.request!.redactor!;
        if (chain.length > maxRedirects) {
          await outcome.response.cancel();
          const { method, url } = call.request!;
          throw new TooManyRedirectsError({ maxRedirects, chain, method, url, redactor });
        }
        const hop = await nextHop(call, outcome.response, stripped, redactor);
        stripped = hop.stripped;
        const timeoutMs = Math.max(1, startedAtMs + (first.timeoutMs ?? call.timeoutMs) - clock());
        call.request = { ...hop.request, timeoutMs };
        chain.push(hop.request.url);
      }
    },
  };
}

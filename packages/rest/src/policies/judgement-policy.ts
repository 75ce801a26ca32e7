import { APIError, isResponseParseError, NetworkError, type Redactor } from '@meta/errors';
import type { TransportResponse } from '@meta/transport';
import { createAPIError, readErrorBody } from '../api-error-factory.js';
import { emptyHeaders } from '../empty-headers.js';
import type { NextStage, PipelineCall, PipelineOutcome } from '../pipeline-call.js';
import { parseRetryAfter } from '../retry-after.js';
import { FOLLOWED_REDIRECT_STATUSES } from './redirect-policy.js';

/** The name of the {@link createJudgementStage} stage. */
export const JUDGEMENT_POLICY_NAME = 'judgement';

/** Options of {@link createJudgementStage}. */
export interface JudgementOptions {
  /** True when 3xx responses are handed to the redirect policy. Defaults to the client's `allowRedirects`. */
  readonly allowRedirects: boolean;
  /** Epoch milliseconds now, for `Retry-After` dates. Defaults to the client's `clock`. */
  readonly clock: () => number;
}

/** A `Response.error()` or a browser's opaque redirect: status 0, which no server sends (issue 12.18). */
function statusZeroError(call: PipelineCall, response: TransportResponse, redactor: Redactor): Error {
  const { method, url, headers } = call.request!;
  if (response.opaqueRedirect === true) {
    const explanation =
      `${method} ${redactor.url(url)} answered with a redirect that cannot be inspected in this runtime: ` +
      'call the final URL';
    return new APIError(
      { message: explanation },
      {
        request: { method, url, headers },
        response: { status: 0, statusText: 'opaque redirect', headers: response.headers },
        redactor,
      },
    );
  }
  return new NetworkError({
    code: 'ERR_NETWORK',
    message: 'the runtime reported a network error (a response with status 0)',
    method,
    url,
    beforeResponse: true,
    redactor,
  });
}

/**
 * The error judgement, the last stage before the transport: it sends the request, then reads what must be read
 * while the attempt's deadline still runs. A 2xx body is read in full (decoding happens once the call is done);
 * a followable 3xx goes back to the redirect policy unread; anything else becomes a failure outcome carrying its
 * `APIError`: the body read bounded and the connection released, the status kept whatever the body did
 * (SPEC 3.8 v2), a `Retry-After` parsed for the retry decision. Nothing is thrown for a status here: the hooks,
 * the auth policy and the retry policy each judge the failure in turn.
 */
export function createJudgementStage(
  options: JudgementOptions,
  send: (call: PipelineCall) => Promise<TransportResponse>,
): NextStage {
  const judge = async (
    call: PipelineCall,
    response: TransportResponse,
    bodyFailure?: unknown,
  ): Promise<PipelineOutcome> => {
    const request = call.request!;
    const status = response.status;
    if (status >= 200 && status < 300) {
      if (status === 204 || status === 205 || request.method === 'HEAD') {
        await response.cancel();
        return { kind: 'success', request, response, text: undefined };
      }
      return { kind: 'success', request, response, text: await response.text() };
    }
    if (options.allowRedirects && FOLLOWED_REDIRECT_STATUSES.has(status)) {
      return { kind: 'redirect', request, response };
    }
    // The attempt's own redactor: it also masks credentials given per call or by a hook.
    const redactor = request.redactor!;
    if (status === 0) {
      await response.cancel().catch(() => {});
      throw statusZeroError(call, response, redactor);
    }
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), options.clock());
    const location =
      status >= 300 && status < 400 ? (response.headers.get('location') ?? undefined) : undefined;
    const body =
      bodyFailure === undefined
        ? await readErrorBody(response, request.method, call.signal)
        : { text: undefined, cause: bodyFailure };
    const sent = { method: request.method, url: request.url, headers: request.headers };
    const error = createAPIError(response, body, sent, redactor, { retryAfterMs, location });
    return {
      kind: 'failure',
      request,
      response,
      error,
      retryAfterMs,
      retryRequested: false,
      text: body.text,
      textTruncated: body.truncated === true,
    };
  };
  // One async step per attempt, no closure per request: a 2xx with a body (the common case) is read here and
  // never enters `judge`, the rarer paths do.
  return async (call) => {
    let response: TransportResponse;
    try {
      response = await send(call);
    } catch (error) {
      // A transport that refuses a non-2xx body's coding before handing the response over: the status still
      // wins (SPEC 3.8 v2), so it is judged as that status with the decoding failure as the cause.
      if (!isResponseParseError(error) || error.statusCode === undefined) throw error;
      if (error.statusCode >= 200 && error.statusCode < 300) throw error;
      return judge(call, statusOnlyResponse(call, error.statusCode), error);
    }
    const status = response.status;
    const request = call.request!;
    if (status >= 200 && status < 300 && status !== 204 && status !== 205 && request.method !== 'HEAD') {
      return { kind: 'success', request, response, text: await response.text() };
    }
    return judge(call, response);
  };
}

/** A response known only by its status: its body could not be decoded, so it has none. */
function statusOnlyResponse(call: PipelineCall, status: number): TransportResponse {
  let used = false;
  return {
    status,
    statusText: '',
    headers: emptyHeaders(),
    url: call.request!.url,
    get bodyUsed() {
      return used;
    },
    text: async () => {
      used = true;
      return '';
    },
    bytes: async () => {
      used = true;
      return new Uint8Array(0);
    },
    // Like any empty body: `json()` fails as parsing nothing does (a SyntaxError), `text()` is ''.
    json: async () => JSON.parse(''),
    cancel: async () => {
      used = true;
    },
  };
}

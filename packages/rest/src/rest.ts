import { isAPIError, isRetryException, TooManyRedirectsError } from '@meta/errors';
import type { Transport, TransportRequest, TransportResponse } from '@meta/transport';
import { createDefaultTransport } from '#default-transport';
import { AuthPolicy } from './auth-policy.js';
import { encodeBody } from './body-encoding.js';
import type { CallState } from './call-state.js';
import { type WaitBounds, waitWithinBounds } from './call-wait.js';
import type { ClientConfig } from './client-config.js';
import { ClientLifecycle } from './client-lifecycle.js';
import { checkRequestPreconditions, runAfterResponse, runBeforeRequest } from './hook-runner.js';
import { FOLLOWED_REDIRECT_STATUSES, nextRedirectHop, type RedirectHop } from './redirect-policy.js';
import { RequestHeaders, validateCallHeaders } from './request-headers.js';
import { checkRequestOptions, type RequestOptions, type ResultOf } from './request-options.js';
import { type ResolvedOptions, resolveOptions } from './resolve-options.js';
import { failureFor } from './response-failure.js';
import { RetryPolicy } from './retry-policy.js';
import { warnAboutInsecureSettings } from './security-warnings.js';
import { sendWithinDeadline } from './send-within-deadline.js';
import { successResult } from './success-result.js';
import { capToTimerLimit } from './timer-limit.js';
import type { QueryData } from './url-builder.js';

/**
 * The OpenMetadata REST client: the TypeScript port of Python's `REST`. It orchestrates named policies in a
 * fixed order per call: validate (URL, body, headers) -> [attempt: auth refresh -> headers -> beforeRequest ->
 * transport -> redirects -> afterResponse -> decode] -> retry with backoff. Config is validated once here.
 *
 * @example
 * ```ts
 * await using client = new REST({ baseUrl: 'https://metadata.example.com/api', authToken: getToken });
 * const table = await client.get<Table>('/tables/name/db.schema.orders');
 * ```
 */
export class REST {
  readonly #options: ResolvedOptions;
  readonly #transport: Transport;
  readonly #ownsTransport: boolean;
  readonly #auth: AuthPolicy;
  readonly #headers: RequestHeaders;
  readonly #retry: RetryPolicy;
  readonly #lifecycle = new ClientLifecycle();

  /** Validate `config` (a `ConfigError` names the bad field, before any I/O) and create the default transport. */
  constructor(config: ClientConfig) {
    const options = resolveOptions(config);
    this.#options = options;
    this.#ownsTransport = options.transport === undefined;
    this.#transport =
      options.transport ??
      createDefaultTransport({ verify: options.verify, connectTimeoutMs: options.connectTimeoutMs });
    this.#auth = new AuthPolicy({
      provider: options.authToken,
      accessToken: options.accessToken,
      accessTokenExpiresAtMs: options.accessTokenExpiresAtMs,
      mode: options.authTokenMode,
      clock: options.clock,
      redactor: options.redactor,
    });
    this.#headers = new RequestHeaders({
      defaults: { 'User-Agent': options.userAgent, Accept: 'application/json, */*;q=0.8' },
      authHeader: options.authHeader,
      extraHeaders: options.extraHeaders,
    });
    this.#retry = new RetryPolicy(options);
    warnAboutInsecureSettings(options);
  }

  /** GET `path`; `data` becomes the query string (arrays repeat the key, null/undefined dropped). */
  get<T = unknown, O extends RequestOptions = RequestOptions>(
    path: string,
    data?: QueryData | null,
    options?: O,
  ): Promise<ResultOf<T, O>> {
    return this.#call('GET', path, data, options);
  }

  /** POST `data` (objects and arrays as JSON; strings and bytes verbatim). Not replayed on 504 by default. */
  post<T = unknown, O extends RequestOptions = RequestOptions>(path: string, data?: unknown, options?: O) {
    return this.#call<ResultOf<T, O>>('POST', path, data, options);
  }

  /** PUT `data` (objects and arrays as JSON; strings and bytes verbatim). */
  put<T = unknown, O extends RequestOptions = RequestOptions>(path: string, data?: unknown, options?: O) {
    return this.#call<ResultOf<T, O>>('PUT', path, data, options);
  }

  /** PATCH `data`; JSON bodies default to `Content-Type: application/json-patch+json`. */
  patch<T = unknown, O extends RequestOptions = RequestOptions>(path: string, data?: unknown, options?: O) {
    return this.#call<ResultOf<T, O>>('PATCH', path, data, options);
  }

  /** DELETE `path`; `data`, when given, is sent as the body like POST. */
  delete<T = unknown, O extends RequestOptions = RequestOptions>(path: string, data?: unknown, options?: O) {
    return this.#call<ResultOf<T, O>>('DELETE', path, data, options);
  }

  /**
   * Refuse new calls (`ClientClosedError`), release calls waiting in backoff or on the token provider, let
   * exchanges on the wire finish, then close the transport if REST created it. A second call is a no-op.
   */
  close(): Promise<void> {
    return this.#lifecycle.close(() => (this.#ownsTransport ? this.#transport.close() : Promise.resolve()));
  }

  /** `await using client = new REST(...)` closes the client at the end of the scope. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  async #call<R>(method: string, path: string, data: unknown, rawOptions: unknown): Promise<R> {
    this.#lifecycle.enter();
    try {
      const call = this.#prepare(method, path, data, rawOptions);
      return (await this.#execute(call)) as R;
    } finally {
      this.#lifecycle.leave();
    }
  }

  #prepare(method: string, path: string, data: unknown, rawOptions: unknown): CallState {
    const options = checkRequestOptions(rawOptions);
    const isGet = method === 'GET';
    const url = this.#options.urlBuilder.build(path, isGet ? data : undefined);
    const encoded = isGet ? undefined : encodeBody(method, data);
    const signal = options?.signal;
    if (signal?.aborted) throw signal.reason;
    const callHeaders = options?.headers;
    // Validate per-call headers and templates now, so a bad header fails before any token refresh or I/O.
    if (callHeaders !== undefined) validateCallHeaders(callHeaders);
    const total = this.#options.totalTimeoutMs;
    return {
      method,
      url,
      body: encoded?.body,
      contentType: encoded?.contentType,
      callHeaders,
      signal,
      timeoutMs:
        options?.timeoutMs === undefined ? this.#options.timeoutMs : capToTimerLimit(options.timeoutMs),
      deadlineMs: total === undefined ? undefined : this.#options.clock() + total,
      schema: options?.schema,
      rawData: options?.rawData ?? this.#options.rawData,
      retryNonIdempotent: options?.retryNonIdempotent,
      attempt: 1,
      replayedAfter401: false,
      lastRequest: undefined,
    };
  }

  /** The retry loop (SPEC 3.6): attempts = retry + 1, backoff between them, the last error thrown as is. */
  async #execute(call: CallState): Promise<unknown> {
    for (;;) {
      try {
        return await this.#attempt(call);
      } catch (error) {
        const delayMs = this.#retryDelay(call, error);
        if (delayMs === undefined)
          throw isRetryException(error) && isAPIError(error.cause) ? error.cause : error;
        await this.#backoff(call, error, delayMs);
        call.attempt++;
      }
    }
  }

  /** The wait before the next attempt, or `undefined` when `error` must be thrown. */
  #retryDelay(call: CallState, error: unknown): number | undefined {
    if (call.attempt >= this.#retry.maxAttempts) return undefined;
    let delayMs: number;
    if (isRetryException(error)) {
      delayMs = error.retryAfterMs ?? this.#retry.backoffMs(call.attempt);
    } else if (this.#retry.isRetryableError(error, call.method, call.retryNonIdempotent)) {
      delayMs = this.#retry.backoffMs(call.attempt);
    } else {
      return undefined;
    }
    // A delay that would pass totalTimeoutMs is not slept: the call fails with the last error (SPEC 3.8).
    if (call.deadlineMs !== undefined && this.#options.clock() + delayMs >= call.deadlineMs) return undefined;
    return delayMs;
  }

  async #backoff(call: CallState, error: unknown, delayMs: number): Promise<void> {
    const { logger, hooks, sleep } = this.#options;
    const reason = error instanceof Error ? error.message : String(error);
    logger.warn(
      `@meta/rest: ${call.method} ${this.#auth.redactor.url(call.url)} failed (${this.#auth.redactor.text(reason)}); ` +
        `retry ${call.attempt} of ${this.#retry.maxAttempts - 1} in ${delayMs} ms`,
    );
    if (hooks.beforeRetry !== undefined) {
      const request = call.lastRequest ?? { method: call.method, url: call.url, headers: {} };
      await hooks.beforeRetry({
        attempt: call.attempt,
        maxAttempts: this.#retry.maxAttempts,
        error,
        delayMs,
        request,
      });
    }
    await waitWithinBounds(this.#waitBounds(call), (signal) => sleep(delayMs, signal));
  }

  #waitBounds(call: CallState): WaitBounds {
    return {
      signal: call.signal,
      closeSignal: this.#lifecycle.closeSignal,
      deadlineMs: call.deadlineMs,
      totalTimeoutMs: this.#options.totalTimeoutMs,
      clock: this.#options.clock,
      method: call.method,
      url: call.url,
      redactor: this.#auth.redactor,
    };
  }

  /**
   * One attempt: auth, headers, the exchange and its redirects, then the response judged. `replay` marks the
   * one replay after a 401, which belongs to the same attempt.
   */
  async #attempt(call: CallState, replay = false): Promise<unknown> {
    if (this.#auth.needsRefresh()) await waitWithinBounds(this.#waitBounds(call), () => this.#auth.refresh());
    const headers = this.#headers.build(this.#auth.headerValue(), call.contentType, call.callHeaders);
    let hop: RedirectHop = { method: call.method, url: call.url, headers, body: call.body, stripped: false };
    const startedAtMs = this.#options.allowRedirects ? this.#options.clock() : 0;
    const chain = [call.url];
    for (;;) {
      let request = this.#transportRequest(call, hop, chain.length > 1 ? startedAtMs : undefined);
      // Awaited only when a hook exists: without one the exchange starts in the caller's tick.
      const { beforeRequest } = this.#options.hooks;
      if (beforeRequest !== undefined) {
        request = await runBeforeRequest(beforeRequest, request, call.attempt, this.#retry.maxAttempts);
      }
      // Debug once per attempt (SPEC 3.8): redirect hops and the replay after a 401 belong to the same attempt.
      if (chain.length === 1 && !replay) this.#logAttempt(call, request);
      call.lastRequest = request;
      const response = await this.#send(call, request);
      const status = response.status;
      if (
        status >= 300 &&
        status < 400 &&
        this.#options.allowRedirects &&
        FOLLOWED_REDIRECT_STATUSES.has(status)
      ) {
        if (chain.length > this.#options.maxRedirects) {
          await response.cancel();
          throw new TooManyRedirectsError({
            maxRedirects: this.#options.maxRedirects,
            chain,
            method: hop.method,
            url: hop.url,
            redactor: this.#auth.redactor,
          });
        }
        hop = await nextRedirectHop(response, hop, this.#auth.redactor);
        chain.push(hop.url);
        continue;
      }
      return this.#judge(call, request, response);
    }
  }

  #transportRequest(call: CallState, hop: RedirectHop, startedAtMs: number | undefined): TransportRequest {
    let timeoutMs = call.timeoutMs;
    // The attempt deadline covers the whole redirect chain, not each hop.
    if (startedAtMs !== undefined) timeoutMs = Math.max(1, startedAtMs + timeoutMs - this.#options.clock());
    return {
      method: hop.method,
      url: hop.url,
      headers: hop.headers,
      body: hop.body,
      signal: call.signal,
      timeoutMs,
      maxResponseBytes: this.#options.maxResponseBytes,
      redactor: this.#auth.redactor,
    };
  }

  #logAttempt(call: CallState, request: TransportRequest): void {
    const { logger } = this.#options;
    if (!logger.debugEnabled) return;
    const target = `${request.method} ${this.#auth.redactor.url(request.url)}`;
    logger.debug(`@meta/rest: ${target} (attempt ${call.attempt} of ${this.#retry.maxAttempts})`);
  }

  #send(call: CallState, request: TransportRequest): Promise<TransportResponse> {
    checkRequestPreconditions(this.#lifecycle.closed, call.signal);
    if (call.deadlineMs === undefined) return this.#transport.send(request);
    const { totalTimeoutMs, clock } = this.#options;
    const deadline = {
      deadlineMs: call.deadlineMs,
      totalTimeoutMs: totalTimeoutMs!,
      clock,
      redactor: this.#auth.redactor,
    };
    return sendWithinDeadline(this.#transport, request, deadline);
  }

  /** Turn the final response into the call's result, a replay after 401, a retry signal or an APIError. */
  async #judge(call: CallState, request: TransportRequest, response: TransportResponse): Promise<unknown> {
    const status = response.status;
    const redactor = this.#auth.redactor;
    const { afterResponse } = this.#options.hooks;
    if (afterResponse !== undefined) {
      const context = { attempt: call.attempt, maxAttempts: this.#retry.maxAttempts };
      await runAfterResponse(afterResponse, response, request, context, redactor);
    }
    if (status >= 200 && status < 300) return successResult(response, call, request.url, redactor);
    if (status === 401 && this.#auth.hasProvider && !call.replayedAfter401) {
      // One forced refresh and one replay per call: the token may have been revoked before its expiry.
      call.replayedAfter401 = true;
      await response.cancel();
      await waitWithinBounds(this.#waitBounds(call), () => this.#auth.refresh());
      return this.#attempt(call, true);
    }
    const sent = { method: request.method, url: request.url, headers: request.headers };
    const { maxRetryAfterMs, clock } = this.#options;
    throw await failureFor(response, sent, call, { retry: this.#retry, maxRetryAfterMs, clock, redactor });
  }
}

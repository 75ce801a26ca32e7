import { ConfigError } from '@meta/errors';
import type { Transport } from '@meta/transport';
import { createDefaultTransport } from '#default-transport';
import { encodeBody } from './body-encoding.js';
import { CallSignal } from './call-signal.js';
import type { ClientConfig } from './client-config.js';
import { ClientLifecycle, type CloseOptions } from './client-lifecycle.js';
import { isPlainObject } from './own-property.js';
import { createPipeline, type Pipeline } from './pipeline.js';
import type { PipelineCall } from './pipeline-call.js';
import { RequestHeaders, validateCallHeaders } from './request-headers.js';
import { checkRequestOptions, type RequestOptions, type ResultOf } from './request-options.js';
import { type ResolvedOptions, resolveOptions } from './resolve-options.js';
import { warnAboutInsecureSettings } from './security-warnings.js';
import { successResult } from './success-result.js';
import { capToTimerLimit } from './timer-limit.js';
import { TokenState } from './token-state.js';
import type { QueryData } from './url-builder.js';

/**
 * The OpenMetadata REST client: the TypeScript port of Python's `REST`. It validates a call's inputs, runs the
 * call through the client's policy pipeline (see `pipeline.ts`: deadline, retry, logging, auth, headers, hooks,
 * redirects, judgement, transport), then decodes the result. Config is validated once, here.
 *
 * @example
 * ```ts
 * await using client = new REST({ baseUrl: 'https://metadata.example.com/api', authToken: getToken });
 * const table = await client.get<Table>('/tables/name/db.schema.orders');
 * ```
 */
export class REST<ClientRawData extends boolean = false> {
  readonly #options: ResolvedOptions;
  readonly #transport: Transport;
  readonly #ownsTransport: boolean;
  readonly #tokens: TokenState;
  readonly #pipeline: Pipeline;
  readonly #lifecycle = new ClientLifecycle();

  /** Validate `config` (a `ConfigError` names the bad field, before any I/O) and create the default transport. */
  constructor(config: ClientConfig & { readonly rawData?: ClientRawData | undefined }) {
    const options = resolveOptions(config);
    this.#options = options;
    this.#ownsTransport = options.transport === undefined;
    this.#transport = options.transport ?? createDefaultTransport(options);
    this.#tokens = new TokenState({
      provider: options.authToken,
      accessToken: options.accessToken,
      accessTokenExpiresAtMs: options.accessTokenExpiresAtMs,
      mode: options.authTokenMode,
      authHeader: options.authHeader,
      clock: options.clock,
      redactor: options.redactor,
    });
    const headers = new RequestHeaders({
      defaults: { 'User-Agent': options.userAgent, Accept: 'application/json, */*;q=0.8' },
      authHeader: options.authHeader,
      extraHeaders: options.extraHeaders,
    });
    const lifecycle = this.#lifecycle;
    this.#pipeline = createPipeline({
      options,
      transport: this.#transport,
      tokens: this.#tokens,
      headers,
      closeSignal: lifecycle.closeSignal,
      isClosed: () => lifecycle.closed,
    });
    warnAboutInsecureSettings(options);
  }

  /** GET `path`; `data` becomes the query string (arrays repeat the key, null/undefined dropped). */
  get<T = unknown, O extends RequestOptions = RequestOptions>(
    path: string,
    data?: QueryData | null,
    options?: O,
  ): Promise<ResultOf<T, O, ClientRawData>> {
    return this.#call('GET', path, data, options);
  }

  /** POST `data` (objects and arrays as JSON; strings and bytes verbatim). Not replayed on 504 by default. */
  post<T = unknown, O extends RequestOptions = RequestOptions>(path: string, data?: unknown, options?: O) {
    return this.#call<ResultOf<T, O, ClientRawData>>('POST', path, data, options);
  }

  /** PUT `data` (objects and arrays as JSON; strings and bytes verbatim). */
  put<T = unknown, O extends RequestOptions = RequestOptions>(path: string, data?: unknown, options?: O) {
    return this.#call<ResultOf<T, O, ClientRawData>>('PUT', path, data, options);
  }

  /** PATCH `data`; JSON bodies default to `Content-Type: application/json-patch+json`. */
  patch<T = unknown, O extends RequestOptions = RequestOptions>(path: string, data?: unknown, options?: O) {
    return this.#call<ResultOf<T, O, ClientRawData>>('PATCH', path, data, options);
  }

  /** DELETE `path`; `data`, when given, is sent as the body like POST. Query flags go in `options.query`. */
  delete<T = unknown, O extends RequestOptions = RequestOptions>(path: string, data?: unknown, options?: O) {
    return this.#call<ResultOf<T, O, ClientRawData>>('DELETE', path, data, options);
  }

  /**
   * Refuse new calls (`ClientClosedError`), release calls waiting in backoff or on the token provider, let
   * exchanges on the wire finish (or, with `{ force: true }`, abort them: their calls reject with
   * `ClientClosedError`), then close the transport if REST created it. A second call returns the first call's
   * promise; a forced call after a graceful one upgrades it.
   */
  close(options?: CloseOptions): Promise<void> {
    if (options !== undefined && !isPlainObject(options)) {
      return Promise.reject(new ConfigError('close() options must be a plain object', { field: 'options' }));
    }
    const release = () => (this.#ownsTransport ? this.#transport.close() : Promise.resolve());
    return this.#lifecycle.close(release, options);
  }

  /** `await using client = new REST(...)` closes the client at the end of the scope. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  async #call<R>(method: string, path: string, data: unknown, rawOptions: unknown): Promise<R> {
    this.#lifecycle.enter();
    let signal: CallSignal | undefined;
    try {
      const options = checkRequestOptions(rawOptions);
      const callerSignal = options?.signal;
      if (callerSignal !== undefined) signal = new CallSignal(callerSignal, this.#lifecycle.forceSignal);
      const call = this.#prepare(method, path, data, options, signal?.signal, callerSignal);
      const outcome = await this.#pipeline.send(call);
      // The retry policy throws every failure, so what comes back is a success (redirects were followed).
      if (outcome.kind !== 'success') throw new Error('unreachable');
      // The attempt's redactor: it also masks credentials this call's headers carried.
      const result = successResult(outcome, call, outcome.request.redactor!);
      // Awaited only when a schema validates: the common path returns the data without another promise layer.
      const value = result instanceof Promise ? await result : result;
      // An abort or a forced close that landed while an afterResponse hook or a validator ran still wins.
      if (call.signal?.aborted) throw call.signal.reason;
      return value as R;
    } finally {
      signal?.release();
      this.#lifecycle.leave();
    }
  }

  #prepare(
    method: string,
    path: string,
    data: unknown,
    options: RequestOptions | undefined,
    signal: AbortSignal | undefined,
    callerSignal: AbortSignal | undefined,
  ): PipelineCall {
    const isGet = method === 'GET';
    const url = this.#options.urlBuilder.build(path, isGet ? data : undefined, options?.query);
    const encoded = isGet ? undefined : encodeBody(method, data);
    if (callerSignal?.aborted) throw callerSignal.reason;
    const callHeaders = options?.headers;
    // Validate per-call headers now, so a bad header fails before any token refresh or I/O.
    if (callHeaders !== undefined) validateCallHeaders(callHeaders);
    return {
      method,
      url,
      body: encoded?.body,
      contentType: encoded?.contentType,
      callHeaders,
      signal: signal ?? this.#lifecycle.forceSignal,
      callerSignal,
      timeoutMs:
        options?.timeoutMs === undefined ? this.#options.timeoutMs : capToTimerLimit(options.timeoutMs),
      schema: options?.schema,
      rawData: options?.rawData ?? this.#options.rawData,
      maxAttempts: (options?.retry ?? this.#options.retry) + 1,
      retryNonIdempotent: options?.retryNonIdempotent ?? this.#options.retryNonIdempotent,
      deadlineMs: undefined,
      totalDeadlineBinds: false,
      attempt: 1,
      replayedAfter401: false,
      authValue: undefined,
      request: undefined,
    };
  }
}

import type { Transport } from '@meta/transport';
import type { HeaderValue } from './header-rules.js';
import type { RestHooks } from './hooks.js';
import type { Logger } from './logger.js';

/** What an auth provider returns: the token and its expiry (seconds from now, or a Date). */
export type AuthTokenResult = readonly [token: string, expiry: number | Date | null | undefined];

/**
 * The token provider (Python's `auth_token`): called before an attempt when there is no token or it is about to
 * expire (margin: `min(120 s, half the token's lifetime)`). Return `["no_token", null]` to send no auth header;
 * `["", null]` sends none either and asks again on the next call. An expiry above 10^9 looks like an epoch time
 * and is refused with `AuthProviderError`: return seconds from now, or a `Date`.
 */
export type AuthTokenProvider = () => AuthTokenResult | Promise<AuthTokenResult>;

/** Sleeps `ms` milliseconds; should stop early when `signal` aborts (the client also races it). */
export type SleepFunction = (ms: number, signal: AbortSignal) => Promise<void>;

/** Exponential backoff with jitter instead of Python's linear `retryWait × attempt`. */
export interface ExponentialBackoff {
  readonly type: 'exponential';
  /**
   * The largest delay in milliseconds.
   * @default 60000
   */
  readonly maxDelayMs?: number | undefined;
  /**
   * `full`: a random delay between 0 and the exponential value (AWS "full jitter"); `none`: the value itself.
   * @default "full"
   */
  readonly jitter?: 'full' | 'none' | undefined;
}

/**
 * Headers as `extraHeaders` and per-call `headers` accept them: a plain object, a `Headers` or a `Map`.
 * Numbers and booleans become strings; `null` and `undefined` values are dropped.
 */
export type HeadersInput =
  | Readonly<Record<string, HeaderValue | null | undefined>>
  | Headers
  | ReadonlyMap<string, HeaderValue | null | undefined>;

/**
 * The configuration of `new REST(config)`: the Python `ClientConfig` fields in TypeScript spelling, plus new
 * options whose units are in their names. Validated once, at construction: bad config throws a `ConfigError`
 * naming the field, before any I/O. Unknown keys are refused, so a typo is never silently ignored.
 */
export interface ClientConfig {
  /**
   * The server root, for OpenMetadata usually `https://host:8585/api`: `http://` or `https://` only, no userinfo,
   * query or fragment; a trailing slash is tolerated and the base path is kept. Python: `base_url`. Required.
   * @example 'https://metadata.example.com/api'
   */
  readonly baseUrl: string | URL;
  /**
   * The path segment after the base path (`<baseUrl>/<apiVersion>/<path>`): letters, digits, `.`, `_`, `-`,
   * not `.` or `..`. No environment-variable fallback. Python: `api_version`.
   * @default "v1"
   */
  readonly apiVersion?: string | undefined;
  /**
   * Retries after the first attempt (attempts = retry + 1); an integer >= 0. Python: `retry`.
   * @default 3
   */
  readonly retry?: number | undefined;
  /**
   * The linear backoff unit in **seconds** (as in Python; fractions allowed): the wait before retry n is
   * `retryWait × n` unless the server sent `Retry-After`. Network failures use a short exponential backoff
   * instead. Python: `retry_wait`.
   * @default 30
   */
  readonly retryWait?: number | undefined;
  /**
   * HTTP statuses (integers 400-599) that are retried. POST and PATCH are retried only on 429 and 503 unless
   * `retryNonIdempotent` is set. Python: `retry_codes`.
   * @default [429, 503, 504]
   */
  readonly retryCodes?: readonly number[] | undefined;
  /**
   * The token provider, `() => [token, expiry]` (sync or async); expiry is seconds from now or a `Date`.
   * Called before an attempt when the token is missing or about to expire; concurrent calls share one refresh.
   * Python: `auth_token`.
   * @default none
   */
  readonly authToken?: AuthTokenProvider | undefined;
  /**
   * A preset token, used until `expiresIn`. Surrounding whitespace is trimmed (the server would ignore it);
   * CR, LF or NUL inside is a `ConfigError`. Python: `access_token`.
   * @default none
   */
  readonly accessToken?: string | undefined;
  /**
   * **Epoch seconds** (not a duration) at which `accessToken` stops being used, e.g.
   * `Math.floor(Date.now() / 1000) + 3600`. A value below 10^9 is a `ConfigError`: it looks like a relative
   * number of seconds. Python: `expires_in`.
   * @default none (the token never expires)
   */
  readonly expiresIn?: number | undefined;
  /**
   * The header that carries the token: an RFC 9110 token, not a header the client manages.
   * Python: `auth_header` (whose default, None, crashes).
   * @default "Authorization"
   */
  readonly authHeader?: string | undefined;
  /**
   * Headers merged last into every request (a plain object, `Headers` or `Map`). Values may copy another header
   * with `%(Name)s` (`%%` is a literal `%`); a templated header whose source header is absent from a request is
   * left out of that request. A header templated from a sensitive one is sensitive too. Python: `extra_headers`.
   * @default none
   */
  readonly extraHeaders?: HeadersInput | undefined;
  /**
   * More header names to redact everywhere (errors, logs, recordings), case-insensitively, on top of the auth
   * header, `Authorization`, `Proxy-Authorization`, `Cookie`, `Set-Cookie` and every name containing `token`,
   * `secret`, `password`, `api-key`, `apikey`, `session` or `auth`. New in @meta/rest.
   * @default []
   */
  readonly sensitiveHeaders?: readonly string[] | undefined;
  /**
   * Return `{ status, headers, data }` instead of `data` (per call: `rawData` option). `headers` is a plain object
   * with lowercase names. Python: `raw_data`.
   * @default false
   */
  readonly rawData?: boolean | undefined;
  /**
   * Follow 3xx responses up to `maxRedirects` (sensitive headers stripped on a change of origin); when false a
   * 3xx is an `APIError` carrying `location`. Python: `allow_redirects`.
   * @default false
   */
  readonly allowRedirects?: boolean | undefined;
  /**
   * The scheme before the token: the header value is `<authTokenMode> <token>`; an empty string sends the bare
   * token. Python: `auth_token_mode`.
   * @default "Bearer"
   */
  readonly authTokenMode?: string | undefined;
  /**
   * TLS verification of the transport REST creates: `true` (system CAs), `false` (this client only, warns once),
   * or a CA bundle (file path or PEM text). Must stay `true` with `transport` or on the fetch transport.
   * Python: `verify`.
   * @default true
   */
  readonly verify?: boolean | string | undefined;
  /**
   * The transport. REST never closes one passed here. New in @meta/rest.
   * @default undici in Node (loaded on the first request; honours HTTP(S)_PROXY/NO_PROXY), fetch elsewhere
   */
  readonly transport?: Transport | undefined;
  /**
   * The deadline of one attempt in **milliseconds**: connect, TLS, headers and body (not an idle timer).
   * @default 300000
   */
  readonly timeoutMs?: number | undefined;
  /**
   * The connect (TCP + TLS) deadline in **milliseconds**, capped by `timeoutMs`.
   * @default 10000
   */
  readonly connectTimeoutMs?: number | undefined;
  /**
   * The deadline of a whole call in **milliseconds**, across attempts, backoff and the token provider.
   * @default none
   */
  readonly totalTimeoutMs?: number | undefined;
  /**
   * The longest server `Retry-After` the client sleeps, in **milliseconds**; a longer one fails at once with
   * the `APIError`, whose `retryAfterMs` holds the requested delay.
   * @default 120000
   */
  readonly maxRetryAfterMs?: number | undefined;
  /**
   * The most decoded response bytes accepted; more is a `ResponseTooLargeError`.
   * @default 67108864 (64 MiB)
   */
  readonly maxResponseBytes?: number | undefined;
  /**
   * The most redirects followed per call when `allowRedirects` is true (0-100).
   * @default 10
   */
  readonly maxRedirects?: number | undefined;
  /**
   * A console-shaped logger: `debug` once per attempt, `warn` once per retry. Never receives a secret or a body.
   * @default quiet below warn (warnings to `console.warn`)
   */
  readonly logger?: Logger | undefined;
  /**
   * The `User-Agent` header.
   * @default "@meta/rest"
   */
  readonly userAgent?: string | undefined;
  /**
   * Hooks into each attempt: `beforeRequest`, `afterResponse`, `beforeRetry`.
   * @default none
   */
  readonly hooks?: RestHooks | undefined;
  /**
   * Also retry POST and PATCH on every retry code and on connection failures (a replay may apply a write
   * twice). Per call: the `retryNonIdempotent` option.
   * @default false
   */
  readonly retryNonIdempotent?: boolean | undefined;
  /**
   * `"linear"` (Python's `retryWait × attempt`) or `{ type: 'exponential' }` with jitter.
   * @default "linear"
   */
  readonly backoff?: 'linear' | ExponentialBackoff | undefined;
  /**
   * Epoch milliseconds now; injected by tests.
   * @default Date.now
   */
  readonly clock?: (() => number) | undefined;
  /**
   * The backoff sleep; injected by tests.
   * @default a timer-based sleep that stops on abort and `close()`
   */
  readonly sleep?: SleepFunction | undefined;
  /**
   * Randomness in [0, 1) for jitter; injected by tests.
   * @default Math.random
   */
  readonly random?: (() => number) | undefined;
}

/**
 * The default of every option, declared once: the resolver applies these and the docs above repeat them.
 * Durations carry their unit in the name; `retryWait` is seconds, as in Python.
 */
export const CLIENT_DEFAULTS = Object.freeze({
  apiVersion: 'v1',
  retry: 3,
  retryWait: 30,
  retryCodes: Object.freeze([429, 503, 504]) as readonly number[],
  authHeader: 'Authorization',
  sensitiveHeaders: Object.freeze([]) as readonly string[],
  rawData: false,
  allowRedirects: false,
  authTokenMode: 'Bearer',
  verify: true as boolean | string,
  timeoutMs: 300_000,
  connectTimeoutMs: 10_000,
  maxRetryAfterMs: 120_000,
  maxResponseBytes: 64 * 1024 * 1024,
  maxRedirects: 10,
  retryNonIdempotent: false,
  userAgent: '@meta/rest',
  backoff: 'linear' as 'linear' | ExponentialBackoff,
}) satisfies { readonly [K in keyof ClientConfig]?: NonNullable<ClientConfig[K]> };

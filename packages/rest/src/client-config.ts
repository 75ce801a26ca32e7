import type { Transport } from '@meta/transport';
import { z } from 'zod';
import type { HeaderValue } from './header-rules.js';
import type { RestHooks } from './hooks.js';
import type { Logger } from './logger.js';
import { MAX_TIMER_MS } from './timer-limit.js';

/** What an auth provider returns: the token and its expiry (seconds from now, or a Date). */
export type AuthTokenResult = readonly [token: string, expiry: number | Date | null | undefined];

/**
 * The token provider (Python's `auth_token`): called before an attempt when there is no token or it expires
 * within 120 s. Return `["no_token", null]` (or an empty token) to send no auth header.
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

/** The defaults of every option, declared once. Durations carry their unit in the name; `retryWait` is seconds. */
export const CLIENT_DEFAULTS = Object.freeze({
  apiVersion: 'v1',
  retry: 3,
  retryWait: 30,
  retryCodes: Object.freeze([429, 504]) as readonly number[],
  authHeader: 'Authorization',
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
});

export { MAX_TIMER_MS } from './timer-limit.js';

const isFunction = (value: unknown): boolean => typeof value === 'function';
const fn = <T>(message: string) => z.custom<T>(isFunction, { message });
const positiveInteger = () => z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

const apiVersionSchema = z
  .string()
  .regex(/^[A-Za-z0-9._-]+$/, 'apiVersion may only contain letters, digits, ".", "_" and "-"')
  .refine((value) => value !== '.' && value !== '..', 'apiVersion cannot be "." or ".."');

const baseUrlSchema = z.union([z.string(), z.instanceof(URL)]).superRefine((value, context) => {
  let url: URL;
  try {
    url = new URL(String(value));
  } catch {
    context.addIssue({ code: 'custom', message: 'baseUrl must be an absolute http:// or https:// URL' });
    return;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    context.addIssue({ code: 'custom', message: 'baseUrl must use http:// or https://' });
  if (url.username || url.password)
    context.addIssue({ code: 'custom', message: 'baseUrl must not contain credentials (use authToken)' });
  if (url.search || url.hash || String(value).includes('#'))
    context.addIssue({ code: 'custom', message: 'baseUrl must not contain a query or fragment' });
});

const backoffSchema = z.union([
  z.literal('linear'),
  z.strictObject({
    type: z.literal('exponential'),
    maxDelayMs: positiveInteger().optional(),
    jitter: z.enum(['full', 'none']).optional(),
  }),
]);

const hooksSchema = z.strictObject({
  beforeRequest: fn<RestHooks['beforeRequest']>('hooks.beforeRequest must be a function').optional(),
  afterResponse: fn<RestHooks['afterResponse']>('hooks.afterResponse must be a function').optional(),
  beforeRetry: fn<RestHooks['beforeRetry']>('hooks.beforeRetry must be a function').optional(),
});

const plainRecord = z.custom<Readonly<Record<string, HeaderValue>>>(
  (value) => typeof value === 'object' && value !== null && !Array.isArray(value),
  { message: 'extraHeaders must be an object of header names to values' },
);

/**
 * The zod schema of {@link ClientConfig}: strict (unknown keys are a `ConfigError`). `REST` validates with it
 * once, at construction, and never on the request path.
 */
export const clientConfigSchema = z.strictObject({
  /** The server root, `http://` or `https://` only, no userinfo; a trailing slash is tolerated. Required. */
  baseUrl: baseUrlSchema,
  /** Path segment after the base path. @default "v1" */
  apiVersion: apiVersionSchema.default(CLIENT_DEFAULTS.apiVersion),
  /** Retries after the first attempt (attempts = retry + 1). @default 3 */
  retry: z.number().int().min(0).max(1000).default(CLIENT_DEFAULTS.retry),
  /** Linear backoff unit in **seconds** (as in Python): the wait is `retryWait × attempt`. @default 30 */
  retryWait: z
    .number()
    .min(0)
    .max(Number.MAX_SAFE_INTEGER / 1000)
    .default(CLIENT_DEFAULTS.retryWait),
  /** HTTP statuses (400-599) that are retried. @default [429, 504] */
  retryCodes: z.array(z.number().int().min(400).max(599)).readonly().default(CLIENT_DEFAULTS.retryCodes),
  /** The token provider, called per attempt when the token is missing or expires within 120 s. @default none */
  authToken: fn<AuthTokenProvider>('authToken must be a function returning [token, expiry]').optional(),
  /** A preset token, used until `expiresIn`. @default none */
  accessToken: z.string().optional(),
  /** Epoch **seconds** at which `accessToken` stops being used. @default none (never) */
  expiresIn: z.number().min(0).optional(),
  /** The header that carries the token. @default "Authorization" */
  authHeader: z.string().default(CLIENT_DEFAULTS.authHeader),
  /** Headers merged last; values may use `%(Name)s` templates and `%%`. @default none */
  extraHeaders: plainRecord.optional(),
  /** Return `{ status, headers, data }` instead of `data`. @default false */
  rawData: z.boolean().default(CLIENT_DEFAULTS.rawData),
  /** Follow 3xx responses (up to `maxRedirects`); when false a 3xx is an `APIError`. @default false */
  allowRedirects: z.boolean().default(CLIENT_DEFAULTS.allowRedirects),
  /** The scheme before the token: the header is `<authTokenMode> <token>`. @default "Bearer" */
  authTokenMode: z.string().default(CLIENT_DEFAULTS.authTokenMode),
  /** `true` (system CAs), `false` (no verification, this client only) or a CA bundle path or PEM. @default true */
  verify: z.union([z.boolean(), z.string().min(1)]).default(CLIENT_DEFAULTS.verify),
  /** The transport; REST never closes one passed here. @default undici in Node, fetch elsewhere */
  transport: z
    .custom<Transport>(
      (value) =>
        typeof value === 'object' &&
        value !== null &&
        typeof (value as Transport).send === 'function' &&
        typeof (value as Transport).close === 'function',
      { message: 'transport must implement send() and close()' },
    )
    .optional(),
  /** Deadline per attempt in milliseconds (connect, TLS, headers and body). @default 300000 */
  timeoutMs: positiveInteger().default(CLIENT_DEFAULTS.timeoutMs),
  /** Connect (TCP + TLS) deadline in milliseconds, capped by `timeoutMs`. @default 10000 */
  connectTimeoutMs: positiveInteger().default(CLIENT_DEFAULTS.connectTimeoutMs),
  /** Deadline for a whole call across attempts and backoff, in milliseconds. @default none */
  totalTimeoutMs: positiveInteger().optional(),
  /** The longest `Retry-After` the client sleeps, in milliseconds; longer fails at once. @default 120000 */
  maxRetryAfterMs: z.number().int().min(0).max(MAX_TIMER_MS).default(CLIENT_DEFAULTS.maxRetryAfterMs),
  /** The most decoded response bytes accepted. @default 67108864 (64 MiB) */
  maxResponseBytes: positiveInteger().default(CLIENT_DEFAULTS.maxResponseBytes),
  /** The most redirects followed per call when `allowRedirects` is true. @default 10 */
  maxRedirects: z.number().int().min(0).max(100).default(CLIENT_DEFAULTS.maxRedirects),
  /** Console-shaped logger. @default quiet below warn (warnings to console.warn) */
  logger: z
    .custom<Logger>((value) => typeof value === 'object' && value !== null, {
      message: 'logger must be a console-shaped object',
    })
    .optional(),
  /** The `User-Agent` header. @default "@meta/rest" */
  userAgent: z.string().default(CLIENT_DEFAULTS.userAgent),
  /** Hooks into each attempt. @default none */
  hooks: hooksSchema.optional(),
  /** Also retry POST and PATCH on every retry code and on connection failures. @default false */
  retryNonIdempotent: z.boolean().default(CLIENT_DEFAULTS.retryNonIdempotent),
  /** `"linear"` (Python's `retryWait × attempt`) or exponential with jitter. @default "linear" */
  backoff: backoffSchema.default('linear'),
  /** Epoch milliseconds now; injected by tests. @default Date.now */
  clock: fn<() => number>('clock must be a function returning epoch milliseconds').optional(),
  /** The backoff sleep; injected by tests. @default a timer-based sleep that stops on abort and close() */
  sleep: fn<SleepFunction>('sleep must be a function').optional(),
  /** Randomness in [0, 1) for jitter; injected by tests. @default Math.random */
  random: fn<() => number>('random must be a function returning a number in [0, 1)').optional(),
});

/** The configuration `new REST(config)` accepts (the schema's input type). */
export type ClientConfig = z.input<typeof clientConfigSchema>;

/** The configuration after validation and defaults (the schema's output type). */
export type ParsedClientConfig = z.output<typeof clientConfigSchema>;

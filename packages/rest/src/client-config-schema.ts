import { ConfigError, type ConfigIssue } from '@meta/errors';
import type { Transport } from '@meta/transport';
import * as z from 'zod/mini';
import type { ClientConfig } from './client-config.js';
import { isPlainObject, ownCopy } from './own-property.js';
import { MAX_TIMER_MS } from './timer-limit.js';

/*
 * The zod schema of ClientConfig: internal, never exported from the package. zod/mini keeps the browser bundle
 * small (no locales, tree-shakable checks); every message is our own, so nothing depends on a zod locale.
 * Defaults are not applied here: they live in CLIENT_DEFAULTS, and the resolver applies them.
 */

type Schema = z.ZodMiniType;

const isFunction = (value: unknown): boolean => typeof value === 'function';
const isObject = (value: unknown): boolean => typeof value === 'object' && value !== null;

function optionalFunction(message: string): Schema {
  return z.optional(z.custom(isFunction, { error: message }));
}

function optionalInteger(field: string, min: number, max: number): Schema {
  const error = `${field} must be an integer from ${min} to ${max}`;
  return z.optional(z.int({ error }).check(z.gte(min, { error }), z.lte(max, { error })));
}

function optionalBoolean(field: string): Schema {
  return z.optional(z.boolean({ error: `${field} must be true or false` }));
}

function optionalString(field: string): Schema {
  return z.optional(z.string({ error: `${field} must be a string` }));
}

function checkBaseUrl(value: string | URL): string | undefined {
  let url: URL;
  try {
    url = new URL(String(value));
  } catch {
    return 'baseUrl must be an absolute http:// or https:// URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'baseUrl must use http:// or https://';
  if (url.username || url.password) return 'baseUrl must not contain credentials (use authToken)';
  if (url.search || url.hash || String(value).includes('#'))
    return 'baseUrl must not contain a query or fragment';
  return undefined;
}

const baseUrl = z
  .union([z.string(), z.instanceof(URL)], { error: 'baseUrl must be a string or a URL' })
  .check(
    z.superRefine((value, context) => {
      const message = checkBaseUrl(value);
      if (message !== undefined) context.addIssue({ code: 'custom', message, input: value });
    }),
  );

const apiVersionMessage = 'apiVersion may only contain letters, digits, ".", "_" and "-", and cannot be "." or ".."';
const apiVersion = z.optional(
  z
    .string({ error: apiVersionMessage })
    .check(
      z.regex(/^[A-Za-z0-9._-]+$/, { error: apiVersionMessage }),
      z.refine((value) => value !== '.' && value !== '..', { error: apiVersionMessage }),
    ),
);

const retryCodesMessage = 'retryCodes must be an array of integer HTTP statuses from 400 to 599';
const retryCodes = z.optional(
  z.array(
    z.int({ error: retryCodesMessage }).check(
      z.gte(400, { error: retryCodesMessage }),
      z.lte(599, { error: retryCodesMessage }),
    ),
    { error: retryCodesMessage },
  ),
);

const retryWaitMessage = 'retryWait must be a finite number of seconds >= 0';
const retryWait = z.optional(
  z
    .number({ error: retryWaitMessage })
    .check(
      z.gte(0, { error: retryWaitMessage }),
      z.lte(Number.MAX_SAFE_INTEGER / 1000, { error: retryWaitMessage }),
    ),
);

const expiresInMessage = 'expiresIn must be a finite number of epoch seconds';
const expiresIn = z.optional(z.number({ error: expiresInMessage }).check(z.gte(0, { error: expiresInMessage })));

const headersMessage = 'extraHeaders must be a plain object, a Headers or a Map of header names to values';
const extraHeaders = z.optional(z.custom((value) => isObject(value) && !Array.isArray(value), { error: headersMessage }));

const sensitiveHeadersMessage = 'sensitiveHeaders must be an array of header names';
const sensitiveHeaders = z.optional(z.array(z.string({ error: sensitiveHeadersMessage }), { error: sensitiveHeadersMessage }));

const verifyMessage = 'verify must be true, false, or a CA bundle (a file path or PEM text)';
const verify = z.optional(
  z.union([z.boolean(), z.string().check(z.minLength(1, { error: verifyMessage }))], { error: verifyMessage }),
);

const transport = z.optional(
  z.custom<Transport>(
    (value) =>
      isObject(value) &&
      typeof (value as Transport).send === 'function' &&
      typeof (value as Transport).close === 'function',
    { error: 'transport must implement send() and close()' },
  ),
);

const hooks = z.optional(
  z.strictObject(
    {
      beforeRequest: optionalFunction('hooks.beforeRequest must be a function'),
      afterResponse: optionalFunction('hooks.afterResponse must be a function'),
      beforeRetry: optionalFunction('hooks.beforeRetry must be a function'),
    },
    { error: 'hooks must be an object of beforeRequest, afterResponse and beforeRetry functions' },
  ),
);

const backoffMessage = 'backoff must be "linear" or { type: "exponential", maxDelayMs?, jitter?: "full" | "none" }';
const backoff = z.optional(
  z.union(
    [
      z.literal('linear'),
      z.strictObject({
        type: z.literal('exponential'),
        maxDelayMs: optionalInteger('backoff.maxDelayMs', 1, MAX_TIMER_MS),
        jitter: z.optional(z.enum(['full', 'none'])),
      }),
    ],
    { error: backoffMessage },
  ),
);

const safeInteger = Number.MAX_SAFE_INTEGER;

/**
 * One entry per {@link ClientConfig} key, no more, no fewer (`satisfies` fails the build otherwise), so the
 * interface that editors show and the schema that runs can never drift apart.
 */
const configShape = {
  baseUrl,
  apiVersion,
  retry: optionalInteger('retry', 0, 1000),
  retryWait,
  retryCodes,
  authToken: optionalFunction('authToken must be a function returning [token, expiry]'),
  accessToken: optionalString('accessToken'),
  expiresIn,
  authHeader: optionalString('authHeader'),
  extraHeaders,
  sensitiveHeaders,
  rawData: optionalBoolean('rawData'),
  allowRedirects: optionalBoolean('allowRedirects'),
  authTokenMode: optionalString('authTokenMode'),
  verify,
  transport,
  timeoutMs: optionalInteger('timeoutMs', 1, safeInteger),
  connectTimeoutMs: optionalInteger('connectTimeoutMs', 1, safeInteger),
  totalTimeoutMs: optionalInteger('totalTimeoutMs', 1, safeInteger),
  maxRetryAfterMs: optionalInteger('maxRetryAfterMs', 0, MAX_TIMER_MS),
  maxResponseBytes: optionalInteger('maxResponseBytes', 1, safeInteger),
  maxRedirects: optionalInteger('maxRedirects', 0, 100),
  logger: z.optional(z.custom(isObject, { error: 'logger must be a console-shaped object' })),
  userAgent: optionalString('userAgent'),
  hooks,
  retryNonIdempotent: optionalBoolean('retryNonIdempotent'),
  backoff,
  clock: optionalFunction('clock must be a function returning epoch milliseconds'),
  sleep: optionalFunction('sleep must be a function'),
  random: optionalFunction('random must be a function returning a number in [0, 1)'),
} satisfies { readonly [K in keyof Required<ClientConfig>]: Schema };

/** The strict schema: unknown keys are issues too. Used once per client, at construction. */
const clientConfigSchema = z.strictObject(configShape);

/**
 * The dotted config key an issue is about: `hooks.beforeRequest`, `extraHeaders.X-Id`. An array index is not a
 * key, so `retryCodes: [200]` names `retryCodes` (the index stays in the message and in `issues`).
 */
function fieldOf(issue: { path: readonly PropertyKey[]; code?: string; keys?: readonly string[] }): string {
  const path: string[] = [];
  for (const segment of issue.path) {
    if (typeof segment === 'number') break;
    path.push(String(segment));
  }
  if (
    path.length === issue.path.length &&
    issue.code === 'unrecognized_keys' &&
    issue.keys?.[0] !== undefined
  )
    path.push(issue.keys[0]);
  return path.length > 0 ? path.join('.') : 'config';
}

/** Where in the config an issue is, indexes included (`retryCodes[1]`), for the message. */
function locationOf(issue: { path: readonly PropertyKey[] }, field: string): string {
  let location = '';
  for (const segment of issue.path) {
    location += typeof segment === 'number' ? `[${segment}]` : `${location ? '.' : ''}${String(segment)}`;
  }
  return location.length > field.length ? location : field;
}

const URL_HREF = Object.getOwnPropertyDescriptor(URL.prototype, 'href')!.get! as (this: URL) => string;

/**
 * Validate `config` with the schema (own properties only) and return it typed; the first issue becomes a
 * `ConfigError` whose `field` is the dotted key. Defaults are applied by the resolver, not here.
 */
export function parseClientConfig(config: unknown): ClientConfig {
  if (!isPlainObject(config)) {
    throw new ConfigError('The REST config must be a plain object', { field: 'config' });
  }
  // Own properties only: a polluted Object.prototype must not supply `retry`, `authToken` or hooks.
  const input = ownCopy(config);
  // Read a URL once, through URL's own getter: a subclass whose toString() answers differently on each call
  // could otherwise pass validation with one origin and be used with another (or with credentials).
  if (input.baseUrl instanceof URL) input.baseUrl = URL_HREF.call(input.baseUrl);
  for (const nested of ['hooks', 'backoff'] as const) {
    if (isPlainObject(input[nested])) input[nested] = ownCopy(input[nested]);
  }
  const result = clientConfigSchema.safeParse(input);
  if (result.success) return input as unknown as ClientConfig;
  // zod/mini has no locale loaded: every schema carries our own message except unknown keys, named here.
  const issues = (result.error.issues as unknown as (ConfigIssue & { keys?: string[] })[]).map((issue) =>
    issue.code === 'unrecognized_keys'
      ? { ...issue, message: `unknown option "${issue.keys?.join('", "')}" (see ClientConfig)` }
      : issue,
  );
  const first = issues[0]!;
  const field = fieldOf(first);
  throw new ConfigError(`Invalid REST config: ${locationOf(first, field)}: ${first.message}`, { field, issues });
}


import { ConfigError } from '@meta/errors';
import type { Transport } from '@meta/transport';
import type { ClientConfig } from './client-config.js';
import {
  FORBIDDEN_HEADER_NAMES,
  FORBIDDEN_VALUE_CHARACTERS,
  hasForbiddenValueCharacter,
  isHeaderToken,
} from './header-rules.js';
import * as z from './internal/zod.js';
import { isPlainObject, ownCopy } from './own-property.js';
import { MAX_TIMER_MS } from './timer-limit.js';

/*
 * The config's zod schemas: internal, never exported from the package. One zod schema per field, each a plain
 * predicate with our own message (no zod locale is ever loaded); the strict object around them (own keys, unknown
 * keys, issue paths) is walked here in plain code, see internal/zod.ts for why. Defaults are not applied here:
 * they live in CLIENT_DEFAULTS, and the resolver applies them.
 */

type Schema = z.Schema;

/** The zod schema of each key of an object; every key may be absent (or `undefined`) unless it is required. */
type Shape = Readonly<Record<string, Schema>>;

const rule = (predicate: (value: unknown) => boolean, error: string): Schema => z.custom(predicate, error);

const isFunction = (value: unknown): boolean => typeof value === 'function';
const isObject = (value: unknown): boolean => typeof value === 'object' && value !== null;
const isBoolean = (value: unknown): boolean => typeof value === 'boolean';
const isString = (value: unknown): value is string => typeof value === 'string';

// One message shape per kind of option, written once.
const flag = (field: string): Schema => rule(isBoolean, `${field} must be true or false`);
const text = (field: string): Schema => rule(isString, `${field} must be a string`);
const callback = (field: string, returning = ''): Schema =>
  rule(isFunction, `${field} must be a function${returning}`);

const integerIn = (field: string, min: number, max: number): Schema =>
  rule(
    (value) => Number.isInteger(value) && (value as number) >= min && (value as number) <= max,
    `${field} must be an integer from ${min} to ${max}`,
  );

/** A field whose checks each have their own message: `problem` names the first one failed, or nothing. */
const checked = (problem: (value: unknown) => string | undefined): Schema =>
  z.custom(
    (value) => problem(value) === undefined,
    (issue) => problem(issue.input) ?? 'is invalid',
  );

/** A string sent as a header value (`authTokenMode`, `userAgent`): no CR, LF, NUL or other control character. */
const headerText = (field: string): Schema =>
  checked((value) => {
    if (!isString(value)) return `${field} must be a string`;
    return hasForbiddenValueCharacter(value) ? `${field} contains ${FORBIDDEN_VALUE_CHARACTERS}` : undefined;
  });

function authHeaderProblem(value: unknown): string | undefined {
  if (!isString(value)) return 'authHeader must be a string';
  if (!isHeaderToken(value)) return 'authHeader must be an RFC 9110 header name';
  // The token would land in Host or a framing header: refused like the same name in extraHeaders.
  if (FORBIDDEN_HEADER_NAMES.has(value.toLowerCase()))
    return `authHeader cannot be ${value}: the client manages that header`;
  return undefined;
}

function sensitiveHeadersProblem(value: unknown): string | undefined {
  if (!Array.isArray(value) || !value.every(isString))
    return 'sensitiveHeaders must be an array of header names';
  const bad = value.find((name) => !isHeaderToken(name));
  return bad === undefined
    ? undefined
    : `sensitiveHeaders: ${JSON.stringify(bad)} is not an RFC 9110 header name`;
}

function baseUrlProblem(value: unknown): string | undefined {
  if (!isString(value) && !(value instanceof URL)) return 'baseUrl must be a string or a URL';
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

const isApiVersion = (value: unknown): boolean =>
  isString(value) && /^[A-Za-z0-9._-]+$/.test(value) && value !== '.' && value !== '..';

const isRetryCode = (code: unknown): boolean =>
  Number.isInteger(code) && (code as number) >= 400 && (code as number) <= 599;

/** The message for a bad `retryCodes`, naming the first bad entry (`retryCodes[1]`). */
function retryCodesProblem(value: unknown): string {
  const index = Array.isArray(value) ? value.findIndex((code) => !isRetryCode(code)) : -1;
  if (index === -1) return 'retryCodes must be an array of integer HTTP statuses from 400 to 599';
  return `retryCodes[${index}] is not an integer HTTP status from 400 to 599`;
}

const isSeconds = (value: unknown): boolean =>
  typeof value === 'number' && value >= 0 && value <= Number.MAX_SAFE_INTEGER / 1000;

const isEpochSeconds = (value: unknown): boolean =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0;

const isHeaders = (value: unknown): boolean => isObject(value) && !Array.isArray(value);

const isVerify = (value: unknown): boolean => isBoolean(value) || (isString(value) && value.length > 0);

const isTransport = (value: unknown): boolean =>
  isObject(value) &&
  typeof (value as Transport).send === 'function' &&
  typeof (value as Transport).close === 'function';

const HOOKS_SHAPE: Shape = {
  beforeRequest: callback('hooks.beforeRequest'),
  afterResponse: callback('hooks.afterResponse'),
  beforeRetry: callback('hooks.beforeRetry'),
};

// The hooks object itself (a plain object, copied like the config); once it is one, its keys are checked against
// HOOKS_SHAPE (see shapeIssues).
const hooks = rule(
  isPlainObject,
  'hooks must be an object of beforeRequest, afterResponse and beforeRetry functions',
);

function isBackoff(value: unknown): boolean {
  if (value === 'linear') return true;
  if (!isObject(value) || Array.isArray(value)) return false;
  const { type, maxDelayMs, jitter, ...rest } = value as Record<string, unknown>;
  return (
    type === 'exponential' &&
    Object.keys(rest).length === 0 &&
    (maxDelayMs === undefined ||
      (Number.isInteger(maxDelayMs) &&
        (maxDelayMs as number) >= 1 &&
        (maxDelayMs as number) <= MAX_TIMER_MS)) &&
    (jitter === undefined || jitter === 'full' || jitter === 'none')
  );
}

const safeInteger = Number.MAX_SAFE_INTEGER;

/**
 * One entry per {@link ClientConfig} key, no more, no fewer (`satisfies` fails the build otherwise), so the
 * interface that editors show and the schema that runs can never drift apart.
 */
const configShape = {
  baseUrl: checked(baseUrlProblem),
  apiVersion: rule(
    isApiVersion,
    'apiVersion may only contain letters, digits, ".", "_" and "-", and cannot be "." or ".."',
  ),
  retry: integerIn('retry', 0, 1000),
  // Bounded so that retryWait × 1000 × attempt stays a safe integer of milliseconds (1e308 is finite, but no wait).
  retryWait: rule(isSeconds, 'retryWait must be a number of seconds from 0 to 9007199254740'),
  retryCodes: z.custom(
    (value) => Array.isArray(value) && value.every(isRetryCode),
    (issue) => retryCodesProblem(issue.input),
  ),
  authToken: callback('authToken', ' returning [token, expiry]'),
  accessToken: text('accessToken'),
  expiresIn: rule(isEpochSeconds, 'expiresIn must be a finite number of epoch seconds'),
  authHeader: checked(authHeaderProblem),
  extraHeaders: rule(
    isHeaders,
    'extraHeaders must be a plain object, a Headers or a Map of header names to values',
  ),
  sensitiveHeaders: checked(sensitiveHeadersProblem),
  rawData: flag('rawData'),
  allowRedirects: flag('allowRedirects'),
  authTokenMode: headerText('authTokenMode'),
  verify: rule(isVerify, 'verify must be true, false, or a CA bundle (a file path or PEM text)'),
  transport: rule(isTransport, 'transport must implement send() and close()'),
  timeoutMs: integerIn('timeoutMs', 1, safeInteger),
  connectTimeoutMs: integerIn('connectTimeoutMs', 1, safeInteger),
  totalTimeoutMs: integerIn('totalTimeoutMs', 1, safeInteger),
  maxRetryAfterMs: integerIn('maxRetryAfterMs', 0, MAX_TIMER_MS),
  maxResponseBytes: integerIn('maxResponseBytes', 1, safeInteger),
  maxRedirects: integerIn('maxRedirects', 0, 100),
  logger: rule(isObject, 'logger must be a console-shaped object'),
  userAgent: headerText('userAgent'),
  hooks,
  retryNonIdempotent: flag('retryNonIdempotent'),
  backoff: rule(
    isBackoff,
    'backoff must be "linear" or { type: "exponential", maxDelayMs?, jitter?: "full" | "none" }',
  ),
  clock: callback('clock', ' returning epoch milliseconds'),
  sleep: callback('sleep'),
  random: callback('random', ' returning a number in [0, 1)'),
} satisfies { readonly [K in keyof Required<ClientConfig>]: Schema };

/** The one key that may not be left out. */
const REQUIRED_KEY = 'baseUrl';

/**
 * The issues of `input` against `shape`, in the order zod's strict object reports them: each field's zod issues
 * (path prefixed with the key) in shape order, then one `unrecognized_keys` issue listing the unknown keys.
 * The top-level `input` is a null-prototype copy of own properties, so nothing inherited is read or counted.
 */
function shapeIssues(shape: Shape, input: Record<string, unknown>, path: readonly string[]): z.Issue[] {
  const issues: z.Issue[] = [];
  for (const key of Object.keys(shape)) {
    const value = input[key];
    if (value === undefined && key !== REQUIRED_KEY) continue;
    const found = z.issuesOf(shape[key]!, value);
    for (const issue of found) issues.push({ ...issue, path: [...path, key, ...issue.path] });
    // `hooks`, once its own schema accepts it, is a strict object too (a string comparison: no polluted
    // Object.prototype can turn another key into a nested shape).
    if (key === 'hooks' && found.length === 0) {
      issues.push(...shapeIssues(HOOKS_SHAPE, value as Record<string, unknown>, [key]));
    }
  }
  const keys = Object.keys(input).filter((key) => !Object.hasOwn(shape, key));
  if (keys.length > 0) {
    const message = `unknown option "${keys.join('", "')}" (see ClientConfig)`;
    issues.push({ code: 'unrecognized_keys', keys, path, message });
  }
  return issues;
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
  const input: Record<string, unknown> = ownCopy(config, 'config', '');
  // Read a URL once, through URL's own getter: a subclass whose toString() answers differently on each call
  // could otherwise pass validation with one origin and be used with another (or with credentials).
  if (input.baseUrl instanceof URL) input.baseUrl = URL_HREF.call(input.baseUrl);
  for (const nested of ['hooks', 'backoff'] as const) {
    if (isPlainObject(input[nested])) input[nested] = ownCopy(input[nested], nested, `${nested}.`);
  }
  const issues = shapeIssues(configShape, input, []);
  if (issues.length === 0) return input as unknown as ClientConfig;
  // The dotted key the first issue is about (`hooks.beforeRequest`, `extraHeaders.X-Id`, an unknown key).
  const first = issues[0]!;
  const field = [...first.path, ...(first.keys ?? []).slice(0, 1)].join('.');
  throw new ConfigError(`Invalid REST config: ${field}: ${first.message}`, { field, issues });
}

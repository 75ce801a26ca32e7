import { ConfigError, type ConfigIssue, createRedactor, type Redactor } from '@meta/errors';
import type { Transport } from '@meta/transport';
import {
  type AuthTokenProvider,
  clientConfigSchema,
  type ExponentialBackoff,
  type SleepFunction,
} from './client-config.js';
import {
  checkHeader,
  FORBIDDEN_HEADER_NAMES,
  FORBIDDEN_VALUE_CHARACTERS,
  hasForbiddenValueCharacter,
  isHeaderToken,
} from './header-rules.js';
import { type CompiledHeader, compileHeaderTemplate } from './header-template.js';
import type { RestHooks } from './hooks.js';
import { type ResolvedLogger, resolveLogger } from './logger.js';
import { isPlainObject, ownCopy, ownValue } from './own-property.js';
import { defaultSleep } from './sleep.js';
import { capToTimerLimit } from './timer-limit.js';
import { UrlBuilder } from './url-builder.js';

/** Every option after validation, with every default applied: the one shape the client reads. */
export interface ResolvedOptions {
  readonly baseUrl: URL;
  readonly urlBuilder: UrlBuilder;
  readonly retry: number;
  readonly retryWaitMs: number;
  readonly retryCodes: ReadonlySet<number>;
  readonly authToken: AuthTokenProvider | undefined;
  readonly accessToken: string | undefined;
  readonly accessTokenExpiresAtMs: number | undefined;
  readonly authHeader: string;
  readonly authTokenMode: string;
  readonly extraHeaders: readonly CompiledHeader[];
  readonly rawData: boolean;
  readonly allowRedirects: boolean;
  readonly verify: boolean | string;
  readonly transport: Transport | undefined;
  readonly timeoutMs: number;
  readonly connectTimeoutMs: number;
  readonly totalTimeoutMs: number | undefined;
  readonly maxRetryAfterMs: number;
  readonly maxResponseBytes: number;
  readonly maxRedirects: number;
  readonly logger: ResolvedLogger;
  readonly userAgent: string;
  readonly hooks: RestHooks;
  readonly retryNonIdempotent: boolean;
  readonly backoff: 'linear' | ExponentialBackoff;
  readonly clock: () => number;
  readonly sleep: SleepFunction;
  readonly random: () => number;
  /** Masks the auth header, templated copies of sensitive headers and the preset token. */
  readonly redactor: Redactor;
}

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

function parseConfig(config: unknown) {
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
  if (result.success) return result.data;
  const issues = result.error.issues as unknown as (ConfigIssue & { keys?: string[] })[];
  const first = issues[0]!;
  const field = fieldOf(first);
  throw new ConfigError(`Invalid REST config: ${locationOf(first, field)}: ${first.message}`, {
    field,
    issues,
  });
}

/** Validate and compile `extraHeaders`; names of headers templated from sensitive ones are returned too. */
function compileExtraHeaders(
  extraHeaders: unknown,
  sensitive: ReadonlySet<string>,
): { headers: CompiledHeader[]; sensitiveNames: string[] } {
  const headers: CompiledHeader[] = [];
  const sensitiveNames: string[] = [];
  if (extraHeaders === undefined) return { headers, sensitiveNames };
  for (const name of Object.keys(extraHeaders as object)) {
    const value = checkHeader('extraHeaders', name, (extraHeaders as Record<string, unknown>)[name]);
    const compiled = compileHeaderTemplate(name, value);
    if (compiled.references.some((reference) => sensitive.has(reference))) sensitiveNames.push(name);
    headers.push(compiled);
  }
  return { headers, sensitiveNames };
}

function resolveHooks(hooks: RestHooks | undefined): RestHooks {
  // Null prototype: a polluted Object.prototype.beforeRequest must not become a hook.
  const resolved: { -readonly [K in keyof RestHooks]: RestHooks[K] } = Object.create(null);
  const beforeRequest = ownValue(hooks, 'beforeRequest');
  const afterResponse = ownValue(hooks, 'afterResponse');
  const beforeRetry = ownValue(hooks, 'beforeRetry');
  if (beforeRequest) resolved.beforeRequest = beforeRequest;
  if (afterResponse) resolved.afterResponse = afterResponse;
  if (beforeRetry) resolved.beforeRetry = beforeRetry;
  return resolved;
}

function checkPlainHeaderValue(field: string, value: string): void {
  if (hasForbiddenValueCharacter(value)) {
    throw new ConfigError(`${field} contains ${FORBIDDEN_VALUE_CHARACTERS}`, { field });
  }
}

/**
 * Validate the config once, at construction (never on the request path), and apply every default. Bad input
 * throws a `ConfigError` naming the field before any I/O.
 */
export function resolveOptions(config: unknown): ResolvedOptions {
  const parsed = parseConfig(config);
  if (!isHeaderToken(parsed.authHeader)) {
    throw new ConfigError('authHeader must be an RFC 9110 header name', { field: 'authHeader' });
  }
  if (FORBIDDEN_HEADER_NAMES.has(parsed.authHeader.toLowerCase())) {
    // The token would land in Host or a framing header: refused like the same name in extraHeaders.
    throw new ConfigError(`authHeader cannot be ${parsed.authHeader}: the client manages that header`, {
      field: 'authHeader',
    });
  }
  checkPlainHeaderValue('authTokenMode', parsed.authTokenMode);
  checkPlainHeaderValue('userAgent', parsed.userAgent);
  if (parsed.accessToken !== undefined) checkPlainHeaderValue('accessToken', parsed.accessToken);
  const transport = ownValue(parsed, 'transport');
  if (transport !== undefined && parsed.verify !== true) {
    throw new ConfigError(
      'verify cannot be changed when a transport is passed: configure TLS on that transport',
      {
        field: 'verify',
      },
    );
  }
  const authHeaderLower = parsed.authHeader.toLowerCase();
  const sensitive = new Set([
    'authorization',
    'proxy-authorization',
    'cookie',
    'set-cookie',
    authHeaderLower,
  ]);
  const extra = compileExtraHeaders(ownValue(parsed, 'extraHeaders'), sensitive);
  const accessToken = ownValue(parsed, 'accessToken');
  const redactor = createRedactor({
    sensitiveHeaders: [parsed.authHeader, ...extra.sensitiveNames],
    secrets: accessToken ? [accessToken] : [],
  });
  const expiresIn = ownValue(parsed, 'expiresIn');
  const hooks = ownValue(parsed, 'hooks');
  const baseUrl = new URL(String(parsed.baseUrl));
  return {
    baseUrl,
    urlBuilder: new UrlBuilder(baseUrl, parsed.apiVersion),
    retry: parsed.retry,
    retryWaitMs: parsed.retryWait * 1000,
    retryCodes: new Set(parsed.retryCodes),
    authToken: ownValue(parsed, 'authToken'),
    accessToken,
    accessTokenExpiresAtMs: expiresIn === undefined ? undefined : expiresIn * 1000,
    authHeader: parsed.authHeader,
    authTokenMode: parsed.authTokenMode,
    extraHeaders: extra.headers,
    rawData: parsed.rawData,
    allowRedirects: parsed.allowRedirects,
    verify: parsed.verify,
    transport,
    // Deadlines become timers: capped at 2^31-1 ms so a huge value never overflows into "fire at once".
    timeoutMs: capToTimerLimit(parsed.timeoutMs),
    connectTimeoutMs: capToTimerLimit(Math.min(parsed.connectTimeoutMs, parsed.timeoutMs)),
    totalTimeoutMs: ownValue(parsed, 'totalTimeoutMs'),
    maxRetryAfterMs: parsed.maxRetryAfterMs,
    maxResponseBytes: parsed.maxResponseBytes,
    maxRedirects: parsed.maxRedirects,
    logger: resolveLogger(ownValue(parsed, 'logger')),
    userAgent: parsed.userAgent,
    hooks: resolveHooks(hooks),
    retryNonIdempotent: parsed.retryNonIdempotent,
    backoff: parsed.backoff,
    clock: ownValue(parsed, 'clock') ?? Date.now,
    sleep: ownValue(parsed, 'sleep') ?? defaultSleep,
    random: ownValue(parsed, 'random') ?? Math.random,
    redactor,
  };
}

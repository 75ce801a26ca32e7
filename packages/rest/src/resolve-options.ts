import { ConfigError, createRedactor, type Redactor } from '@meta/errors';
import type { Transport } from '@meta/transport';
import {
  type AuthTokenProvider,
  CLIENT_DEFAULTS,
  type ClientConfig,
  type ExponentialBackoff,
  type SleepFunction,
} from './client-config.js';
import { parseClientConfig } from './client-config-schema.js';
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
import { ownValue } from './own-property.js';
import { headerInputEntries } from './request-headers.js';
import { defaultSleep } from './sleep.js';
import { capToTimerLimit } from './timer-limit.js';
import { normaliseToken, presetTokenExpiresAtMs } from './token-rules.js';
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
  /** Every header name redacted on top of the defaults: the auth header, `sensitiveHeaders`, templated copies. */
  readonly sensitiveHeaders: readonly string[];
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
  /**
   * Masks the auth header, `sensitiveHeaders`, templated copies of sensitive headers and the preset token
   * (as trimmed, i.e. as sent).
   */
  readonly redactor: Redactor;
}

/**
 * Validate and compile `extraHeaders` (a plain object, `Headers` or `Map`); the names of headers templated from
 * sensitive ones are returned too, so their values are masked like their sources.
 */
function compileExtraHeaders(
  extraHeaders: unknown,
  redactor: Redactor,
): { headers: CompiledHeader[]; sensitiveNames: string[] } {
  const headers: CompiledHeader[] = [];
  const sensitiveNames: string[] = [];
  for (const [name, rawValue] of headerInputEntries(extraHeaders, 'extraHeaders')) {
    if (rawValue === undefined || rawValue === null) continue;
    const value = checkHeader('extraHeaders', name, rawValue);
    const compiled = compileHeaderTemplate(name, value);
    if (compiled.references.some((reference) => redactor.isSensitiveHeader(reference)))
      sensitiveNames.push(name);
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

function checkAuthHeader(authHeader: string): void {
  if (!isHeaderToken(authHeader)) {
    throw new ConfigError('authHeader must be an RFC 9110 header name', { field: 'authHeader' });
  }
  if (FORBIDDEN_HEADER_NAMES.has(authHeader.toLowerCase())) {
    // The token would land in Host or a framing header: refused like the same name in extraHeaders.
    throw new ConfigError(`authHeader cannot be ${authHeader}: the client manages that header`, {
      field: 'authHeader',
    });
  }
}

function checkSensitiveHeaderNames(names: readonly string[]): void {
  for (const name of names) {
    if (!isHeaderToken(name)) {
      throw new ConfigError(`sensitiveHeaders: ${JSON.stringify(name)} is not an RFC 9110 header name`, {
        field: 'sensitiveHeaders',
      });
    }
  }
}

/** The value of `key`, or its default from {@link CLIENT_DEFAULTS} (the only place defaults live). */
function valueOr<K extends keyof typeof CLIENT_DEFAULTS>(
  config: ClientConfig,
  key: K,
): (typeof CLIENT_DEFAULTS)[K] | NonNullable<ClientConfig[K]> {
  const value = ownValue(config, key);
  return value === undefined ? CLIENT_DEFAULTS[key] : (value as NonNullable<ClientConfig[K]>);
}

/**
 * Validate the config once, at construction (never on the request path), and apply every default. Bad input
 * throws a `ConfigError` naming the field before any I/O.
 */
export function resolveOptions(config: unknown): ResolvedOptions {
  const parsed = parseClientConfig(config);
  const authHeader = valueOr(parsed, 'authHeader');
  checkAuthHeader(authHeader);
  const authTokenMode = valueOr(parsed, 'authTokenMode');
  const userAgent = valueOr(parsed, 'userAgent');
  checkPlainHeaderValue('authTokenMode', authTokenMode);
  checkPlainHeaderValue('userAgent', userAgent);
  const rawAccessToken = ownValue(parsed, 'accessToken');
  const accessToken =
    rawAccessToken === undefined ? undefined : normaliseToken(rawAccessToken, authHeader, 'accessToken');
  const accessTokenExpiresAtMs = presetTokenExpiresAtMs(ownValue(parsed, 'expiresIn'));
  const transport = ownValue(parsed, 'transport');
  const verify = valueOr(parsed, 'verify');
  if (transport !== undefined && verify !== true) {
    throw new ConfigError(
      'verify cannot be changed when a transport is passed: configure TLS on that transport',
      {
        field: 'verify',
      },
    );
  }
  const configuredSensitive = [...valueOr(parsed, 'sensitiveHeaders')];
  checkSensitiveHeaderNames(configuredSensitive);
  const baseRedactor = createRedactor({ sensitiveHeaders: [authHeader, ...configuredSensitive] });
  const extra = compileExtraHeaders(ownValue(parsed, 'extraHeaders'), baseRedactor);
  const sensitiveHeaders = [authHeader, ...configuredSensitive, ...extra.sensitiveNames];
  // The raw spelling is masked too: a log line could quote the configured value before it was trimmed.
  const secrets = accessToken ? [accessToken, rawAccessToken!] : [];
  const redactor = createRedactor({ sensitiveHeaders, secrets });
  const baseUrl = new URL(String(parsed.baseUrl));
  const timeoutMs = valueOr(parsed, 'timeoutMs');
  return {
    baseUrl,
    urlBuilder: new UrlBuilder(baseUrl, valueOr(parsed, 'apiVersion')),
    retry: valueOr(parsed, 'retry'),
    retryWaitMs: valueOr(parsed, 'retryWait') * 1000,
    retryCodes: new Set(valueOr(parsed, 'retryCodes')),
    authToken: ownValue(parsed, 'authToken') as AuthTokenProvider | undefined,
    accessToken,
    accessTokenExpiresAtMs,
    authHeader,
    authTokenMode,
    extraHeaders: extra.headers,
    sensitiveHeaders,
    rawData: valueOr(parsed, 'rawData'),
    allowRedirects: valueOr(parsed, 'allowRedirects'),
    verify,
    transport,
    // Deadlines become timers: capped at 2^31-1 ms so a huge value never overflows into "fire at once".
    timeoutMs: capToTimerLimit(timeoutMs),
    connectTimeoutMs: capToTimerLimit(Math.min(valueOr(parsed, 'connectTimeoutMs'), timeoutMs)),
    totalTimeoutMs: ownValue(parsed, 'totalTimeoutMs'),
    maxRetryAfterMs: valueOr(parsed, 'maxRetryAfterMs'),
    maxResponseBytes: valueOr(parsed, 'maxResponseBytes'),
    maxRedirects: valueOr(parsed, 'maxRedirects'),
    logger: resolveLogger(ownValue(parsed, 'logger')),
    userAgent,
    hooks: resolveHooks(ownValue(parsed, 'hooks')),
    retryNonIdempotent: valueOr(parsed, 'retryNonIdempotent'),
    backoff: valueOr(parsed, 'backoff'),
    clock: ownValue(parsed, 'clock') ?? Date.now,
    sleep: ownValue(parsed, 'sleep') ?? defaultSleep,
    random: ownValue(parsed, 'random') ?? Math.random,
    redactor,
  };
}

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
import { checkHeader } from './header-rules.js';
import { type CompiledHeader, compileHeaderTemplate } from './header-template.js';
import type { RestHooks } from './hooks.js';
import { type ResolvedLogger, resolveLogger } from './logger.js';
import { headerInputEntries, headerSecrets } from './request-headers.js';
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
): { headers: CompiledHeader[]; sensitiveNames: string[]; secretValues: string[] } {
  const headers: CompiledHeader[] = [];
  const sensitiveNames: string[] = [];
  const literals: Record<string, string> = Object.create(null);
  for (const [name, rawValue] of headerInputEntries(extraHeaders, 'extraHeaders')) {
    if (rawValue === undefined || rawValue === null) continue;
    const value = checkHeader('extraHeaders', name, rawValue);
    const compiled = compileHeaderTemplate(name, value);
    if (compiled.references.some((reference) => redactor.isSensitiveHeader(reference)))
      sensitiveNames.push(name);
    // A secret header's own value (an X-Api-Key, a sensitiveHeaders value) is masked by value like the token.
    else if (compiled.literal !== undefined) literals[name] = value;
    headers.push(compiled);
  }
  return { headers, sensitiveNames, secretValues: headerSecrets(redactor, literals) };
}

/**
 * The validated config with every default of {@link CLIENT_DEFAULTS} (the only place defaults live) applied: a key
 * left out or set to `undefined` takes its default. `parsed` holds own properties only (a null-prototype copy).
 */
function withDefaults(parsed: ClientConfig) {
  // Null prototype: a key with no default and no value must read `undefined`, never a polluted Object.prototype.
  const merged: Record<string, unknown> = Object.assign(Object.create(null), CLIENT_DEFAULTS);
  for (const [key, value] of Object.entries(parsed)) if (value !== undefined) merged[key] = value;
  return merged as typeof CLIENT_DEFAULTS & Omit<ClientConfig, keyof typeof CLIENT_DEFAULTS>;
}

/**
 * Validate the config once, at construction (never on the request path), and apply every default. Bad input
 * throws a `ConfigError` naming the field before any I/O.
 */
export function resolveOptions(config: unknown): ResolvedOptions {
  const options = withDefaults(parseClientConfig(config));
  const { authHeader, accessToken: rawAccessToken, transport, verify, timeoutMs } = options;
  const accessToken =
    rawAccessToken === undefined ? undefined : normaliseToken(rawAccessToken, authHeader, 'accessToken');
  if (transport !== undefined && verify !== true) {
    throw new ConfigError(
      'verify cannot be changed when a transport is passed: configure TLS on that transport',
      { field: 'verify' },
    );
  }
  const configuredSensitive = [authHeader, ...options.sensitiveHeaders];
  const extra = compileExtraHeaders(
    options.extraHeaders,
    createRedactor({ sensitiveHeaders: configuredSensitive }),
  );
  const sensitiveHeaders = [...configuredSensitive, ...extra.sensitiveNames];
  // The raw spelling is masked too: a log line could quote the configured value before it was trimmed.
  const secrets = accessToken ? [accessToken, rawAccessToken!, ...extra.secretValues] : extra.secretValues;
  const baseUrl = new URL(String(options.baseUrl));
  return {
    ...options,
    authToken: options.authToken,
    totalTimeoutMs: options.totalTimeoutMs,
    transport,
    baseUrl,
    urlBuilder: new UrlBuilder(baseUrl, options.apiVersion),
    retryWaitMs: options.retryWait * 1000,
    retryCodes: new Set(options.retryCodes),
    accessToken,
    accessTokenExpiresAtMs: presetTokenExpiresAtMs(options.expiresIn),
    extraHeaders: extra.headers,
    sensitiveHeaders,
    // Deadlines become timers: capped at 2^31-1 ms so a huge value never overflows into "fire at once".
    timeoutMs: capToTimerLimit(timeoutMs),
    connectTimeoutMs: capToTimerLimit(Math.min(options.connectTimeoutMs, timeoutMs)),
    logger: resolveLogger(options.logger),
    // A null-prototype copy holding only hook names (see parseClientConfig): no polluted prototype supplies one.
    hooks: options.hooks ?? Object.create(null),
    // Looked up per call, not captured: fake timers or a `Math.random` spy installed after construction apply.
    clock: options.clock ?? (() => Date.now()),
    sleep: options.sleep ?? defaultSleep,
    random: options.random ?? (() => Math.random()),
    redactor: createRedactor({ sensitiveHeaders, secrets }),
  };
}

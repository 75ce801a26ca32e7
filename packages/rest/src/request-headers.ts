import { ConfigError, type Redactor } from '@meta/errors';
import { sealRequestHeaders } from '@meta/transport/adapter';
import type { HeadersInput } from './client-config.js';
import { checkHeader } from './header-rules.js';
import { type CompiledHeader, renderHeaderTemplate } from './header-template.js';
import { isPlainObject, ownCopy } from './own-property.js';

/** A header record as the client hands it to the transport: null prototype, so nothing inherited leaks in. */
export type HeaderRecord = Readonly<Record<string, string>>;

/** Options of {@link RequestHeaders}. */
export interface RequestHeadersOptions {
  /** `User-Agent` and `Accept`, the lowest layer. */
  readonly defaults: Readonly<Record<string, string>>;
  /** The configured auth header name (`Authorization`). */
  readonly authHeader: string;
  /** Compiled `extraHeaders`, merged last. */
  readonly extraHeaders: readonly CompiledHeader[];
}

/**
 * Per-call headers as callers pass them: a plain object, a `Headers` or a `Map`; `undefined` and `null` values
 * are dropped.
 */
export type CallHeaders = HeadersInput;

type HeaderEntry = readonly [name: string, value: unknown];

/**
 * The entries of headers given as a plain object (own properties only), a `Headers` or a `Map`. Both other
 * shapes are accepted everywhere (config and per call) rather than silently dropped; anything else is a
 * `ConfigError` naming `field`.
 */
export function headerInputEntries(input: unknown, field: string): readonly HeaderEntry[] {
  if (input === undefined || input === null) return [];
  // Copied first: a throwing getter or Proxy trap is a ConfigError naming the header (`headers.X-Id`).
  if (isPlainObject(input)) return Object.entries(ownCopy(input, field, `${field}.`));
  if (input instanceof Map)
    return [...input.entries()].map(([name, value]) => [String(name), value] as const);
  if (typeof Headers === 'function' && input instanceof Headers) return [...input.entries()];
  throw new ConfigError(`${field} must be a plain object, a Headers or a Map of header names to values`, {
    field,
  });
}

/**
 * Merges headers in the order of SPEC 3.8: defaults, auth header, per-call headers, extra headers; last wins,
 * names compared case-insensitively. Templates in extra headers see everything before them. Calls without
 * per-call headers reuse a cached record per (auth value, content type), so the hot path allocates nothing.
 */
export class RequestHeaders {
  readonly #options: RequestHeadersOptions;
  readonly #authLower: string;
  #cache = new Map<string, HeaderRecord>();
  #cachedAuthValue: string | undefined;

  constructor(options: RequestHeadersOptions) {
    this.#options = options;
    this.#authLower = options.authHeader.toLowerCase();
  }

  /** Headers the client sets only sometimes: a template copying one while it is absent is left out. */
  readonly #isOptional = (lowerName: string): boolean =>
    lowerName === this.#authLower || lowerName === 'content-type';

  /** The merged headers for one attempt. Throws `ConfigError` for bad per-call headers or missing template names. */
  build(
    authValue: string | undefined,
    contentType: string | undefined,
    callHeaders: CallHeaders | undefined,
  ): HeaderRecord {
    if (callHeaders === undefined) {
      if (authValue !== this.#cachedAuthValue) {
        this.#cache = new Map();
        this.#cachedAuthValue = authValue;
      }
      const key = contentType ?? '';
      let cached = this.#cache.get(key);
      if (cached === undefined) {
        // Sealed: checked once here by the transport's own rule, so no transport checks it per request.
        cached = sealRequestHeaders(this.#merge(authValue, contentType, undefined));
        this.#cache.set(key, cached);
      }
      return cached;
    }
    return this.#merge(authValue, contentType, callHeaders);
  }

  #merge(
    authValue: string | undefined,
    contentType: string | undefined,
    callHeaders: CallHeaders | undefined,
  ): HeaderRecord {
    // lowercase name -> [name as written, value]; the last writer's spelling is the one sent.
    const merged = new Map<string, [string, string]>();
    const { defaults, authHeader, extraHeaders } = this.#options;
    for (const name of Object.keys(defaults)) merged.set(name.toLowerCase(), [name, defaults[name]!]);
    if (contentType !== undefined) merged.set('content-type', ['Content-Type', contentType]);
    if (authValue !== undefined) merged.set(this.#authLower, [authHeader, authValue]);
    if (callHeaders !== undefined) {
      for (const [name, value] of headerInputEntries(callHeaders, 'headers')) {
        if (value === undefined || value === null) continue;
        merged.set(name.toLowerCase(), [name, checkHeader('headers', name, value)]);
      }
    }
    if (extraHeaders.length > 0) {
      const lookup = (lowerName: string): string | undefined => merged.get(lowerName)?.[1];
      // Rendered first, set after: every template sees the same headers, whatever their order.
      const rendered = extraHeaders.map((header) => renderHeaderTemplate(header, lookup, this.#isOptional));
      extraHeaders.forEach((header, index) => {
        const value = rendered[index];
        // A template copying an absent auth header or Content-Type is left out (see renderHeaderTemplate).
        if (value !== undefined) merged.set(header.lowerName, [header.name, value]);
      });
    }
    const record: Record<string, string> = Object.create(null);
    for (const [name, value] of merged.values()) record[name] = value;
    return record;
  }
}

/** Validate per-call headers before anything else happens (names, reserved names, CR/LF/NUL). */
export function validateCallHeaders(callHeaders: CallHeaders): void {
  for (const [name, value] of headerInputEntries(callHeaders, 'headers')) {
    if (value !== undefined && value !== null) checkHeader('headers', name, value);
  }
}

/**
 * The credentials that sensitive headers carry (an `X-Api-Key`, a `sensitiveHeaders` value), masked by value like
 * the token wherever a server echoes them ("invalid key ak-..."): each value after its scheme when there is one
 * (`Basic <credential>`). Values under 8 characters are flags (`true`, `basic`), not secrets: masking them would
 * garble every message.
 */
export function headerSecrets(redactor: Redactor, headers: Readonly<Record<string, string>>): string[] {
  return Object.keys(headers)
    .filter((name) => headers[name]!.length > 7 && redactor.isSensitiveHeader(name))
    .map((name) => headers[name]!.slice(headers[name]!.indexOf(' ') + 1));
}

/**
 * The redactor of an attempt whose headers the caller gave per call or a `beforeRequest` hook set: it also masks
 * their credentials by value (SPEC 5), for this attempt only.
 */
export const withHeaderSecrets = (redactor: Redactor, headers: HeaderRecord): Redactor =>
  redactor.extend({ secrets: headerSecrets(redactor, headers) });

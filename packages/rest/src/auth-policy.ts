import { AuthProviderError, type Redactor } from '@meta/errors';
import type { AuthTokenProvider } from './client-config.js';
import { FORBIDDEN_VALUE_CHARACTERS, hasForbiddenValueCharacter } from './header-rules.js';

/** Refresh this long before the token expires, as the Python client does. */
export const TOKEN_REFRESH_MARGIN_MS = 120_000;

/** Tokens that mean "send no auth header". */
const NO_TOKEN = new Set(['no_token', '']);

/** Options of {@link AuthPolicy}. */
export interface AuthPolicyOptions {
  readonly provider: AuthTokenProvider | undefined;
  readonly accessToken: string | undefined;
  /** Epoch milliseconds at which `accessToken` stops being used; `undefined` means never. */
  readonly accessTokenExpiresAtMs: number | undefined;
  /** `Bearer`: the header value is `<mode> <token>`. */
  readonly mode: string;
  readonly clock: () => number;
  /** The client's redactor before any token is known; token values are added to it. */
  readonly redactor: Redactor;
}

function providerError(message: string, cause?: unknown): AuthProviderError {
  return new AuthProviderError(message, cause === undefined ? {} : { cause });
}

/**
 * Token state for one client (never written back into the caller's config). Refreshes before an attempt when
 * there is no token or `now >= expiry - 120 s`, with ONE in-flight refresh shared by concurrent calls.
 */
export class AuthPolicy {
  static readonly policyName = 'auth';
  readonly #options: AuthPolicyOptions;
  #token: string | undefined;
  #previousToken: string | undefined;
  #expiresAtMs: number | undefined;
  #headerValue: string | undefined;
  #refreshing: Promise<void> | undefined;
  #redactor: Redactor;
  /** Bumped whenever the header value changes, so cached header records are rebuilt. */
  version = 0;

  constructor(options: AuthPolicyOptions) {
    this.#options = options;
    this.#redactor = options.redactor;
    if (options.accessToken !== undefined)
      this.#setToken(options.accessToken, options.accessTokenExpiresAtMs);
  }

  /** True when a provider is configured (so a 401 may force one refresh). */
  get hasProvider(): boolean {
    return this.#options.provider !== undefined;
  }

  /** The redactor that also masks every token this client has used. */
  get redactor(): Redactor {
    return this.#redactor;
  }

  /** True when the next attempt must wait for a refresh first. */
  needsRefresh(): boolean {
    if (this.#options.provider === undefined) return false;
    if (this.#token === undefined) return true;
    return (
      this.#expiresAtMs !== undefined && this.#options.clock() >= this.#expiresAtMs - TOKEN_REFRESH_MARGIN_MS
    );
  }

  /** The auth header value for the next attempt, or `undefined` to send none. */
  headerValue(): string | undefined {
    if (
      this.#options.provider === undefined &&
      this.#expiresAtMs !== undefined &&
      this.#headerValue !== undefined
    ) {
      // A preset token without a provider is used until it expires, then no longer sent (SPEC 3.1).
      if (this.#options.clock() >= this.#expiresAtMs) return undefined;
    }
    return this.#headerValue;
  }

  /** Start a refresh, or join the one in flight. Rejects with `AuthProviderError`; state is then unchanged. */
  refresh(): Promise<void> {
    this.#refreshing ??= this.#callProvider().finally(() => {
      this.#refreshing = undefined;
    });
    return this.#refreshing;
  }

  async #callProvider(): Promise<void> {
    const provider = this.#options.provider!;
    let result: unknown;
    try {
      result = await provider();
    } catch (error) {
      throw providerError('The auth token provider failed', error);
    }
    // `[token, expiry]` (or `[token]` for "no_token"): a longer array is another shape, not a tuple to trim.
    if (!Array.isArray(result) || result.length < 1 || result.length > 2 || typeof result[0] !== 'string') {
      throw providerError('The auth token provider must return [token, expiry]');
    }
    const token: string = result[0];
    if (hasForbiddenValueCharacter(token)) {
      throw providerError(`The auth token contains ${FORBIDDEN_VALUE_CHARACTERS}`);
    }
    this.#setToken(token, this.#expiryOf(token, result[1]));
  }

  #expiryOf(token: string, expiry: unknown): number | undefined {
    if (expiry === null || expiry === undefined) {
      if (NO_TOKEN.has(token)) return undefined;
      throw providerError('The auth token provider returned no expiry for a real token');
    }
    if (typeof expiry === 'number' && Number.isFinite(expiry) && expiry >= 0) {
      return this.#options.clock() + expiry * 1000;
    }
    if (expiry instanceof Date && Number.isFinite(expiry.getTime())) return expiry.getTime();
    throw providerError('The auth token expiry must be seconds from now (a number >= 0) or a valid Date');
  }

  #setToken(token: string, expiresAtMs: number | undefined): void {
    this.#token = token;
    this.#expiresAtMs = expiresAtMs;
    const mode = this.#options.mode;
    const headerValue = NO_TOKEN.has(token) ? undefined : mode ? `${mode} ${token}` : token;
    if (headerValue !== this.#headerValue) {
      this.#headerValue = headerValue;
      this.version++;
    }
    if (headerValue === undefined) return;
    // The previous token stays masked too: an error about an exchange that used it may still be in flight.
    const secrets = this.#previousToken === undefined ? [token] : [token, this.#previousToken];
    this.#redactor = this.#options.redactor.extend({ secrets });
    this.#previousToken = token;
  }
}

import { AuthProviderError, type Redactor } from '@meta/errors';
import type { AuthTokenProvider } from './client-config.js';
import { normaliseToken, providerTokenExpiresAtMs, tokenRefreshAtMs, tokenUse } from './token-rules.js';

/** Options of {@link TokenState}. */
export interface TokenStateOptions {
  readonly provider: AuthTokenProvider | undefined;
  readonly accessToken: string | undefined;
  /** Epoch milliseconds at which `accessToken` stops being used; `undefined` means never. */
  readonly accessTokenExpiresAtMs: number | undefined;
  /** `Bearer`: the header value is `<mode> <token>`. */
  readonly mode: string;
  /** The auth header's name, for error messages. */
  readonly authHeader: string;
  readonly clock: () => number;
  /** The client's redactor before any token is known; token values are added to it. */
  readonly redactor: Redactor;
}

/**
 * The token of one client (never written back into the caller's config): the current auth header value, when
 * to refresh it, and ONE in-flight provider call shared by every caller, planned or forced by a 401.
 */
export class TokenState {
  readonly #options: TokenStateOptions;
  #token: string | undefined;
  #previousToken: string | undefined;
  #expiresAtMs: number | undefined;
  #refreshAtMs: number | undefined;
  #headerValue: string | undefined;
  #refreshing: Promise<void> | undefined;
  #redactor: Redactor;

  constructor(options: TokenStateOptions) {
    this.#options = options;
    this.#redactor = options.redactor;
    if (options.accessToken !== undefined) {
      this.#setToken(options.accessToken, options.accessTokenExpiresAtMs, undefined);
    }
  }

  /** True when a provider is configured (so a 401 may force one refresh). */
  get hasProvider(): boolean {
    return this.#options.provider !== undefined;
  }

  /** The redactor that also masks every token this client has used. */
  get redactor(): Redactor {
    return this.#redactor;
  }

  /** True when the next attempt must wait for a refresh first: no token yet, or within the refresh margin. */
  needsRefresh(): boolean {
    if (this.#options.provider === undefined) return false;
    // An empty token means "no auth header this time" and is asked for again on the next call (SPEC 3.8 v2).
    if (this.#token === undefined || this.#token === '') return true;
    return this.#refreshAtMs !== undefined && this.#options.clock() >= this.#refreshAtMs;
  }

  /** The auth header value for the next attempt, or `undefined` to send none. */
  headerValue(): string | undefined {
    // A preset token without a provider is used until it expires, then no longer sent (SPEC 3.1).
    if (this.#options.provider === undefined && this.#expiresAtMs !== undefined) {
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

  /**
   * After a 401 for a request signed with `rejectedValue`: when the token changed since (another call refreshed
   * it, or the provider rotated it), resolve at once so the caller replays with the current one; else refresh,
   * joining a refresh already in flight. Five calls failing with one revoked token cost one provider call.
   */
  refreshAfterRejection(rejectedValue: string | undefined): Promise<void> {
    if (this.#refreshing !== undefined) return this.#refreshing;
    if (this.#headerValue !== rejectedValue) return Promise.resolve();
    return this.refresh();
  }

  async #callProvider(): Promise<void> {
    const provider = this.#options.provider!;
    let result: unknown;
    try {
      result = await provider();
    } catch (error) {
      // Rendered through the client's redactor: a provider's error often quotes the token it failed to renew.
      throw new AuthProviderError('The auth token provider failed', {
        cause: error,
        redactor: this.#redactor,
      });
    }
    // `[token, expiry]` (or `[token]` for "no_token"): a longer array is another shape, not a tuple to trim.
    if (!Array.isArray(result) || result.length < 1 || result.length > 2 || typeof result[0] !== 'string') {
      throw new AuthProviderError('The auth token provider must return [token, expiry]');
    }
    // Trimmed as sent, so the redactor knows exactly the value on the wire (issue 12.6).
    const token = normaliseToken(result[0], this.#options.authHeader, 'authToken');
    const nowMs = this.#options.clock();
    this.#setToken(token, providerTokenExpiresAtMs(token, result[1], nowMs), nowMs);
  }

  #setToken(token: string, expiresAtMs: number | undefined, fetchedAtMs: number | undefined): void {
    this.#token = token;
    this.#expiresAtMs = expiresAtMs;
    // A preset token (no fetch time) keeps the full 120 s margin; a fetched one min(120 s, half its lifetime).
    this.#refreshAtMs =
      expiresAtMs === undefined
        ? undefined
        : tokenRefreshAtMs(fetchedAtMs ?? expiresAtMs - 240_000, expiresAtMs);
    const mode = this.#options.mode;
    this.#headerValue = tokenUse(token) !== 'send' ? undefined : mode ? `${mode} ${token}` : token;
    if (this.#headerValue === undefined) return;
    // The previous token stays masked too: an error about an exchange that used it may still be in flight.
    const secrets = this.#previousToken === undefined ? [token] : [token, this.#previousToken];
    this.#redactor = this.#options.redactor.extend({ secrets });
    this.#previousToken = token;
  }
}

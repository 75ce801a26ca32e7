import { base64OfText } from './cursor.js';

/** 18 random bytes as base64url, from Web Crypto so the mock also runs in a browser. */
function randomToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(18));
  return btoa(String.fromCharCode(...bytes))
    .replaceAll('+', '-')
    .replaceAll('/', '_');
}

/** The mock's one user: OpenMetadata's default admin. The password travels base64-encoded, as OM expects. */
export const MOCK_CREDENTIALS = Object.freeze({ email: 'admin@open-metadata.org', password: 'admin' });

/** The body of `POST /api/v1/users/login`, as OpenMetadata answers it (`JwtResponse`). */
export interface LoginResponse {
  readonly tokenType: 'Bearer';
  readonly accessToken: string;
  /** Epoch milliseconds at which the token stops working. */
  readonly expiryDuration: number;
}

/** Why a request was refused: no token, a token the issuer never issued, or one past its expiry. */
export type TokenRejection = 'missing' | 'invalid' | 'expired';

/** Options of {@link TokenIssuer}. */
export interface TokenIssuerOptions {
  /** Epoch milliseconds. @default Date.now */
  readonly now?: () => number;
  /** How long an issued token lives, in seconds. @default 3600 */
  readonly lifetimeSeconds?: number;
}

/**
 * Issues bearer tokens with an expiry and checks them on every API request. `expireAll()` ends every token at
 * once, the way a server restart or a revoked session does, so a test can watch the client meet a 401.
 */
export class TokenIssuer {
  readonly #now: () => number;
  readonly #lifetimeMs: number;
  readonly #expiryOf = new Map<string, number>();

  constructor(options: TokenIssuerOptions = {}) {
    this.#now = options.now ?? Date.now;
    this.#lifetimeMs = (options.lifetimeSeconds ?? 3600) * 1000;
  }

  /** A new token for valid credentials (`password` base64-encoded), or `undefined`. */
  login(email: unknown, password: unknown): LoginResponse | undefined {
    const expected = base64OfText(MOCK_CREDENTIALS.password);
    if (email !== MOCK_CREDENTIALS.email || password !== expected) return undefined;
    const accessToken = `om-${randomToken()}`;
    const expiryDuration = this.#now() + this.#lifetimeMs;
    this.#expiryOf.set(accessToken, expiryDuration);
    return { tokenType: 'Bearer', accessToken, expiryDuration };
  }

  /** `undefined` when the `Authorization` header carries a live token, else why not. */
  check(authorization: string | null): TokenRejection | undefined {
    const token = authorization?.startsWith('Bearer ') ? authorization.slice('Bearer '.length) : undefined;
    if (!token) return 'missing';
    const expiry = this.#expiryOf.get(token);
    if (expiry === undefined) return 'invalid';
    return this.#now() >= expiry ? 'expired' : undefined;
  }

  /** End every token issued so far, now. */
  expireAll(): void {
    const now = this.#now();
    for (const token of this.#expiryOf.keys()) this.#expiryOf.set(token, now);
  }

  /** How many tokens were issued. */
  get issuedCount(): number {
    return this.#expiryOf.size;
  }

  /** Every token issued, for a redactor's `secrets`. */
  get issuedTokens(): string[] {
    return [...this.#expiryOf.keys()];
  }
}

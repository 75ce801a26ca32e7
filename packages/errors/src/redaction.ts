/**
 * The one redaction policy of @meta (SPEC section 5). Transports, the REST client, every error class, every log
 * line and the testing transport's recordings go through a {@link Redactor}, so a secret is masked the same way
 * wherever it could surface. Every function here runs in linear time on its input: no regular expression with
 * nested quantifiers, and secret values are replaced with `split`/`join`.
 */

/** The mask that replaces a secret. */
export const REDACTED = '****';

/** Header names that are always sensitive, lowercase. */
export const DEFAULT_SENSITIVE_HEADERS: readonly string[] = Object.freeze([
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
]);

/**
 * Query parameter names that are sensitive: compared after lowercasing and dropping `-`, `_` and `.`, so
 * `access_token`, `Access-Token` and `accessToken` all match `accesstoken`. A name also matches when it ends
 * with one of {@link SENSITIVE_QUERY_SUFFIXES} (`id_token`, `x-amz-signature`, `clientSecret`).
 */
export const SENSITIVE_QUERY_NAMES: readonly string[] = Object.freeze([
  'token',
  'accesstoken',
  'refreshtoken',
  'idtoken',
  'clientsecret',
  'secret',
  'password',
  'passwd',
  'pwd',
  'apikey',
  'key',
  'signature',
  'sig',
  'auth',
  'authorization',
  'credential',
  'credentials',
  'jwt',
  'session',
  'sessionid',
]);

/** Suffixes that make a query parameter name sensitive (after the same normalisation). */
export const SENSITIVE_QUERY_SUFFIXES: readonly string[] = Object.freeze([
  'token',
  'secret',
  'password',
  'apikey',
  'signature',
  'credential',
]);

/** Options of {@link createRedactor}. */
export interface RedactorOptions {
  /**
   * Extra header names to treat as sensitive (case-insensitive), on top of {@link DEFAULT_SENSITIVE_HEADERS}:
   * the configured auth header and every header templated from a sensitive one.
   * @default []
   */
  readonly sensitiveHeaders?: Iterable<string>;
  /**
   * Secret values (tokens, passwords) replaced by {@link REDACTED} wherever they appear in text. Values shorter
   * than 4 characters are ignored: masking `a` everywhere would destroy messages without protecting anything.
   * @default []
   */
  readonly secrets?: Iterable<string>;
}

/** A plain header record, as errors, logs and recordings store them. */
export type HeaderRecord = Record<string, string>;

/** Something that can be read as headers: a record, a `Headers`-like object, or name/value pairs. */
export type HeadersLike =
  | Readonly<Record<string, string | number | boolean | readonly string[] | undefined | null>>
  | Iterable<readonly [string, string]>
  | { forEach(callback: (value: string, name: string) => void): void };

/** Masks secrets in headers, URLs and free text. Create one per client; it is cheap and immutable. */
export interface Redactor {
  /** True when a header of this name is sensitive (case-insensitive). */
  isSensitiveHeader(name: string): boolean;
  /** A new plain record (names as given) with every sensitive value masked and secret values masked. */
  headers(headers: HeadersLike | undefined): HeaderRecord;
  /** One header value: masked when the name is sensitive (scheme kept), else secrets masked by value. */
  headerValue(name: string, value: string): string;
  /** The URL with userinfo and sensitive query values masked; unparseable input is treated as text. */
  url(url: string | URL): string;
  /** The text with every known secret value masked. */
  text(text: string): string;
  /** A deep copy of a JSON-like value with secret values masked in every string and sensitive keys masked. */
  value<T>(value: T): T;
  /** A redactor that also masks these header names and secret values. */
  extend(options: RedactorOptions): Redactor;
}

// RFC 9110 auth-scheme token followed by whitespace: keep `Bearer`, mask the credentials.
const AUTH_SCHEME = /^([A-Za-z][A-Za-z0-9!#$%&'*+.^_`|~-]{0,63})[ \t]+\S/;

/** Normalise a query parameter or object key name for the sensitive-name check. */
function normaliseName(name: string): string {
  let normalised = '';
  for (let index = 0; index < name.length && index < 256; index++) {
    const character = name[index]!;
    if (character === '-' || character === '_' || character === '.') continue;
    normalised += character.toLowerCase();
  }
  return normalised;
}

/** True when a query parameter (or JSON key) of this name carries a secret. */
export function isSensitiveParameterName(name: string): boolean {
  const normalised = normaliseName(name);
  if (SENSITIVE_QUERY_NAMES.includes(normalised)) return true;
  return SENSITIVE_QUERY_SUFFIXES.some((suffix) => normalised.endsWith(suffix));
}

/** Mask an auth-like header value, keeping only its scheme: `Bearer abc` -> `Bearer ****`. */
export function maskCredentials(value: string): string {
  const match = AUTH_SCHEME.exec(value);
  return match ? `${match[1]} ${REDACTED}` : REDACTED;
}

function entriesOf(headers: HeadersLike): Array<[string, string]> {
  const entries: Array<[string, string]> = [];
  if (typeof (headers as { forEach?: unknown }).forEach === 'function' && !Array.isArray(headers)) {
    (headers as { forEach(callback: (value: string, name: string) => void): void }).forEach((value, name) => {
      entries.push([name, String(value)]);
    });
    return entries;
  }
  if (typeof (headers as Iterable<unknown>)[Symbol.iterator] === 'function') {
    for (const pair of headers as Iterable<readonly [string, string]>)
      entries.push([String(pair[0]), String(pair[1])]);
    return entries;
  }
  for (const name of Object.keys(headers)) {
    const value = (headers as Record<string, unknown>)[name];
    if (value === undefined || value === null) continue;
    entries.push([name, Array.isArray(value) ? value.map(String).join(', ') : String(value)]);
  }
  return entries;
}

class SecretRedactor implements Redactor {
  readonly #sensitiveHeaders: ReadonlySet<string>;
  readonly #secrets: readonly string[];

  constructor(sensitiveHeaders: ReadonlySet<string>, secrets: readonly string[]) {
    this.#sensitiveHeaders = sensitiveHeaders;
    this.#secrets = secrets;
  }

  isSensitiveHeader(name: string): boolean {
    return this.#sensitiveHeaders.has(name.toLowerCase());
  }

  headers(headers: HeadersLike | undefined): HeaderRecord {
    const record: HeaderRecord = {};
    if (!headers) return record;
    for (const [name, value] of entriesOf(headers)) {
      const previous = record[name];
      const masked = this.headerValue(name, value);
      record[name] = previous === undefined ? masked : `${previous}, ${masked}`;
    }
    return record;
  }

  headerValue(name: string, value: string): string {
    if (this.isSensitiveHeader(name)) return maskCredentials(value);
    return this.text(value);
  }

  url(url: string | URL): string {
    const text = typeof url === 'string' ? url : url.href;
    let parsed: URL;
    try {
      parsed = new URL(text);
    } catch {
      return this.text(text);
    }
    if (parsed.username || parsed.password) {
      parsed.username = REDACTED;
      parsed.password = '';
    }
    if (parsed.search) {
      // Rebuild the query by hand: URLSearchParams re-encodes every pair and would change what the user sees.
      const pairs = parsed.search.slice(1).split('&');
      let changed = false;
      for (let index = 0; index < pairs.length; index++) {
        const pair = pairs[index]!;
        const equals = pair.indexOf('=');
        const rawName = equals === -1 ? pair : pair.slice(0, equals);
        let name = rawName;
        try {
          name = decodeURIComponent(rawName);
        } catch {
          // A malformed escape is still checked by its raw spelling.
        }
        if (equals !== -1 && isSensitiveParameterName(name)) {
          pairs[index] = `${rawName}=${REDACTED}`;
          changed = true;
        }
      }
      if (changed) parsed.search = `?${pairs.join('&')}`;
    }
    return this.text(parsed.href);
  }

  text(text: string): string {
    let result = text;
    for (const secret of this.#secrets) {
      if (result.includes(secret)) result = result.split(secret).join(REDACTED);
      // Secrets also travel percent-encoded inside URLs and query strings.
      const encoded = encodeURIComponent(secret);
      if (encoded !== secret && result.includes(encoded)) result = result.split(encoded).join(REDACTED);
    }
    return result;
  }

  value<T>(value: T): T {
    return this.#redactValue(value, 0) as T;
  }

  #redactValue(value: unknown, depth: number): unknown {
    if (typeof value === 'string') return this.text(value);
    if (value === null || typeof value !== 'object' || depth > 32) return value;
    if (Array.isArray(value)) return value.map((item) => this.#redactValue(item, depth + 1));
    const prototype = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== null) return value;
    const copy: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      const item = (value as Record<string, unknown>)[key];
      const sensitive =
        typeof item === 'string' && (isSensitiveParameterName(key) || this.isSensitiveHeader(key));
      // defineProperty, not assignment: a `__proto__` key in a parsed body must stay a plain key.
      Object.defineProperty(copy, key, {
        value: sensitive ? REDACTED : this.#redactValue(item, depth + 1),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return copy;
  }

  extend(options: RedactorOptions): Redactor {
    return createRedactor({
      sensitiveHeaders: [...this.#sensitiveHeaders, ...(options.sensitiveHeaders ?? [])],
      secrets: [...this.#secrets, ...(options.secrets ?? [])],
    });
  }
}

/**
 * Create the redactor for one client or one error.
 *
 * @example
 * ```ts
 * const redactor = createRedactor({ sensitiveHeaders: ['X-Api-Key'], secrets: [token] });
 * redactor.headers({ Authorization: `Bearer ${token}` }); // { Authorization: 'Bearer ****' }
 * redactor.url('https://user:pw@host/api?token=abc');      // 'https://****@host/api?token=****'
 * ```
 */
export function createRedactor(options: RedactorOptions = {}): Redactor {
  const sensitiveHeaders = new Set(DEFAULT_SENSITIVE_HEADERS);
  for (const name of options.sensitiveHeaders ?? []) sensitiveHeaders.add(String(name).toLowerCase());
  const secrets = new Set<string>();
  for (const secret of options.secrets ?? []) {
    if (typeof secret === 'string' && secret.length >= 4) secrets.add(secret);
  }
  // Longest first, so a secret that contains a shorter one is masked whole.
  const ordered = [...secrets].sort((left, right) => right.length - left.length);
  return new SecretRedactor(sensitiveHeaders, ordered);
}

/** The redactor with only the default policy (no configured names or secret values). */
export const defaultRedactor: Redactor = createRedactor();

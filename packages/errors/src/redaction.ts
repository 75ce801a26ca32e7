/**
 * The one redaction policy of @meta (SPEC section 5). Transports, the REST client, every error class, every log
 * line and the testing transport's recordings go through a {@link Redactor}, so a secret is masked the same way
 * wherever it could surface. Every method runs in linear time on its input (no regular expression with nested
 * quantifiers; secret values are replaced with `split`/`join`) and never throws, whatever it is handed.
 */
import { maskEmbeddedCredentials, maskQueryPairs } from './embedded-credentials.js';
import { headerEntries, safeString } from './header-entries.js';
import {
  DEFAULT_SENSITIVE_HEADERS,
  hasSensitiveHeaderNamePart,
  maskCredentials,
  REDACTED,
} from './sensitive-names.js';
import { redactValue } from './value-redaction.js';

/** Options of {@link createRedactor}. */
export interface RedactorOptions {
  /**
   * Extra header names to treat as sensitive (case-insensitive), on top of the defaults (`Authorization`,
   * `Proxy-Authorization`, `Cookie`, `Set-Cookie`, and every name containing `token`, `secret`, `password`,
   * `api-key`, `apikey`, `session` or `auth`): the configured auth header, every header templated from a
   * sensitive one, a client's `sensitiveHeaders`. A single string is one name.
   * @default []
   */
  readonly sensitiveHeaders?: Iterable<string> | undefined;
  /**
   * Secret values (tokens, passwords) replaced by `****` wherever they appear in text, also in their
   * percent-encoded and form-encoded spellings. Values shorter than 4 characters are ignored: masking `a`
   * everywhere would destroy messages without protecting anything. A single string is one secret.
   * @default []
   */
  readonly secrets?: Iterable<string> | undefined;
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
  /** The URL with userinfo and sensitive query (and fragment) values masked; unparseable input is treated as text. */
  url(url: string | URL): string;
  /**
   * The text with every known secret value masked, plus credentials embedded in it: URL userinfo and the values
   * of sensitive `name=value` pairs.
   */
  text(text: string): string;
  /** A deep copy of a JSON-like value with secret values masked in every string and sensitive keys masked. */
  value<T>(value: T): T;
  /** A redactor that also masks these header names and secret values. */
  extend(options: RedactorOptions): Redactor;
}

// A secret shorter than this is ignored (see RedactorOptions.secrets).
const MIN_SECRET_CHARACTERS = 4;

/**
 * The spellings a secret travels in: as is, percent-encoded (either hex case), form-encoded, and escaped inside
 * a JSON string a server echoes (`\"` and `\\`, and `\/` as PHP writes it). Not `\u00e9` escapes of non-ASCII
 * secrets (Python's `ensure_ascii`): see the README.
 */
function spellingsOf(secret: string): string[] {
  const json = JSON.stringify(secret).slice(1, -1);
  const spellings = [secret, json, json.replaceAll('/', '\\/')];
  try {
    const encoded = encodeURIComponent(secret);
    spellings.push(
      encoded,
      encoded.replace(/%[0-9A-F]{2}/g, (percentEscape) => percentEscape.toLowerCase()),
    );
    spellings.push(new URLSearchParams([['', secret]]).toString().slice(1));
  } catch {
    // A lone surrogate cannot be encoded, so it cannot travel encoded either.
  }
  return spellings;
}

class SecretRedactor implements Redactor {
  readonly #sensitiveHeaders: ReadonlySet<string>;
  readonly #secrets: readonly string[];
  readonly #spellings: readonly string[];

  constructor(sensitiveHeaders: ReadonlySet<string>, secrets: readonly string[]) {
    this.#sensitiveHeaders = sensitiveHeaders;
    this.#secrets = secrets;
    const spellings = new Set(secrets.flatMap(spellingsOf));
    // Longest first, so a secret that contains a shorter one is masked whole.
    this.#spellings = [...spellings].sort((left, right) => right.length - left.length);
  }

  isSensitiveHeader(name: string): boolean {
    const lowerName = safeString(name).trim().toLowerCase();
    return this.#sensitiveHeaders.has(lowerName) || hasSensitiveHeaderNamePart(lowerName);
  }

  headers(headers: HeadersLike | undefined): HeaderRecord {
    const record: HeaderRecord = {};
    for (const [name, value] of headerEntries(headers)) {
      const masked = this.headerValue(name, value);
      const previous = Object.hasOwn(record, name) ? record[name] : undefined;
      // defineProperty, not assignment: a header named `__proto__` must stay a plain key.
      Object.defineProperty(record, name, {
        value: previous === undefined ? masked : `${previous}, ${masked}`,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return record;
  }

  headerValue(name: string, value: string): string {
    const text = safeString(value);
    // The scheme is kept, but a scheme that happens to be a known secret is still masked.
    if (this.isSensitiveHeader(name)) return this.text(maskCredentials(text));
    return this.text(text);
  }

  url(url: string | URL): string {
    let text: string;
    try {
      text = typeof url === 'string' ? url : url instanceof URL ? url.href : safeString(url);
    } catch {
      return REDACTED;
    }
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
    // Rebuilt by hand: URLSearchParams re-encodes every pair and would change what the user sees.
    const search = maskQueryPairs(parsed.search.slice(1));
    if (search !== parsed.search.slice(1)) parsed.search = search;
    const hash = maskQueryPairs(parsed.hash.slice(1));
    if (hash !== parsed.hash.slice(1)) parsed.hash = hash;
    return this.text(parsed.href);
  }

  text(text: string): string {
    let result = safeString(text);
    for (const spelling of this.#spellings) {
      if (result.includes(spelling)) result = result.split(spelling).join(REDACTED);
    }
    return maskEmbeddedCredentials(result);
  }

  value<T>(value: T): T {
    return redactValue(value, this) as T;
  }

  extend(options: RedactorOptions): Redactor {
    const more = ownOptions(options);
    const names = stringsOf(more.sensitiveHeaders);
    // Secrets it already masks add nothing: extending with them (a client's token, per attempt) returns this one.
    const secrets = stringsOf(more.secrets).filter((secret) => !this.#secrets.includes(secret));
    if (names.length === 0 && secrets.length === 0) return this;
    return createRedactor({
      sensitiveHeaders: [...this.#sensitiveHeaders, ...names],
      secrets: [...this.#secrets, ...secrets],
    });
  }
}

/**
 * The options' own properties only (null prototype): a polluted `Object.prototype.secrets` or `.sensitiveHeaders`
 * never joins a redactor.
 */
const ownOptions = (options: RedactorOptions | undefined): RedactorOptions =>
  ({ __proto__: null, ...options }) as RedactorOptions;

/** The strings in an option that should be an iterable of strings; a lone string counts as one. */
function stringsOf(values: unknown): string[] {
  if (typeof values === 'string') return [values];
  const strings: string[] = [];
  if (typeof values !== 'object' || values === null) return strings;
  try {
    for (const value of values as Iterable<unknown>) if (typeof value === 'string') strings.push(value);
  } catch {
    // Not iterable (or throws half-way): keep what was read.
  }
  return strings;
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
  const resolved = ownOptions(options);
  const sensitiveHeaders = new Set(DEFAULT_SENSITIVE_HEADERS);
  for (const name of stringsOf(resolved.sensitiveHeaders)) sensitiveHeaders.add(name.trim().toLowerCase());
  const secrets = new Set(
    stringsOf(resolved.secrets).filter((secret) => secret.length >= MIN_SECRET_CHARACTERS),
  );
  return new SecretRedactor(sensitiveHeaders, [...secrets]);
}

/**
 * The options' own `redactor`, else one built from them. Own properties only: a `redactor` planted on
 * `Object.prototype` must never switch masking off for every error built afterwards.
 */
export function redactorOf(
  options: RedactorOptions & { readonly redactor?: Redactor | undefined },
): Redactor {
  return (ownOptions(options) as typeof options).redactor ?? createRedactor(options);
}

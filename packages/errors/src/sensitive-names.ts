/**
 * Which header and parameter names carry secrets (SPEC section 5), and how an auth-like value is masked. Kept
 * apart from the redactor so the policy reads as a list, not as code.
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

// Names longer than this are not parameter names anyone chose; capping keeps every check O(1) per name.
const MAX_NAME_CHARACTERS = 256;

/**
 * Query parameter (and JSON key) names that are sensitive, compared after lowercasing and dropping `-`, `_` and
 * `.`, so `access_token`, `Access-Token` and `accessToken` all match: the whole name is one of the first group
 * (`pwd`, `sig`, `session_id`), or it ends with one of the second (`token`, `secret`, `password`, `apikey`,
 * `signature`, `credential`: `id_token`, `x-amz-signature`, `clientSecret`). Both groups anchored, no nested
 * quantifier: linear on the capped name.
 */
const SENSITIVE_PARAMETER_NAME =
  /^(?:clientassertion|passwd|passphrase|pwd|(?:private)?key|sig|auth(?:orization)?|credentials|jwt|session(?:id)?)$|(?:token|secret|password|apikey|signature|credential)$/;

/**
 * Parts that make any header name sensitive (SPEC 5 v2), matched case-insensitively anywhere in the name:
 * `X-Api-Key`, `X-Auth-Token`, `X-Session-Id`, `Client-Secret` (`token`, `secret`, `password`, `api-key`,
 * `apikey`, `session`, `auth`). Broad on purpose: masking a harmless header costs a less useful log line,
 * missing a secret one leaks a credential.
 */
const SENSITIVE_HEADER_NAME_PART =
  /token|secret|passw(?:or)?d|api[-_]?key|(?:access|private)[-_]?key|session|auth|cookie|credential|signature/;

/** True when a lowercase header name contains one of the sensitive parts (`token`, `auth`, ...). */
export function hasSensitiveHeaderNamePart(lowerName: string): boolean {
  // The whole name, however long: a part past any cap (`X-<300 characters>-Token`) would otherwise go unmasked.
  // Alternatives of literals without nested quantifiers: one call is linear in the name's length.
  return SENSITIVE_HEADER_NAME_PART.test(lowerName);
}

/**
 * Normalise a query parameter or object key name for the sensitive-name check: its LAST characters, because
 * the suffix rules (`...token`) decide a long name, as in the free-text scanner, which reads names backwards.
 */
function normaliseName(name: string): string {
  let normalised = '';
  for (let index = Math.max(0, name.length - MAX_NAME_CHARACTERS); index < name.length; index++) {
    const character = name[index]!;
    if (character === '-' || character === '_' || character === '.') continue;
    normalised += character.toLowerCase();
  }
  return normalised;
}

/**
 * True when a query parameter (or JSON key) of this name carries a secret.
 *
 * @example
 * ```ts
 * isSensitiveParameterName('X-Amz-Signature'); // true
 * isSensitiveParameterName('limit'); // false
 * ```
 */
export function isSensitiveParameterName(name: string): boolean {
  // No sensitive name is shorter than three characters; hostile queries are mostly short names like `a`.
  if (typeof name !== 'string' || name.length < 3) return false;
  return SENSITIVE_PARAMETER_NAME.test(normaliseName(name));
}

// RFC 9110 auth-scheme token followed by whitespace: keep `Bearer`, mask the credentials. The token is bounded
// and anchored, so the match is linear however hostile the value.
const AUTH_SCHEME = /^([A-Za-z][A-Za-z0-9!#$%&'*+.^_`|~-]{0,63})[ \t]+\S/;

/**
 * Mask an auth-like header value, keeping only its scheme: `Bearer abc` -> `Bearer ****`; a value without a
 * scheme (a bare API key, a cookie) becomes `****`.
 */
export function maskCredentials(value: string): string {
  const match = AUTH_SCHEME.exec(String(value));
  return match ? `${match[1]} ${REDACTED}` : REDACTED;
}

// RFC 9110 tchar: ALPHA / DIGIT / "!#$%&'*+-.^_`|~", as a lookup table so the check is one pass, no regex. The
// table is filled once from a character class (`\w` is ALPHA / DIGIT / "_"): 48 bytes less in a browser bundle
// (min+gzip) than the spelled-out alphabet.
const TOKEN_CHARACTERS = new Uint8Array(128);
for (let code = 0; code < 128; code++) {
  if (/[\w!#$%&'*+.^`|~-]/.test(String.fromCharCode(code))) TOKEN_CHARACTERS[code] = 1;
}

/** True when `name` is a non-empty RFC 9110 token: what a method or a header name must be. */
export function isHeaderToken(name: string): boolean {
  if (name.length === 0) return false;
  for (let index = 0; index < name.length; index++) {
    const code = name.charCodeAt(index);
    if (code >= 128 || TOKEN_CHARACTERS[code] !== 1) return false;
  }
  return true;
}

/** What {@link hasForbiddenValueCharacter} refuses, for error messages (never the value itself). */
export const FORBIDDEN_VALUE_CHARACTERS =
  'CR, LF, NUL, another control character or a character above U+00FF';

/**
 * True when `value` cannot go on the wire as an RFC 9110 field value: CR, LF or NUL (which would split or
 * truncate the header), another control character but HTAB, DEL, or a character above U+00FF (not a byte, so
 * fetch throws a bare `TypeError` and undici sends something else than what was asked).
 */
export function hasForbiddenValueCharacter(value: string): boolean {
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index);
    if ((code < 0x20 && code !== 0x09) || code === 0x7f || code > 0xff) return true;
  }
  return false;
}

/**
 * Request headers no transport can honour: `Expect` asks the client to wait for `100 Continue` before sending
 * the body, which neither fetch nor undici's request API does (undici refuses it with `UND_ERR_NOT_SUPPORTED`
 * after choosing a connection, as a retryable-looking `NetworkError`). Lowercase names.
 */
export const UNSENDABLE_HEADER_NAMES: ReadonlySet<string> = new Set(['expect']);

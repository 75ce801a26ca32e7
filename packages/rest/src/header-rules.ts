import { ConfigError } from '@meta/errors';
import { PROTOTYPE_KEYS } from './own-property.js';

/** A header value as callers may give it: numbers and booleans become strings. */
export type HeaderValue = string | number | boolean;

/**
 * Headers the client or the transport owns. Setting them by hand would let a caller desynchronise framing
 * (`Content-Length`, `Transfer-Encoding`) or the connection (`Connection`, `Upgrade`), so they are refused.
 */
export const FORBIDDEN_HEADER_NAMES: ReadonlySet<string> = new Set([
  'host',
  'content-length',
  'transfer-encoding',
  'connection',
  'keep-alive',
  'upgrade',
  'te',
  'trailer',
]);

// RFC 9110 tchar: ALPHA / DIGIT / "!#$%&'*+-.^_`|~", as a lookup table so the check is one pass, no regex.
const TOKEN_CHARACTERS = new Uint8Array(128);
for (const character of "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ") {
  TOKEN_CHARACTERS[character.charCodeAt(0)] = 1;
}

/** True when `name` is a non-empty RFC 9110 token. */
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
 * True when the value cannot go on the wire as an RFC 9110 field value: CR, LF or NUL (which would split or
 * truncate the header), another control character but HTAB, DEL, or a character above U+00FF. Transports refuse
 * those too, but only after a connection was chosen and as a `NetworkError` that looks retryable.
 */
export function hasForbiddenValueCharacter(value: string): boolean {
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index);
    if ((code < 0x20 && code !== 0x09) || code === 0x7f || code > 0xff) return true;
  }
  return false;
}

/**
 * Validate one caller-supplied header and return its value as a string. `fieldPrefix` is the config key or
 * argument (`extraHeaders`, `headers`), so the error names `headers.X-Id`. Messages never quote the value.
 */
export function checkHeader(
  fieldPrefix: string,
  name: string,
  value: unknown,
  allowReserved = false,
): string {
  const field = `${fieldPrefix}.${name}`;
  if (PROTOTYPE_KEYS.has(name)) {
    throw new ConfigError(`Header name "${name}" is not allowed in ${fieldPrefix}`, { field });
  }
  if (!isHeaderToken(name)) {
    throw new ConfigError(`Header name ${JSON.stringify(name)} in ${fieldPrefix} is not an RFC 9110 token`, {
      field,
    });
  }
  if (name.length === 6 && name.toLowerCase() === 'expect') {
    // No transport can send it: undici refuses `Expect`, fetch drops it, and a 100-continue wait would stall.
    throw new ConfigError(`Header ${name} cannot be sent by any transport; remove it from ${fieldPrefix}`, {
      field,
    });
  }
  if (!allowReserved && FORBIDDEN_HEADER_NAMES.has(name.toLowerCase())) {
    throw new ConfigError(`Header ${name} is managed by the client and cannot be set in ${fieldPrefix}`, {
      field,
    });
  }
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
    throw new ConfigError(`Header ${name} in ${fieldPrefix} must be a string, number or boolean`, { field });
  }
  const text = String(value);
  if (hasForbiddenValueCharacter(text)) {
    throw new ConfigError(`Header ${name} in ${fieldPrefix} contains ${FORBIDDEN_VALUE_CHARACTERS}`, {
      field,
    });
  }
  return text;
}

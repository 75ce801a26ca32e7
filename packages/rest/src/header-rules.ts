import { ConfigError } from '@meta/errors';
import {
  FORBIDDEN_VALUE_CHARACTERS,
  hasForbiddenValueCharacter,
  isHeaderToken,
  UNSENDABLE_HEADER_NAMES,
} from '@meta/transport/adapter';
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

// One home for the header name and value rules, shared with every transport (the adapter subpath).
export { FORBIDDEN_VALUE_CHARACTERS, hasForbiddenValueCharacter, isHeaderToken };

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
  if (!isHeaderToken(name)) {
    // A whole header line pasted as a name (`'Authorization: Bearer eyJ...'`, `'Cookie:sid=abc'`: a colon, a
    // control character such as an injected CR/LF, or a long name) is named only up to its first character that
    // is not a token character, so its value never reaches the message or `field`; any other bad name (`Bad
    // Name`) is named whole.
    const shown =
      /[\0-\x1f:\x7f]/.test(name) || name.length > 64 ? `${/^[\w!#$%&'*+.^`|~-]*/.exec(name)![0]}...` : name;
    throw new ConfigError(`Header name ${JSON.stringify(shown)} in ${fieldPrefix} is not an RFC 9110 token`, {
      field: `${fieldPrefix}.${shown}`,
    });
  }
  const field = `${fieldPrefix}.${name}`;
  if (PROTOTYPE_KEYS.has(name)) {
    throw new ConfigError(`Header name "${name}" is not allowed in ${fieldPrefix}`, { field });
  }
  if (UNSENDABLE_HEADER_NAMES.has(name.toLowerCase())) {
    // No transport can send it (`Expect`): undici refuses it after choosing a connection, fetch drops it.
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

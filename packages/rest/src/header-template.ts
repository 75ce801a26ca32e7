import { ConfigError } from '@meta/errors';
import { isHeaderToken } from './header-rules.js';
import { PROTOTYPE_KEYS } from './own-property.js';

/** A reference to another header inside an extra-header template: `%(Name)s`. */
interface TemplateReference {
  /** The name as written, for error messages. */
  readonly name: string;
  /** The lowercase name used for the case-insensitive lookup. */
  readonly lowerName: string;
}

/**
 * An extra header compiled once at construction. `parts` alternates literal text and references; a header with
 * no reference keeps its final value in `literal` so the hot path does no work for it.
 */
export interface CompiledHeader {
  readonly name: string;
  readonly lowerName: string;
  readonly literal: string | undefined;
  readonly parts: readonly (string | TemplateReference)[];
  /** Lowercase names of the headers this template reads. */
  readonly references: readonly string[];
}

function templateError(headerName: string, reason: string): ConfigError {
  return new ConfigError(`Header template in extraHeaders.${headerName} ${reason}`, {
    field: `extraHeaders.${headerName}`,
  });
}

/**
 * Compile one extra-header value. `%%` is a literal `%`, `%(Name)s` a reference; any other `%` is a
 * `ConfigError` naming the header (never quoting the value, which may be a secret).
 */
export function compileHeaderTemplate(name: string, value: string): CompiledHeader {
  const lowerName = name.toLowerCase();
  if (!value.includes('%')) return { name, lowerName, literal: value, parts: [value], references: [] };
  const parts: (string | TemplateReference)[] = [];
  const references: string[] = [];
  let text = '';
  let index = 0;
  while (index < value.length) {
    const percent = value.indexOf('%', index);
    if (percent === -1) {
      text += value.slice(index);
      break;
    }
    text += value.slice(index, percent);
    const next = value[percent + 1];
    if (next === '%') {
      text += '%';
      index = percent + 2;
      continue;
    }
    const close = next === '(' ? value.indexOf(')', percent + 2) : -1;
    if (close === -1 || value[close + 1] !== 's') {
      throw templateError(name, 'has a "%" that is neither "%%" nor "%(Name)s"');
    }
    const reference = value.slice(percent + 2, close);
    // The reference is named only when it is a real header name: anything else may be a piece of a secret.
    if (!isHeaderToken(reference))
      throw templateError(name, 'refers to a name that is not an RFC 9110 token');
    if (PROTOTYPE_KEYS.has(reference)) {
      throw templateError(name, `refers to "${reference}", which is not allowed as a header name`);
    }
    if (text) parts.push(text);
    text = '';
    parts.push({ name: reference, lowerName: reference.toLowerCase() });
    references.push(reference.toLowerCase());
    index = close + 2;
  }
  if (text) parts.push(text);
  const literal = references.length === 0 ? parts.join('') : undefined;
  return { name, lowerName, literal, parts, references };
}

/**
 * Render a compiled header against the headers merged so far. `lookup` takes a lowercase name. Single pass:
 * a substituted value is never expanded again, so `%(A)s` inside header A's value stays literal.
 *
 * A name absent from this request is a `ConfigError` naming it, before anything is sent (SPEC 3.4), except the
 * headers the client itself sets only sometimes (`optional`: the auth header, absent before any token or with
 * `"no_token"`, and `Content-Type`, absent without a body): copying one of those while it is absent leaves the
 * templated header out of that request (`Proxy-Authorization: %(Authorization)s`), because a config that was
 * accepted must not fail every call for a state the caller cannot control, and a half-filled value would be
 * wrong on the wire.
 */
export function renderHeaderTemplate(
  header: CompiledHeader,
  lookup: (lowerName: string) => string | undefined,
  optional: (lowerName: string) => boolean,
): string | undefined {
  if (header.literal !== undefined) return header.literal;
  let result = '';
  for (const part of header.parts) {
    if (typeof part === 'string') {
      result += part;
      continue;
    }
    const value = lookup(part.lowerName);
    if (value !== undefined) result += value;
    else if (optional(part.lowerName)) return undefined;
    else throw templateError(header.name, `names ${part.name}, absent from this request`);
  }
  return result;
}

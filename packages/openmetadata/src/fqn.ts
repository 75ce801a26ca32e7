import { ConfigError } from '@meta/errors';

const SEPARATOR = '.';
const QUOTE = '"';
const LINE_TERMINATOR = /[\n\r\u0085\u2028\u2029]/;

function invalidName(name: string, reason: string): ConfigError {
  return new ConfigError(`Invalid OpenMetadata name ${JSON.stringify(name)}: ${reason}`, { field: 'name' });
}

/**
 * Quote one name for use as an FQN part, with OpenMetadata's rule (Java `FullyQualifiedName.quoteName`, Python
 * `fqn.quote_name`): a name containing `.` is wrapped in double quotes; an already quoted `"a.b"` is kept and a
 * quoted name without a dot is unquoted. A `"` anywhere else cannot be expressed in an FQN and is a `ConfigError`,
 * as it is upstream.
 *
 * @example quoteName('orders.v2') // '"orders.v2"'
 */
export function quoteName(name: string): string {
  if (typeof name !== 'string' || name.length === 0)
    throw invalidName(String(name), 'a name must not be empty');
  const quoted = name.length >= 2 && name.startsWith(QUOTE) && name.endsWith(QUOTE);
  const inner = quoted ? name.slice(1, -1) : name;
  if (inner.length === 0) throw invalidName(name, 'a quoted name must not be empty');
  // Java's quoteName matches names with `.`, which stops at line terminators, so it rejects them too.
  if (LINE_TERMINATOR.test(inner)) throw invalidName(name, 'a name cannot hold a line break');
  if (inner.includes(QUOTE)) {
    throw invalidName(
      name,
      'double quotes are only allowed around a whole name (OpenMetadata rejects them too)',
    );
  }
  return inner.includes(SEPARATOR) ? `${QUOTE}${inner}${QUOTE}` : inner;
}

/** The name inside an FQN part: `"a.b"` becomes `a.b`; an unquoted part is returned as it is. */
export function unquoteName(part: string): string {
  return part.length >= 2 && part.startsWith(QUOTE) && part.endsWith(QUOTE) ? part.slice(1, -1) : part;
}

/**
 * Build a fully qualified name from its parts, quoting each with {@link quoteName}.
 *
 * @example build('mysql_prod', 'shop', 'public', 'orders.v2') // 'mysql_prod.shop.public."orders.v2"'
 */
export function build(...parts: readonly string[]): string {
  if (parts.length === 0) throw new ConfigError('An FQN needs at least one part', { field: 'parts' });
  return parts.map(quoteName).join(SEPARATOR);
}

/**
 * Split a fully qualified name into its names, unquoted: the inverse of {@link build}, so
 * `split(build(...parts))` returns `parts`. (Java's `split` keeps the quotes on quoted parts; the names are more
 * useful here, and `build` re-quotes them.) An empty part, a stray `"` or an unterminated quote is a
 * `ConfigError`, where OpenMetadata's ANTLR grammar rejects the FQN.
 *
 * @example split('mysql_prod.shop.public."orders.v2"') // ['mysql_prod', 'shop', 'public', 'orders.v2']
 */
export function split(fqn: string): string[] {
  if (typeof fqn !== 'string' || fqn.length === 0) throw invalidName(String(fqn), 'an FQN must not be empty');
  const names: string[] = [];
  let index = 0;
  while (index <= fqn.length) {
    let name: string;
    if (fqn[index] === QUOTE) {
      const close = fqn.indexOf(QUOTE, index + 1);
      if (close === -1) throw invalidName(fqn, 'a quote is not closed');
      name = fqn.slice(index + 1, close);
      index = close + 1;
      if (index < fqn.length && fqn[index] !== SEPARATOR)
        throw invalidName(fqn, 'text follows a closing quote');
    } else {
      const end = fqn.indexOf(SEPARATOR, index);
      name = fqn.slice(index, end === -1 ? fqn.length : end);
      index = end === -1 ? fqn.length : end;
      if (name.includes(QUOTE)) throw invalidName(fqn, 'a quote inside an unquoted name');
    }
    if (name.length === 0) throw invalidName(fqn, 'an FQN part is empty');
    names.push(name);
    index++; // past the separator (or past the end)
  }
  return names;
}

/** OpenMetadata's FQN helpers: `fqn.build(...parts)`, `fqn.split(name)`, `fqn.quoteName`, `fqn.unquoteName`. */
export const fqn = Object.freeze({
  /** {@link build}: an FQN from names, each quoted when it contains a dot. */
  build,
  /** {@link split}: the unquoted names of an FQN. */
  split,
  /** {@link quoteName}: one name as an FQN part. */
  quoteName,
  /** {@link unquoteName}: the name inside one FQN part. */
  unquoteName,
});

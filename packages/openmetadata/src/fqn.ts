import { ConfigError } from '@meta/errors';

const SEPARATOR = '.';
const QUOTE = '"';
const ESCAPED_QUOTE = '\\"';
// Java's `.` does not match these, so `FullyQualifiedName.quoteName` refuses them outside a quoted name.
const LINE_TERMINATOR = /[\n\r\u0085\u2028\u2029]/;
// Java's `^(")([^"]+)(")$`: a name already in its quoted form, with no quote inside.
const QUOTED_FORM = /^"([^"]+)"$/;

function invalidName(name: string, reason: string): ConfigError {
  return new ConfigError(`Invalid OpenMetadata name ${JSON.stringify(name)}: ${reason}`, { field: 'name' });
}

/**
 * Quote one name for use as an FQN part, with OpenMetadata's rules (Java `FullyQualifiedName.quoteName`):
 * a name containing `.` is wrapped in double quotes; a name already in quoted form (`"a.b"`) is kept, and a
 * quoted name without a dot is unquoted; each `"` inside a name is escaped as `\"` (upstream's FQN grammar
 * reads `\"` as a quote). Where Java's output could not be split back into the same name, this differs: a name
 * with both `.` and `"` is quoted as well as escaped (`"a.b\"c"`, where Java leaves `a.b\"c` for its own
 * grammar to split at the dot). An empty name, a line break outside quotes (as Java) and a dotted name ending
 * in `\` (its closing quote would read as escaped) are a `ConfigError`.
 *
 * @example quoteName('orders.v2') // '"orders.v2"'
 * @example quoteName('say "hi"') // 'say \\"hi\\"'
 */
export function quoteName(name: string): string {
  if (typeof name !== 'string') throw invalidName(String(name), 'a name must be a string');
  if (name.length === 0) throw invalidName(name, 'a name must not be empty');
  const quotedForm = QUOTED_FORM.exec(name);
  if (quotedForm !== null) {
    const inner = quotedForm[1] as string;
    if (!inner.includes(SEPARATOR)) return inner;
    if (inner.endsWith('\\')) throw invalidName(name, 'a quoted name cannot end with a backslash');
    return name;
  }
  if (LINE_TERMINATOR.test(name)) throw invalidName(name, 'a name cannot hold a line break');
  const escaped = name.replaceAll(QUOTE, ESCAPED_QUOTE);
  if (!name.includes(SEPARATOR)) return escaped;
  if (name.endsWith('\\')) throw invalidName(name, 'a name with a dot cannot end with a backslash');
  return `${QUOTE}${escaped}${QUOTE}`;
}

/**
 * The name inside one FQN part, the inverse of {@link quoteName}: the quotes of a quoted part are removed and
 * each `\"` becomes `"` (`"a.b"` -> `a.b`, `say \"hi\"` -> `say "hi"`); any other text is returned as it is.
 */
export function unquoteName(part: string): string {
  if (typeof part !== 'string') throw invalidName(String(part), 'an FQN part must be a string');
  const inner = part.length >= 2 && part.startsWith(QUOTE) && part.endsWith(QUOTE) ? part.slice(1, -1) : part;
  return inner.replaceAll(ESCAPED_QUOTE, QUOTE);
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

interface NameRead {
  readonly name: string;
  readonly end: number;
}

// `"..."` from `start` (at the opening quote) to its closing quote; `\"` inside is a quote.
function readQuotedName(fqn: string, start: number): NameRead {
  let name = '';
  let index = start + 1;
  while (index < fqn.length) {
    if (fqn.startsWith(ESCAPED_QUOTE, index)) {
      name += QUOTE;
      index += ESCAPED_QUOTE.length;
    } else if (fqn[index] === QUOTE) {
      return { name, end: index + 1 };
    } else {
      name += fqn[index];
      index++;
    }
  }
  throw invalidName(fqn, 'a quote is not closed');
}

// An unquoted name from `start` to the next separator; `\"` inside is a quote, a bare `"` is an error.
function readUnquotedName(fqn: string, start: number): NameRead {
  let name = '';
  let index = start;
  while (index < fqn.length && fqn[index] !== SEPARATOR) {
    if (fqn.startsWith(ESCAPED_QUOTE, index)) {
      name += QUOTE;
      index += ESCAPED_QUOTE.length;
    } else if (fqn[index] === QUOTE) {
      throw invalidName(fqn, 'a quote inside an unquoted name (write it as \\")');
    } else {
      name += fqn[index];
      index++;
    }
  }
  return { name, end: index };
}

/**
 * Split a fully qualified name into its names, unquoted and unescaped: the inverse of {@link build}, so
 * `split(build(...parts))` returns `parts` (for parts not already in quoted form). (Java's `split` keeps the
 * quotes and escapes; the names are more useful here, and `build` puts them back.) An empty part, a bare `"`
 * in an unquoted part, text after a closing quote or an unterminated quote is a `ConfigError`, where
 * OpenMetadata's grammar rejects the FQN too.
 *
 * @example split('mysql_prod.shop.public."orders.v2"') // ['mysql_prod', 'shop', 'public', 'orders.v2']
 */
export function split(fqn: string): string[] {
  if (typeof fqn !== 'string' || fqn.length === 0) throw invalidName(String(fqn), 'an FQN must not be empty');
  const names: string[] = [];
  let index = 0;
  while (index <= fqn.length) {
    const read = fqn[index] === QUOTE ? readQuotedName(fqn, index) : readUnquotedName(fqn, index);
    if (read.end < fqn.length && fqn[read.end] !== SEPARATOR)
      throw invalidName(fqn, 'text follows a closing quote');
    if (read.name.length === 0) throw invalidName(fqn, 'an FQN part is empty');
    names.push(read.name);
    index = read.end + 1; // past the separator (or past the end)
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

/**
 * Reading headers out of whatever a caller hands over (a record, a `Headers`, a `Map`, name/value pairs, undici's
 * raw records with array values) without ever throwing: a redactor that throws on odd input would turn a useful
 * error into a confusing one, or drop a log line that mattered.
 */

/** What a value that cannot be turned into text is shown as. */
export const UNPRINTABLE = '[unprintable]';

/** `String(value)` that never throws (a `null`-prototype object or a throwing `toString` cannot be printed). */
export function safeString(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return String(value);
  } catch {
    return UNPRINTABLE;
  }
}

function valueString(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) return value.map(safeString).join(', ');
  return safeString(value);
}

type ForEachHeaders = { forEach(callback: (value: unknown, name: unknown) => void): void };

/** The `[name, value]` pairs of a header collection; unreadable entries are skipped, nothing throws. */
export function headerEntries(headers: unknown): Array<[string, string]> {
  const entries: Array<[string, string]> = [];
  if (typeof headers !== 'object' || headers === null) return entries;
  const add = (name: unknown, value: unknown): void => {
    const text = valueString(value);
    if (text !== undefined) entries.push([safeString(name).trim(), text]);
  };
  try {
    if (Array.isArray(headers) || !(typeof (headers as ForEachHeaders).forEach === 'function')) {
      if (typeof (headers as Iterable<unknown>)[Symbol.iterator] === 'function') {
        for (const pair of headers as Iterable<unknown>) {
          if (typeof pair === 'object' && pair !== null) add((pair as unknown[])[0], (pair as unknown[])[1]);
        }
        return entries;
      }
      for (const name of Object.keys(headers)) {
        try {
          add(name, (headers as Record<string, unknown>)[name]);
        } catch {
          // A throwing getter hides one header, not the rest.
        }
      }
      return entries;
    }
    // `Headers` and `Map` call back with (value, name).
    (headers as ForEachHeaders).forEach((value, name) => {
      add(name, value);
    });
  } catch {
    // A collection that throws half-way keeps the entries read so far.
  }
  return entries;
}

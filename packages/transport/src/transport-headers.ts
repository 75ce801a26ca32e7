import type { TransportHeaders } from './transport.js';

/** Header values as transports receive them: one string, or every value of a repeated header. */
export type RawHeaderRecord = Readonly<Record<string, string | readonly string[] | undefined>>;

/**
 * Response headers over a record with lowercase names. Lookups lowercase the name once; repeated headers keep
 * every value (`getAll`) and `get` joins them with `, ` as the Fetch standard does.
 */
class RecordHeaders implements TransportHeaders {
  readonly #record: Record<string, string | readonly string[]>;

  constructor(record: Record<string, string | readonly string[]>) {
    this.#record = record;
  }

  #lookup(name: string): string | readonly string[] | undefined {
    const key = name.toLowerCase();
    const value = this.#record[key];
    // undici parses into a plain object, so `constructor` or `toString` would otherwise find Object's methods.
    return value === undefined || !Object.hasOwn(this.#record, key) ? undefined : value;
  }

  get(name: string): string | null {
    const value = this.#lookup(name);
    if (value === undefined) return null;
    return typeof value === 'string' ? value : value.join(', ');
  }

  getAll(name: string): string[] {
    const value = this.#lookup(name);
    if (value === undefined) return [];
    return typeof value === 'string' ? [value] : [...value];
  }

  has(name: string): boolean {
    return this.#lookup(name) !== undefined;
  }

  *entries(): IterableIterator<[string, string]> {
    for (const name of Object.keys(this.#record)) yield [name, this.get(name)!];
  }

  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.entries();
  }

  toRecord(): Record<string, string> {
    const record: Record<string, string> = {};
    for (const name of Object.keys(this.#record)) record[name] = this.get(name)!;
    return record;
  }
}

/**
 * Build {@link TransportHeaders} from a header record or name/value pairs. Names are lowercased and repeated
 * names (in pairs, or differently cased record keys) keep every value in order.
 *
 * @example
 * ```ts
 * const headers = createTransportHeaders([['Set-Cookie', 'a=1'], ['set-cookie', 'b=2']]);
 * headers.getAll('SET-COOKIE'); // ['a=1', 'b=2']
 * ```
 */
export function createTransportHeaders(
  headers: RawHeaderRecord | Iterable<readonly [string, string]> = {},
): TransportHeaders {
  const record: Record<string, string | string[]> = Object.create(null);
  const add = (name: string, value: string) => {
    const key = name.toLowerCase();
    const previous = record[key];
    if (previous === undefined) record[key] = value;
    else if (typeof previous === 'string') record[key] = [previous, value];
    else previous.push(value);
  };
  if (typeof (headers as Iterable<unknown>)[Symbol.iterator] === 'function') {
    for (const [name, value] of headers as Iterable<readonly [string, string]>) add(name, String(value));
  } else {
    for (const [name, value] of Object.entries(headers as RawHeaderRecord)) {
      if (value === undefined) continue;
      if (typeof value === 'string') add(name, value);
      else for (const item of value) add(name, String(item));
    }
  }
  return new RecordHeaders(record);
}

/**
 * Wrap a record whose names are already lowercase (as undici parses them) without copying it. Internal fast path
 * for adapters; the record must not be changed afterwards.
 */
export function wrapLowercaseHeaders(record: Record<string, string | readonly string[]>): TransportHeaders {
  return new RecordHeaders(record);
}

import type { TransportHeaders } from '../transport.js';
import { wrapLowercaseHeaders } from '../transport-headers.js';

/** undici's raw response headers: name, value, name, value, ... (a value is an array for repeated HTTP/2 fields). */
export type RawHeaderList = ReadonlyArray<Buffer | string | ReadonlyArray<Buffer | string>>;

/** Turns raw headers into a record with lowercase names: undici 7's own `util.parseHeaders`. */
export type HeaderParser = (rawHeaders: RawHeaderList) => Record<string, string | string[]>;

/** True when the raw header name equals `lowerName` ignoring ASCII case, without decoding it. */
function nameMatches(name: Buffer | string | ReadonlyArray<Buffer | string>, lowerName: string): boolean {
  if (name.length !== lowerName.length) return false;
  if (typeof name === 'string') return name.toLowerCase() === lowerName;
  if (Array.isArray(name)) return false;
  const bytes = name as Buffer;
  for (let index = 0; index < lowerName.length; index++) {
    let byte = bytes[index]!;
    if (byte >= 0x41 && byte <= 0x5a) byte += 0x20;
    if (byte !== lowerName.charCodeAt(index)) return false;
  }
  return true;
}

/** Node's latin1 decoder behind `Buffer#toString('latin1')`, on every Buffer undici hands over. */
interface Latin1Decodable {
  latin1Slice(start: number, end: number): string;
}

function text(value: Buffer | string): string {
  // Called directly, as undici calls `utf8Slice`: `toString` adds an encoding lookup and two calls per value.
  return typeof value === 'string'
    ? value
    : (value as unknown as Latin1Decodable).latin1Slice(0, value.length);
}

/**
 * Response headers read straight from undici's raw list: a lookup compares names byte by byte and decodes only
 * the values asked for, so the headers nobody reads (`Date`, `Connection`, `Keep-Alive`, ...) are never turned
 * into strings. `entries()` and `toRecord()` parse the whole list once, with undici's own parser, so every view
 * agrees with what undici's `parseHeaders` would have built. The list must not change afterwards.
 */
export class RawResponseHeaders implements TransportHeaders {
  readonly #raw: RawHeaderList;
  readonly #parse: HeaderParser;
  #parsed: TransportHeaders | undefined;

  constructor(raw: RawHeaderList, parse: HeaderParser) {
    this.#raw = raw;
    this.#parse = parse;
  }

  get(name: string): string | null {
    const lowerName = name.toLowerCase();
    const raw = this.#raw;
    let joined: string | null = null;
    for (let index = 0; index + 1 < raw.length; index += 2) {
      if (!nameMatches(raw[index]!, lowerName)) continue;
      const value = raw[index + 1]!;
      const values =
        typeof value === 'string' || !Array.isArray(value)
          ? text(value as Buffer)
          : value.map(text).join(', ');
      joined = joined === null ? values : `${joined}, ${values}`;
    }
    return joined;
  }

  getAll(name: string): string[] {
    const lowerName = name.toLowerCase();
    const raw = this.#raw;
    const values: string[] = [];
    for (let index = 0; index + 1 < raw.length; index += 2) {
      if (!nameMatches(raw[index]!, lowerName)) continue;
      const value = raw[index + 1]!;
      if (typeof value === 'string' || !Array.isArray(value)) values.push(text(value as Buffer));
      else for (const item of value) values.push(text(item));
    }
    return values;
  }

  has(name: string): boolean {
    const lowerName = name.toLowerCase();
    const raw = this.#raw;
    for (let index = 0; index + 1 < raw.length; index += 2)
      if (nameMatches(raw[index]!, lowerName)) return true;
    return false;
  }

  entries(): IterableIterator<[string, string]> {
    return this.#all().entries();
  }

  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.entries();
  }

  toRecord(): Record<string, string> {
    return this.#all().toRecord();
  }

  #all(): TransportHeaders {
    this.#parsed ??= wrapLowercaseHeaders(this.#parse(this.#raw));
    return this.#parsed;
  }
}

import type { TransportHeaders } from '../transport.js';

/**
 * {@link TransportHeaders} read straight from a fetch `Headers`, without copying: most responses are asked for
 * two or three headers, so building a record of all of them on every request would be wasted work. `Headers`
 * already compares names case-insensitively and joins repeated values with `, `; only `Set-Cookie` keeps its
 * values apart (`getSetCookie`).
 */
export class FetchHeaders implements TransportHeaders {
  readonly #headers: Headers;

  constructor(headers: Headers) {
    this.#headers = headers;
  }

  get(name: string): string | null {
    return this.#headers.get(name);
  }

  getAll(name: string): string[] {
    if (name.toLowerCase() === 'set-cookie' && typeof this.#headers.getSetCookie === 'function') {
      return this.#headers.getSetCookie();
    }
    const value = this.#headers.get(name);
    return value === null ? [] : [value];
  }

  has(name: string): boolean {
    return this.#headers.has(name);
  }

  *entries(): IterableIterator<[string, string]> {
    // `Headers` iterates lowercase names in order; Set-Cookie comes once per value, so join it like the others.
    const cookies = this.getAll('set-cookie');
    let cookiesSeen = false;
    for (const [name, value] of this.#headers) {
      if (name !== 'set-cookie') yield [name, value];
      else if (!cookiesSeen) {
        cookiesSeen = true;
        yield [name, cookies.length > 0 ? cookies.join(', ') : value];
      }
    }
  }

  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.entries();
  }

  toRecord(): Record<string, string> {
    const record: Record<string, string> = {};
    for (const [name, value] of this.entries()) record[name] = value;
    return record;
  }
}

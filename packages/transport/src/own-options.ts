/**
 * A null-prototype copy of the own enumerable properties of `options`. Options objects are read through this so
 * a polluted `Object.prototype` (a `rejectUnauthorized`, `ca`, `proxy`, `dispatcher` or `fetch` key planted by a
 * vulnerable dependency) is never mistaken for an option the caller set.
 */
export function ownOptions<T extends object>(options: T | undefined): T {
  // A spread copies own enumerable properties only; `__proto__: null` in a literal sets the prototype.
  return { __proto__: null, ...options } as T;
}

/**
 * `fields` as a null-prototype object, for option bags handed to undici or fetch: they read optional keys such as
 * `query`, `upgrade`, `body` or `dispatcher`, which a polluted `Object.prototype` would otherwise supply.
 */
export function withoutPrototype<T extends object>(fields: T): T {
  return { __proto__: null, ...fields } as T;
}

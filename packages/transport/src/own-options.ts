/**
 * A null-prototype copy of the own enumerable properties of `options`. Options objects are read through this so
 * a polluted `Object.prototype` (a `rejectUnauthorized`, `ca`, `proxy`, `dispatcher` or `fetch` key planted by a
 * vulnerable dependency) is never mistaken for an option the caller set.
 */
export function ownOptions<T extends object>(options: T | undefined): T {
  const copy = Object.create(null) as T;
  if (options === undefined || options === null) return copy;
  for (const key of Object.keys(options))
    (copy as Record<string, unknown>)[key] = (options as Record<string, unknown>)[key];
  return copy;
}

/**
 * `fields` as a null-prototype object, for option bags handed to undici or fetch: they read optional keys such as
 * `query`, `upgrade`, `body` or `dispatcher`, which a polluted `Object.prototype` would otherwise supply.
 */
export function withoutPrototype<T extends object>(fields: T): T {
  return Object.assign(Object.create(null) as T, fields);
}

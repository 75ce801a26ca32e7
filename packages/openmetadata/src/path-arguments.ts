import { ConfigError } from '@meta/errors';

// The arguments that become a path segment under `/api/v1/<kind>/`: checked so that none can leave it.

/** A non-empty string argument (`id`, `fqn`), or a `ConfigError` naming it. */
export function requireText(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.length === 0) {
    throw new ConfigError(`${field} must be a non-empty string`, { field });
  }
  return value;
}

// OpenMetadata's ids are UUIDs (`@PathParam("id") UUID id`): anything else can only be a 404, or a path trick.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An entity id: a UUID (`8-4-4-4-12` hex digits), or a `ConfigError` naming `field`; nothing is sent. */
export function requireEntityId(value: unknown, field = 'id'): string {
  const id = requireText(value, field);
  if (!UUID.test(id)) {
    throw new ConfigError(
      `${field} must be an entity id (a UUID such as 6f3c1a52-0d1e-4b7a-9c2d-1e2f3a4b5c6d)`,
      {
        field,
      },
    );
  }
  return id;
}

// A piece between slashes or backslashes that is `.` or `..` (with or without `;parameters`): servers and proxies
// that decode `%2F` would read it as a dot-segment, so @meta/rest refuses such a path.
const DOT_SEGMENT = /(?:^|[/\\])\.{1,2}(?:;[^/\\]*)?(?=[/\\]|$)/;

/**
 * A fully qualified name percent-encoded for `/<kind>/name/<fqn>`, or a `ConfigError` naming `fqn` (also for a
 * lone surrogate, which has no UTF-8 form); nothing is sent. The FQN is one percent-encoded path segment, but a
 * `.` or `..` between slashes in it (a name such as `a/../b`) could still be read as a dot-segment once a server
 * or proxy decodes `%2F`, so it is refused: read such an entity by id.
 */
export function requireFqn(value: unknown): string {
  const fqn = requireText(value, 'fqn');
  if (DOT_SEGMENT.test(fqn)) {
    throw new ConfigError(
      'fqn has "." or ".." as a whole FQN or between slashes, which would be read as a dot-segment in the URL; ' +
        'read this entity with getById (or find it with list)',
      { field: 'fqn' },
    );
  }
  try {
    return encodeURIComponent(fqn);
  } catch (error) {
    // URIError: a lone surrogate (half of a UTF-16 pair) has no UTF-8 form to percent-encode.
    throw new ConfigError('fqn holds a lone surrogate (half of a UTF-16 pair), which has no UTF-8 form', {
      field: 'fqn',
      cause: error,
    });
  }
}

// OpenMetadata's versions are `major.minor` numbers (0.1, 1.2) that the server parses as a double.
const VERSION = /^\d+(?:\.\d+)?$/;

/** An entity version for `/<kind>/<id>/versions/<version>` (`0.1`, `'1.2'`), or a `ConfigError`; nothing is sent. */
export function requireVersion(version: unknown): string {
  const text = typeof version === 'number' || typeof version === 'string' ? String(version) : '';
  if (!VERSION.test(text)) {
    throw new ConfigError(
      "version must be an entity version such as 0.1 or 1.2 (the entity's version field)",
      {
        field: 'version',
      },
    );
  }
  return text;
}

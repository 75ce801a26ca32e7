import { ConfigError } from '@meta/errors';
import type { QueryData } from '@meta/rest';

type QueryValue = string | number | boolean;

/** `['owners', 'tags']` -> `'owners,tags'`; `undefined` when no field is asked for. */
export function fieldsParameter(fields: unknown): string | undefined {
  if (fields === undefined) return undefined;
  if (!Array.isArray(fields))
    throw new ConfigError('fields must be an array of field names', { field: 'fields' });
  for (const name of fields) {
    if (typeof name !== 'string' || name.length === 0 || name.includes(',')) {
      throw new ConfigError('fields must hold non-empty field names without commas', { field: 'fields' });
    }
  }
  return fields.length === 0 ? undefined : fields.join(',');
}

// Option keys that are not query parameters, or that are sent under a computed value.
const CONTROL_KEYS = new Set(['signal', 'validate', 'fields', 'pageSize', 'notFound']);

/** OpenMetadata's bounds for `limit` (`@Min(0) @Max(1000000)` on every list resource). */
export const MAX_LIMIT = 1_000_000;
const INCLUDE_VALUES = ['non-deleted', 'deleted', 'all'];

/**
 * The parameters OpenMetadata gives a meaning (and would answer a 400 or 404 for), checked before anything is
 * sent: `limit` an integer 0..1000000, `after`/`before` cursor strings and never both, `include` one of its
 * three values.
 */
function checkKnownParameters(options: Readonly<Record<string, unknown>>): void {
  const { limit, after, before, include } = options;
  if (
    limit !== undefined &&
    !(Number.isInteger(limit) && (limit as number) >= 0 && (limit as number) <= MAX_LIMIT)
  ) {
    throw new ConfigError(`limit must be an integer from 0 to ${MAX_LIMIT}`, { field: 'limit' });
  }
  for (const [field, cursor] of [
    ['after', after],
    ['before', before],
  ] as const) {
    if (cursor !== undefined && (typeof cursor !== 'string' || cursor.length === 0)) {
      throw new ConfigError(`${field} must be a paging cursor string (paging.${field} of a page)`, { field });
    }
  }
  if (after !== undefined && before !== undefined) {
    throw new ConfigError('after and before cannot be sent together (OpenMetadata allows one cursor)', {
      field: 'before',
    });
  }
  if (include !== undefined && !INCLUDE_VALUES.includes(include as string)) {
    throw new ConfigError(`include must be one of ${INCLUDE_VALUES.join(', ')}`, { field: 'include' });
  }
}

/**
 * The query of a read: `fields` comma-joined, then every other option that is not a control option (`limit`,
 * `after`, `include` and the filters), each a string, number or boolean.
 */
export function readQuery(options: Readonly<Record<string, unknown>>): QueryData {
  checkKnownParameters(options);
  const query: Record<string, QueryValue> = {};
  const fields = fieldsParameter(options.fields);
  if (fields !== undefined) query.fields = fields;
  for (const [key, value] of Object.entries(options)) {
    // null and undefined are left out, as @meta/rest does with query values.
    if (CONTROL_KEYS.has(key) || value === undefined || value === null) continue;
    const scalar = typeof value === 'string' || typeof value === 'boolean' || Number.isFinite(value);
    if (!scalar) {
      throw new ConfigError(`Query parameter "${key}" must be a string, a finite number or a boolean`, {
        field: key,
      });
    }
    query[key] = value as QueryValue;
  }
  return query;
}

/**
 * The caller's own options on a null-prototype copy (options must be a plain object when given). Own properties
 * only: a `hardDelete`, `recursive` or `notFound` inherited from a polluted `Object.prototype` must never turn a
 * soft delete into a hard one or a 404 into `undefined`.
 */
export function optionsRecord(options: unknown): Readonly<Record<string, unknown>> {
  const record: Record<string, unknown> = Object.create(null);
  if (options === undefined || options === null) return record;
  if (typeof options !== 'object' || Array.isArray(options)) {
    throw new ConfigError('Call options must be a plain object', { field: 'options' });
  }
  return Object.assign(record, options);
}

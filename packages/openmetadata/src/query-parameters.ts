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

/**
 * The query of a read: `fields` comma-joined, then every other option that is not a control option (`limit`,
 * `after`, `include` and the filters), each a string, number or boolean.
 */
export function readQuery(options: Readonly<Record<string, unknown>>): QueryData {
  const query: Record<string, QueryValue> = {};
  const fields = fieldsParameter(options.fields);
  if (fields !== undefined) query.fields = fields;
  for (const [key, value] of Object.entries(options)) {
    if (CONTROL_KEYS.has(key) || value === undefined) continue;
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
      throw new ConfigError(`Query parameter "${key}" must be a string, number or boolean`, { field: key });
    }
    query[key] = value;
  }
  return query;
}

/** A non-empty string argument (`id`, `fqn`), or a `ConfigError` naming it. */
export function requireText(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.length === 0) {
    throw new ConfigError(`${field} must be a non-empty string`, { field });
  }
  return value;
}

/** Options must be a plain object when given. */
export function optionsRecord(options: unknown): Readonly<Record<string, unknown>> {
  if (options === undefined || options === null) return {};
  if (typeof options !== 'object' || Array.isArray(options)) {
    throw new ConfigError('Call options must be a plain object', { field: 'options' });
  }
  return options as Readonly<Record<string, unknown>>;
}

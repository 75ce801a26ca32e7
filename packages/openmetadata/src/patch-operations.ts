import { ConfigError } from '@meta/errors';
import { createPatch, type Operation } from 'rfc6902';

const OPERATIONS_WITH_VALUE = new Set(['add', 'replace', 'test']);
const OPERATIONS_WITH_FROM = new Set(['move', 'copy']);
const OPERATIONS = new Set([...OPERATIONS_WITH_VALUE, ...OPERATIONS_WITH_FROM, 'remove']);

// RFC 6901: `~` is only ever the start of the escapes `~0` (`~`) and `~1` (`/`); any other `~` is no pointer.
const BAD_ESCAPE = /~(?![01])/;

function isPointer(value: unknown): value is string {
  return typeof value === 'string' && (value === '' || value.startsWith('/')) && !BAD_ESCAPE.test(value);
}

/**
 * `operations` as RFC 6902 operations, or a `ConfigError` naming the first bad one (`operations[2].path`), so a
 * malformed patch never reaches the server: each is an object with a known `op`, a JSON Pointer `path` (`''` or
 * starting with `/`, `~` only in `~0`/`~1`), a `value` for add/replace/test and a pointer `from` for move/copy.
 */
export function checkOperations(operations: unknown): readonly Operation[] {
  if (!Array.isArray(operations)) {
    throw new ConfigError('operations must be an array of JSON Patch operations', { field: 'operations' });
  }
  operations.forEach((operation: unknown, index) => {
    const field = `operations[${index}]`;
    if (typeof operation !== 'object' || operation === null || Array.isArray(operation)) {
      throw new ConfigError(`${field} must be a JSON Patch operation object`, { field });
    }
    const { op, path, from } = operation as Record<string, unknown>;
    if (typeof op !== 'string' || !OPERATIONS.has(op)) {
      throw new ConfigError(`${field}.op must be one of ${[...OPERATIONS].join(', ')}`, {
        field: `${field}.op`,
      });
    }
    if (!isPointer(path)) {
      throw new ConfigError(`${field}.path must be a JSON Pointer such as /description`, {
        field: `${field}.path`,
      });
    }
    if (OPERATIONS_WITH_VALUE.has(op) && (operation as { value?: unknown }).value === undefined) {
      throw new ConfigError(`${field} (${op}) needs a value (null for JSON null)`, {
        field: `${field}.value`,
      });
    }
    if (OPERATIONS_WITH_FROM.has(op) && !isPointer(from)) {
      throw new ConfigError(`${field}.from must be a JSON Pointer`, { field: `${field}.from` });
    }
  });
  return operations as readonly Operation[];
}

/** `value` as the server would receive it (JSON's rules: Dates as strings, `undefined` and functions dropped). */
function asSent(value: object, field: string): unknown {
  try {
    return JSON.parse(JSON.stringify(value));
  } catch (error) {
    throw new ConfigError(`${field} cannot be sent as JSON (a BigInt or a cycle?)`, { field, cause: error });
  }
}

/**
 * The RFC 6902 operations that turn `before` into `after`, computed on their JSON forms, so the diff is the
 * difference the server can see: a changed `Date` is a changed string, and an `undefined` value is an absent key
 * (never an operation without its value).
 */
export function diffEntities(before: object, after: object): Operation[] {
  return createPatch(asSent(before, 'before'), asSent(after, 'after'));
}

/** One RFC 6902 operation. The mock supports the ones OpenMetadata clients send: add, remove, replace, test. */
export interface JsonPatchOperation {
  readonly op: string;
  readonly path: string;
  readonly value?: unknown;
}

/** A patch the mock cannot apply; the handler answers 400 with this message. */
export class JsonPatchError extends Error {
  override readonly name = 'JsonPatchError';
}

function parsePointer(path: string): string[] {
  if (path === '') return [];
  if (!path.startsWith('/')) throw new JsonPatchError(`Invalid JSON pointer [${path}]`);
  return path
    .slice(1)
    .split('/')
    .map((token) => token.replaceAll('~1', '/').replaceAll('~0', '~'));
}

type Container = Record<string, unknown> | unknown[];

function containerAt(document: unknown, tokens: readonly string[], path: string): Container {
  let current = document;
  for (const token of tokens) {
    if (Array.isArray(current)) current = current[Number(token)];
    else if (typeof current === 'object' && current !== null && Object.hasOwn(current, token)) {
      current = (current as Record<string, unknown>)[token];
    } else throw new JsonPatchError(`Path [${path}] does not exist`);
  }
  if (typeof current !== 'object' || current === null)
    throw new JsonPatchError(`Path [${path}] does not exist`);
  return current as Container;
}

function arrayIndex(container: unknown[], token: string, path: string, allowEnd: boolean): number {
  if (allowEnd && token === '-') return container.length;
  const index = /^(0|[1-9][0-9]*)$/.test(token) ? Number(token) : Number.NaN;
  const limit = allowEnd ? container.length : container.length - 1;
  if (!(index >= 0 && index <= limit)) throw new JsonPatchError(`Array index out of range in [${path}]`);
  return index;
}

function applyOne(document: unknown, operation: JsonPatchOperation): void {
  const tokens = parsePointer(operation.path);
  const key = tokens.at(-1);
  if (key === undefined) throw new JsonPatchError('Patching the whole entity is not allowed');
  const parent = containerAt(document, tokens.slice(0, -1), operation.path);
  const exists = Array.isArray(parent) ? undefined : Object.hasOwn(parent, key);
  switch (operation.op) {
    case 'add':
      if (Array.isArray(parent))
        parent.splice(arrayIndex(parent, key, operation.path, true), 0, operation.value);
      else parent[key] = operation.value;
      return;
    case 'replace':
      if (Array.isArray(parent)) parent[arrayIndex(parent, key, operation.path, false)] = operation.value;
      else if (exists) parent[key] = operation.value;
      else throw new JsonPatchError(`Path [${operation.path}] does not exist`);
      return;
    case 'remove':
      if (Array.isArray(parent)) parent.splice(arrayIndex(parent, key, operation.path, false), 1);
      else if (exists) delete parent[key];
      else throw new JsonPatchError(`Path [${operation.path}] does not exist`);
      return;
    case 'test': {
      const current = Array.isArray(parent)
        ? parent[arrayIndex(parent, key, operation.path, false)]
        : parent[key];
      if (JSON.stringify(current) !== JSON.stringify(operation.value)) {
        throw new JsonPatchError(`Test failed at [${operation.path}]`);
      }
      return;
    }
    default:
      throw new JsonPatchError(`Unsupported JSON patch operation [${operation.op}]`);
  }
}

/** True when `value` looks like an RFC 6902 document (an array of `{ op, path }` objects). */
export function isJsonPatch(value: unknown): value is JsonPatchOperation[] {
  return (
    Array.isArray(value) &&
    value.every(
      (operation) =>
        typeof operation === 'object' &&
        operation !== null &&
        typeof (operation as JsonPatchOperation).op === 'string' &&
        typeof (operation as JsonPatchOperation).path === 'string',
    )
  );
}

/** Apply `operations` to a copy of `document`; all or nothing, like the server. */
export function applyJsonPatch<Document>(
  document: Document,
  operations: readonly JsonPatchOperation[],
): Document {
  const copy = structuredClone(document);
  for (const operation of operations) applyOne(copy, operation);
  return copy;
}

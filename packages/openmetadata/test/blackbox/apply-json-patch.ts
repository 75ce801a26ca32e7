// An independent RFC 6902 applier for the mock server (not the library's), so a diff the client computes is checked
// by code that shares nothing with it.

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function unescapeToken(token: string): string {
  if (/~(?![01])/.test(token)) throw new Error(`bad pointer escape in ${token}`);
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new Error(`bad pointer ${pointer}`);
  return pointer.slice(1).split('/').map(unescapeToken);
}

function parentOf(document: Json, tokens: string[]): Json {
  let node = document;
  for (const token of tokens.slice(0, -1)) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, token)) {
      throw new Error(`missing ${token}`);
    }
    node = (node as Record<string, Json>)[token] as Json;
  }
  return node;
}

function arrayIndex(array: Json[], token: string, forAdd: boolean): number {
  if (forAdd && token === '-') return array.length;
  if (!/^(0|[1-9]\d*)$/.test(token)) throw new Error(`bad array index ${token}`);
  const index = Number(token);
  if (index > array.length || (!forAdd && index === array.length))
    throw new Error(`index ${token} out of range`);
  return index;
}

function read(document: Json, pointer: string): Json {
  const tokens = parsePointer(pointer);
  if (tokens.length === 0) return document;
  const parent = parentOf(document, tokens);
  const last = tokens[tokens.length - 1] as string;
  if (Array.isArray(parent)) return parent[arrayIndex(parent, last, false)] as Json;
  if (parent === null || typeof parent !== 'object' || !Object.hasOwn(parent, last))
    throw new Error(`no ${pointer}`);
  return parent[last] as Json;
}

function remove(document: Json, pointer: string): Json {
  const tokens = parsePointer(pointer);
  const parent = parentOf(document, tokens);
  const last = tokens[tokens.length - 1] as string;
  if (Array.isArray(parent)) return parent.splice(arrayIndex(parent, last, false), 1)[0] as Json;
  if (parent === null || typeof parent !== 'object' || !Object.hasOwn(parent, last))
    throw new Error(`no ${pointer}`);
  const value = parent[last] as Json;
  delete parent[last];
  return value;
}

function add(document: Json, pointer: string, value: Json): Json {
  const tokens = parsePointer(pointer);
  if (tokens.length === 0) return value;
  const parent = parentOf(document, tokens);
  const last = tokens[tokens.length - 1] as string;
  if (Array.isArray(parent)) parent.splice(arrayIndex(parent, last, true), 0, value);
  else if (parent !== null && typeof parent === 'object') {
    Object.defineProperty(parent, last, { value, enumerable: true, writable: true, configurable: true });
  } else throw new Error(`cannot add under ${pointer}`);
  return document;
}

/** `operations` applied to a copy of `document` (throws on any operation RFC 6902 would reject). */
export function applyJsonPatch(document: unknown, operations: unknown): unknown {
  let result = JSON.parse(JSON.stringify(document)) as Json;
  for (const operation of operations as Array<{ op: string; path: string; from?: string; value?: Json }>) {
    const copy = (value: Json | undefined) => JSON.parse(JSON.stringify(value)) as Json;
    if (operation.op === 'add') result = add(result, operation.path, copy(operation.value));
    else if (operation.op === 'remove') remove(result, operation.path);
    else if (operation.op === 'replace') {
      read(result, operation.path);
      if (operation.path === '') result = copy(operation.value);
      else {
        remove(result, operation.path);
        result = add(result, operation.path, copy(operation.value));
      }
    } else if (operation.op === 'move')
      result = add(result, operation.path, remove(result, operation.from ?? ''));
    else if (operation.op === 'copy')
      result = add(result, operation.path, copy(read(result, operation.from ?? '')));
    else if (operation.op === 'test') {
      if (JSON.stringify(read(result, operation.path)) !== JSON.stringify(operation.value))
        throw new Error('test failed');
    } else throw new Error(`unknown op ${operation.op}`);
  }
  return result;
}

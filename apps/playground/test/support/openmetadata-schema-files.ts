import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The official OpenMetadata JSON Schemas as vendored (unmodified) inside this repository, in
 * `packages/openmetadata/openmetadata-spec`: the playground never reads anything outside the repository.
 */
export const OPENMETADATA_SPEC_DIRECTORY = fileURLToPath(
  new URL('../../../../packages/openmetadata/openmetadata-spec/', import.meta.url),
);

/** Every schema `$id` is this plus the file's path under `schema/`. */
export const SCHEMA_BASE_URI = 'https://open-metadata.org/schema/';

// Keys whose values are data, not subschemas, so a `$ref` under them is not a reference.
const DATA_KEYS = new Set(['enum', 'const', 'default', 'examples', 'javaEnums', 'javaInterfaces']);
// A base for resolving relative `$id`s such as `/type/profile.json`.
const RELATIVE_BASE = 'http://relative.invalid';

function listJsonFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) return listJsonFiles(path);
    return name.endsWith('.json') ? [path] : [];
  });
}

/** Every `$ref` string inside a schema node. */
export function collectReferences(node: unknown, found: string[] = []): string[] {
  if (Array.isArray(node)) for (const item of node) collectReferences(item, found);
  else if (typeof node === 'object' && node !== null) {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') found.push(value);
      else if (!DATA_KEYS.has(key)) collectReferences(value, found);
    }
  }
  return found;
}

/** The vendored schema documents by their path-derived URI. */
export function loadSchemaDocuments(): Map<string, Record<string, unknown>> {
  const schemaDirectory = join(OPENMETADATA_SPEC_DIRECTORY, 'schema');
  const documents = new Map<string, Record<string, unknown>>();
  for (const path of listJsonFiles(schemaDirectory)) {
    const relativePath = relative(schemaDirectory, path).split(sep).join('/');
    documents.set(`${SCHEMA_BASE_URI}${relativePath}`, JSON.parse(readFileSync(path, 'utf8')));
  }
  return documents;
}

/** Reference targets outside the vendored set, with the fragment pointers asked of each (for permissive stubs). */
export function outsideTargets(documents: Map<string, Record<string, unknown>>): Map<string, Set<string>> {
  const outside = new Map<string, Set<string>>();
  for (const [uri, document] of documents) {
    for (const reference of collectReferences(document)) {
      const target = new URL(reference, uri);
      const pointer = decodeURIComponent(target.hash.replace(/^#/, ''));
      target.hash = '';
      if (documents.has(target.href)) continue;
      if (!outside.has(target.href)) outside.set(target.href, new Set());
      outside.get(target.href)!.add(pointer);
    }
  }
  return outside;
}

function resolveAgainstId(id: string, reference: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(id)) return new URL(reference, id).href;
  const href = new URL(reference, new URL(id, RELATIVE_BASE)).href;
  return href.startsWith(RELATIVE_BASE) ? href.slice(RELATIVE_BASE.length) : href;
}

/**
 * The alias schemas Ajv needs because some files declare an `$id` that is not their path (see the spec README,
 * "How refs resolve"): Ajv resolves their refs against the `$id`, so each URI it will look up gets a schema that
 * `$ref`s the real, path-derived file, fragment by fragment. The vendored files stay unmodified.
 */
export function idAliases(
  documents: Map<string, Record<string, unknown>>,
): Map<string, Record<string, unknown>> {
  const aliases = new Map<string, Record<string, unknown>>();
  for (const [uri, document] of documents) {
    const id = typeof document.$id === 'string' ? document.$id : uri;
    if (id === uri) continue;
    for (const reference of collectReferences(document)) {
      if (reference.startsWith('#')) continue;
      const wanted = new URL(reference, uri);
      const [lookedUp, fragment] = resolveAgainstId(id, reference).split('#') as [string, string | undefined];
      const fragmentless = new URL(wanted.href);
      fragmentless.hash = '';
      if (lookedUp === fragmentless.href) continue;
      const alias = aliases.get(lookedUp) ?? { $ref: fragmentless.href };
      aliases.set(lookedUp, alias);
      if (!fragment) continue;
      let node = alias;
      const tokens = fragment.replace(/^\//, '').split('/');
      tokens.forEach((token, index) => {
        const last = index === tokens.length - 1;
        node[token] ??= last ? { $ref: `${fragmentless.href}#${fragment}` } : {};
        node = node[token] as Record<string, unknown>;
      });
    }
  }
  return aliases;
}

/** A permissive stub with the fragment paths some unreachable reference needs. */
export function stubFor(pointers: Iterable<string>): Record<string, unknown> {
  const stub: Record<string, unknown> = {};
  for (const pointer of pointers) {
    let current = stub;
    for (const token of pointer.replace(/^\//, '').split('/').filter(Boolean)) {
      current[token] ??= {};
      current = current[token] as Record<string, unknown>;
    }
  }
  return stub;
}

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { ProducedSchemaName } from '../../src/mock/index.js';

/**
 * The official OpenMetadata JSON Schemas, referenced where they live (a sibling of the repository checkout) rather
 * than copied, so the mock is always checked against the vendored upstream files.
 */
const APP_DIRECTORY = fileURLToPath(new URL('../../', import.meta.url));
export const OPENMETADATA_SPEC_DIRECTORY = join(APP_DIRECTORY, '../../../shared/openmetadata-spec');

const SCHEMA_DIRECTORY = join(OPENMETADATA_SPEC_DIRECTORY, 'schema');
const BASE_URI = 'https://open-metadata.org/schema/';

/** The root schema file of each value the mock produces. */
export const ROOT_SCHEMAS: Readonly<Record<ProducedSchemaName, string>> = Object.freeze({
  table: 'entity/data/table.json',
  database: 'entity/data/database.json',
  databaseSchema: 'entity/data/databaseSchema.json',
  createTable: 'api/data/createTable.json',
  createDatabase: 'api/data/createDatabase.json',
  createDatabaseSchema: 'api/data/createDatabaseSchema.json',
  paging: 'type/paging.json',
});

// OpenMetadata's code-generation hints: keywords without validation meaning.
const GENERATOR_KEYWORDS = [
  'javaType',
  'javaInterfaces',
  'javaEnums',
  'existingJavaType',
  'mask',
  'outputType',
];
// Keys whose values are data, not subschemas, so a `$ref` under them is not a reference.
const DATA_KEYS = new Set(['enum', 'const', 'default', 'examples', 'javaEnums', 'javaInterfaces']);

function listJsonFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) return listJsonFiles(path);
    return name.endsWith('.json') ? [path] : [];
  });
}

function collectReferences(node: unknown, found: string[] = []): string[] {
  if (Array.isArray(node)) for (const item of node) collectReferences(item, found);
  else if (typeof node === 'object' && node !== null) {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') found.push(value);
      else if (!DATA_KEYS.has(key)) collectReferences(value, found);
    }
  }
  return found;
}

/** A permissive stub with the fragment paths some unreachable reference needs (see the spec README). */
function stubFor(pointers: Iterable<string>): Record<string, unknown> {
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

/** An Ajv (draft-07) set up the way the spec README says, with every vendored schema and the stubs registered. */
export function buildOpenMetadataAjv(): Ajv {
  const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false, multipleOfPrecision: 9 });
  const addFormats = addFormatsModule as unknown as (instance: Ajv) => Ajv;
  addFormats(ajv);
  for (const keyword of GENERATOR_KEYWORDS) ajv.addKeyword({ keyword });
  ajv.addFormat('utc-millisec', {
    type: 'number',
    validate: (value: number) => Number.isInteger(value) && value >= 0,
  });
  ajv.addFormat('timezone', true);
  ajv.addFormat('queryBuilder', true);
  const documents = new Map<string, unknown>();
  for (const path of listJsonFiles(SCHEMA_DIRECTORY)) {
    const relativePath = relative(SCHEMA_DIRECTORY, path).split(sep).join('/');
    documents.set(`${BASE_URI}${relativePath}`, JSON.parse(readFileSync(path, 'utf8')));
  }
  const outside = new Map<string, Set<string>>();
  for (const [uri, document] of documents) {
    ajv.addSchema(document as object, uri);
    for (const reference of collectReferences(document)) {
      const target = new URL(reference, uri);
      const pointer = decodeURIComponent(target.hash.replace(/^#/, ''));
      target.hash = '';
      if (documents.has(target.href)) continue;
      if (!outside.has(target.href)) outside.set(target.href, new Set());
      outside.get(target.href)!.add(pointer);
    }
  }
  for (const [uri, pointers] of outside) ajv.addSchema(stubFor(pointers), uri);
  return ajv;
}

/** One compiled validator per produced schema name. */
export function openMetadataValidators(): Record<ProducedSchemaName, ValidateFunction> {
  const ajv = buildOpenMetadataAjv();
  const entries = Object.entries(ROOT_SCHEMAS).map(([name, file]) => [
    name,
    ajv.getSchema(`${BASE_URI}${file}`)!,
  ]);
  return Object.fromEntries(entries) as Record<ProducedSchemaName, ValidateFunction>;
}

/** Readable failures of `value` against the named schema; empty when it is valid. */
export function schemaViolations(
  validators: Record<ProducedSchemaName, ValidateFunction>,
  schema: ProducedSchemaName,
  value: unknown,
): string[] {
  const validate = validators[schema];
  if (validate(value)) return [];
  return (validate.errors ?? []).map(
    (error) => `${schema}${error.instancePath} ${error.message ?? ''} ${JSON.stringify(error.params)}`,
  );
}

// schema-bundle.mjs - turn the vendored OpenMetadata JSON Schemas into one self-contained schema.
//
// Every `$ref` is resolved by FILE PATH (as OpenMetadata's own code generators do; several files declare an
// `$id` that is not their path, see openmetadata-spec/README.md) and rewritten to a local
// `#/definitions/<Name>` pointer, so neither json-schema-to-typescript nor Ajv ever resolves a URI or touches
// the network. Only what the roots reach is included (fragment-aware: `file#/definitions/x` pulls in `x` only).
//
// One documented override: `databaseService.json#/definitions/databaseConnection` `oneOf`s 57 connection
// schemas (well past 150 files with their own refs). Its `config` is kept opaque (any JSON object) instead.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix, relative, sep } from 'node:path';

/** The root schemas: exported type name -> path under `openmetadata-spec/schema/`. */
export const ROOTS = {
  Table: 'entity/data/table.json',
  CreateTable: 'api/data/createTable.json',
  Database: 'entity/data/database.json',
  CreateDatabase: 'api/data/createDatabase.json',
  DatabaseSchema: 'entity/data/databaseSchema.json',
  CreateDatabaseSchema: 'api/data/createDatabaseSchema.json',
  DatabaseService: 'entity/services/databaseService.json',
  CreateDatabaseService: 'api/services/createDatabaseService.json',
  User: 'entity/teams/user.json',
  CreateUser: 'api/teams/createUser.json',
  Team: 'entity/teams/team.json',
  CreateTeam: 'api/teams/createTeam.json',
  Classification: 'entity/classification/classification.json',
  CreateClassification: 'api/classification/createClassification.json',
  Tag: 'entity/classification/tag.json',
  CreateTag: 'api/classification/createTag.json',
  Glossary: 'entity/data/glossary.json',
  CreateGlossary: 'api/data/createGlossary.json',
  GlossaryTerm: 'entity/data/glossaryTerm.json',
  CreateGlossaryTerm: 'api/data/createGlossaryTerm.json',
  Dashboard: 'entity/data/dashboard.json',
  CreateDashboard: 'api/data/createDashboard.json',
  Pipeline: 'entity/data/pipeline.json',
  CreatePipeline: 'api/data/createPipeline.json',
  Topic: 'entity/data/topic.json',
  CreateTopic: 'api/data/createTopic.json',
  EntityReference: 'type/entityReference.json',
  Paging: 'type/paging.json',
  EntityHistory: 'type/entityHistory.json',
};

/** Subschemas replaced before bundling (target `file#pointer` -> replacement), with the reason. */
export const OVERRIDES = {
  'entity/services/databaseService.json#/definitions/databaseConnection': {
    type: 'object',
    description:
      'Database Connection. Kept opaque by @meta/openmetadata: upstream `oneOf`s 57 connection schemas, which ' +
      'are not vendored; `config` is any JSON object (its `type` names the connection kind, e.g. `Mysql`).',
    properties: {
      config: { type: 'object', additionalProperties: true, description: 'The connection configuration.' },
    },
    additionalProperties: false,
  },
};

// OpenMetadata code-generation hints: no validation or typing meaning, dropped from the bundle.
const HINT_KEYWORDS = new Set([
  '$id',
  '$schema',
  'javaType',
  'javaInterfaces',
  'javaEnums',
  'existingJavaType',
]);
// Keys whose values are data, not subschemas: never rewritten.
const DATA_KEYS = new Set(['enum', 'const', 'default', 'examples']);

function listJson(directory) {
  const files = [];
  for (const name of readdirSync(directory).sort()) {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) files.push(...listJson(path));
    else if (name.endsWith('.json')) files.push(path);
  }
  return files;
}

/** Every schema file under `schemaDirectory`, keyed by its posix path relative to it. */
export function loadSchemas(schemaDirectory) {
  const documents = new Map();
  for (const absolute of listJson(schemaDirectory)) {
    const rel = relative(schemaDirectory, absolute).split(sep).join('/');
    documents.set(rel, JSON.parse(readFileSync(absolute, 'utf8')));
  }
  return documents;
}

function pointerGet(document, pointer) {
  let current = document;
  if (!pointer) return current;
  for (const raw of pointer.replace(/^\//, '').split('/')) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (current === null || typeof current !== 'object' || !(key in current)) return undefined;
    current = current[key];
  }
  return current;
}

function pascalCase(word) {
  return word
    .replace(/[^A-Za-z0-9]+(.)/g, (_, next) => next.toUpperCase())
    .replace(/^./, (c) => c.toUpperCase());
}

/** `file#pointer` of a `$ref` found in `file`, resolved by path. */
function resolveTarget(file, ref) {
  const [refPath, fragment = ''] = ref.split('#');
  const targetFile = refPath === '' ? file : posix.normalize(posix.join(posix.dirname(file), refPath));
  return `${targetFile}#${decodeURIComponent(fragment)}`;
}

// Global names a generated type must not take: `import type { Date } from '@meta/openmetadata'` would hide the
// global in the importing module. A fixed list, so the output does not depend on the Node version's globals.
const GLOBAL_NAMES = [
  ...['Array', 'Boolean', 'Date', 'Error', 'Function', 'JSON', 'Map', 'Math', 'Number', 'Object', 'Promise'],
  ...['Record', 'RegExp', 'Set', 'String', 'Symbol', 'URL', 'Blob', 'Event', 'File', 'Headers', 'Request'],
  'Response',
];

/**
 * Bundle the roots into `{ definitions: { Name: schema } }` with local refs only. Names: each root's name from
 * ROOTS, a whole file its PascalCase base name, a fragment its last segment in PascalCase (prefixed with the
 * file's base name when that name is already taken). Discovery order is fixed, so names are stable. Names of
 * JavaScript globals count as taken, so no exported type shadows one (`basic.json#/definitions/date` is
 * `BasicDate`, not `Date`).
 */
export function bundleSchemas(documents, { forTypes = false } = {}) {
  const names = new Map(); // target -> definition name
  const taken = new Set(GLOBAL_NAMES);
  const queue = [];
  const nameFor = (target, preferred) => {
    if (names.has(target)) return names.get(target);
    const [file, pointer] = target.split('#');
    const base = pascalCase(posix.basename(file, '.json'));
    let name = preferred ?? (pointer ? pascalCase(pointer.split('/').pop()) : base);
    if (taken.has(name)) name = `${base}${name}`;
    for (let suffix = 2; taken.has(name); suffix++) name = `${name.replace(/\d+$/, '')}${suffix}`;
    taken.add(name);
    names.set(target, name);
    queue.push(target);
    return name;
  };
  for (const [name, file] of Object.entries(ROOTS)) nameFor(`${file}#`, name);

  const definitions = {};
  while (queue.length > 0) {
    const target = queue.shift();
    const [file, pointer] = target.split('#');
    if (!documents.has(file)) throw new Error(`$ref target ${target} is not a vendored file`);
    const node = OVERRIDES[target] ?? pointerGet(documents.get(file), pointer);
    if (node === undefined) throw new Error(`$ref target ${target} does not exist`);
    const refName = (ref) => nameFor(resolveTarget(file, ref));
    definitions[names.get(target)] = rewrite(node, file, refName, { forTypes });
  }
  return { definitions };
}

function rewrite(node, file, refName, options) {
  if (Array.isArray(node)) return node.map((item) => rewrite(item, file, refName, options));
  if (node === null || typeof node !== 'object') return node;
  const result = {};
  for (const [key, value] of Object.entries(node)) {
    if (HINT_KEYWORDS.has(key) || key === 'definitions' || key === '$comment' || key === '@comment') continue;
    // Validation needs no prose; the types keep it as TSDoc.
    if (!options.forTypes && (key === 'description' || key === 'title')) continue;
    if (key === '$ref') result.$ref = `#/definitions/${refName(value)}`;
    else if (DATA_KEYS.has(key)) result[key] = value;
    else if (key === 'properties' || key === 'patternProperties') {
      result[key] = Object.fromEntries(
        Object.entries(value).map(([name, schema]) => [name, rewrite(schema, file, refName, options)]),
      );
    } else result[key] = rewrite(value, file, refName, options);
  }
  return options.forTypes ? wrapDescribedRef(result) : result;
}

/**
 * `{ $ref, description }` becomes `{ description, allOf: [{ $ref }] }` for the type generator: its ref parser
 * would otherwise merge the siblings into a fresh copy of the target and declare it again under a numbered name
 * (`EntityReferenceList37`); wrapped, the property keeps its TSDoc and points at the one named type.
 */
function wrapDescribedRef(schema) {
  if (schema.$ref === undefined || Object.keys(schema).length === 1) return schema;
  return schema.description === undefined
    ? { $ref: schema.$ref }
    : { description: schema.description, allOf: [{ $ref: schema.$ref }] };
}

import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { ProducedSchemaName } from '../../src/mock/index.js';
import {
  idAliases,
  loadSchemaDocuments,
  OPENMETADATA_SPEC_DIRECTORY,
  outsideTargets,
  SCHEMA_BASE_URI,
  stubFor,
} from './openmetadata-schema-files.js';

export { OPENMETADATA_SPEC_DIRECTORY };

/** The vendored root schema file of each value the mock produces. */
export const ROOT_SCHEMAS = Object.freeze({
  table: 'entity/data/table.json',
  database: 'entity/data/database.json',
  databaseSchema: 'entity/data/databaseSchema.json',
  databaseService: 'entity/services/databaseService.json',
  user: 'entity/teams/user.json',
  team: 'entity/teams/team.json',
  classification: 'entity/classification/classification.json',
  tag: 'entity/classification/tag.json',
  glossary: 'entity/data/glossary.json',
  glossaryTerm: 'entity/data/glossaryTerm.json',
  dashboard: 'entity/data/dashboard.json',
  pipeline: 'entity/data/pipeline.json',
  topic: 'entity/data/topic.json',
  createTable: 'api/data/createTable.json',
  createDatabase: 'api/data/createDatabase.json',
  createDatabaseSchema: 'api/data/createDatabaseSchema.json',
  createUser: 'api/teams/createUser.json',
  createTeam: 'api/teams/createTeam.json',
  createClassification: 'api/classification/createClassification.json',
  createTag: 'api/classification/createTag.json',
  createGlossary: 'api/data/createGlossary.json',
  createGlossaryTerm: 'api/data/createGlossaryTerm.json',
  createDashboard: 'api/data/createDashboard.json',
  createPipeline: 'api/data/createPipeline.json',
  createTopic: 'api/data/createTopic.json',
  createDatabaseService: 'api/services/createDatabaseService.json',
  paging: 'type/paging.json',
  entityHistory: 'type/entityHistory.json',
} satisfies Partial<Record<ProducedSchemaName, string>>);

const basic = `${SCHEMA_BASE_URI}type/basic.json#/definitions`;

/**
 * Values with no vendored root schema, checked against a small schema composed here. `restoreEntity` is
 * upstream's `api/data/restoreEntity.json` (`{ id }`, a vendored `uuid`), which the vendored set does not carry;
 * `/system/version` answers OpenMetadata's `OpenMetadataServerVersion`, a Java class with no JSON Schema.
 */
export const COMPOSED_SCHEMAS = Object.freeze({
  restoreEntity: {
    type: 'object',
    required: ['id'],
    additionalProperties: false,
    properties: { id: { $ref: `${basic}/uuid` } },
  },
  systemVersion: {
    type: 'object',
    required: ['version', 'revision', 'timestamp'],
    additionalProperties: false,
    properties: { version: { type: 'string' }, revision: { type: 'string' }, timestamp: { type: 'integer' } },
  },
} satisfies Partial<Record<ProducedSchemaName, object>>);

/**
 * The one in-memory change the spec README prescribes: a database connection's `config` is opaque (any object),
 * because its `oneOf` of 57 connection schemas is not vendored and a `oneOf` over permissive stubs rejects
 * everything. The file on disk stays unmodified.
 */
function withOpaqueConnection(uri: string, document: Record<string, unknown>): Record<string, unknown> {
  if (!uri.endsWith('/entity/services/databaseService.json')) return document;
  const copy = structuredClone(document) as { definitions: { databaseConnection: { properties: object } } };
  copy.definitions.databaseConnection.properties = {
    ...copy.definitions.databaseConnection.properties,
    config: { type: 'object' },
  };
  return copy;
}

// OpenMetadata's code-generation hints: keywords without validation meaning.
const GENERATOR_KEYWORDS = [
  'javaType',
  'javaInterfaces',
  'javaEnums',
  'existingJavaType',
  'mask',
  'outputType',
];

/** An Ajv (draft-07) set up as the spec README says: every vendored file, the `$id` aliases and the stubs. */
export function buildOpenMetadataAjv(): Ajv {
  const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false, multipleOfPrecision: 9 });
  (addFormatsModule as unknown as (instance: Ajv) => Ajv)(ajv);
  for (const keyword of GENERATOR_KEYWORDS) ajv.addKeyword({ keyword });
  ajv.addFormat('utc-millisec', {
    type: 'number',
    validate: (value: number) => Number.isInteger(value) && value >= 0,
  });
  ajv.addFormat('timezone', true);
  ajv.addFormat('queryBuilder', true);
  const documents = loadSchemaDocuments();
  for (const [uri, document] of documents) ajv.addSchema(withOpaqueConnection(uri, document), uri);
  for (const [uri, pointers] of outsideTargets(documents)) ajv.addSchema(stubFor(pointers), uri);
  for (const [uri, alias] of idAliases(documents)) ajv.addSchema(alias, uri);
  return ajv;
}

/** One compiled validator for every name the mock records values under. */
export type OpenMetadataValidators = Record<ProducedSchemaName, ValidateFunction>;

/** Compile a validator for every produced schema name (vendored roots and composed schemas). */
export function openMetadataValidators(): OpenMetadataValidators {
  const ajv = buildOpenMetadataAjv();
  const roots = Object.entries(ROOT_SCHEMAS).map(([name, file]) => [
    name,
    ajv.getSchema(`${SCHEMA_BASE_URI}${file}`)!,
  ]);
  const composed = Object.entries(COMPOSED_SCHEMAS).map(([name, schema]) => [name, ajv.compile(schema)]);
  return Object.fromEntries([...roots, ...composed]) as OpenMetadataValidators;
}

/** Readable failures of `value` against the named schema; empty when it is valid. */
export function schemaViolations(
  validators: OpenMetadataValidators,
  schema: ProducedSchemaName,
  value: unknown,
): string[] {
  const validate = validators[schema];
  if (!validate) return [`no validator for ${schema}`];
  if (validate(value)) return [];
  return (validate.errors ?? []).map(
    (error) => `${schema}${error.instancePath} ${error.message ?? ''} ${JSON.stringify(error.params)}`,
  );
}

import type { z } from 'zod';
import {
  createDatabaseRequestSchema,
  createDatabaseSchemaRequestSchema,
  createTableRequestSchema,
} from '../schemas/create-request-schemas.js';
import { databaseEntitySchema, databaseSchemaEntitySchema } from '../schemas/database-entity-schema.js';
import { tableEntitySchema } from '../schemas/table-entity-schema.js';
import type { EntityKind } from './catalog-entity.js';
import type { ProducedSchemaName } from './produced-log.js';

/** How the mock treats one entity kind. */
export interface EntityKindRules {
  /** Validates a patched entity before it is stored. */
  readonly entitySchema: z.ZodType;
  /** Validates `POST`/`PUT` bodies. */
  readonly createSchema: z.ZodType;
  /** The official schema a create body is checked against in the drift test. */
  readonly createSchemaName: ProducedSchemaName;
  /** List query parameters that filter by a parent's fully qualified name. */
  readonly parentParameters: readonly string[];
}

/** The rules of each kind. */
export const ENTITY_KIND_RULES: Readonly<Record<EntityKind, EntityKindRules>> = Object.freeze({
  table: {
    entitySchema: tableEntitySchema,
    createSchema: createTableRequestSchema,
    createSchemaName: 'createTable',
    parentParameters: ['databaseSchema', 'database'],
  },
  database: {
    entitySchema: databaseEntitySchema,
    createSchema: createDatabaseRequestSchema,
    createSchemaName: 'createDatabase',
    parentParameters: ['service'],
  },
  databaseSchema: {
    entitySchema: databaseSchemaEntitySchema,
    createSchema: createDatabaseSchemaRequestSchema,
    createSchemaName: 'createDatabaseSchema',
    parentParameters: ['database'],
  },
});

/** Fields a JSON patch may not touch: the server owns them. */
export const SERVER_OWNED_FIELDS: readonly string[] = Object.freeze([
  'id',
  'name',
  'fullyQualifiedName',
  'version',
  'updatedAt',
  'updatedBy',
  'href',
  'deleted',
]);

export {
  type CreateDatabaseRequest,
  type CreateDatabaseSchemaRequest,
  type CreateTableRequest,
  createDatabaseRequestSchema,
  createDatabaseSchemaRequestSchema,
  createTableRequestSchema,
} from './create-request-schemas.js';
export {
  type DatabaseEntity,
  type DatabaseSchemaEntity,
  databaseEntitySchema,
  databaseSchemaEntitySchema,
} from './database-entity-schema.js';
export { type EntityList, entityListSchema, type Paging, pagingSchema } from './entity-list-schema.js';
export { type EntityReference, entityReferenceSchema } from './entity-reference-schema.js';
export { type ErrorBody, errorBodySchema } from './error-body-schema.js';
export { type Column, columnSchema, type TableEntity, tableEntitySchema } from './table-entity-schema.js';

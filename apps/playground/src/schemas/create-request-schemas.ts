import { z } from 'zod';
import { columnSchema } from './table-entity-schema.js';

const entityName = z
  .string()
  .min(1)
  .max(256)
  .refine((name) => !name.includes('::'), 'must not contain "::"');
const fullyQualifiedName = z.string().min(1).max(3072);

/**
 * The body of `POST`/`PUT /api/v1/tables` (`api/data/createTable.json`). Strict, as the server is: an unknown field
 * is a 400, which is how the mock catches a request body that drifted from the API.
 */
export const createTableRequestSchema = z.strictObject({
  name: entityName,
  displayName: z.string().optional(),
  description: z.string().optional(),
  tableType: z.enum(['Regular', 'External', 'View', 'SecureView', 'MaterializedView', 'Iceberg']).optional(),
  columns: z.array(columnSchema),
  databaseSchema: fullyQualifiedName,
});

/** A create-table request body. */
export type CreateTableRequest = z.infer<typeof createTableRequestSchema>;

/** The body of `POST`/`PUT /api/v1/databases` (`api/data/createDatabase.json`). */
export const createDatabaseRequestSchema = z.strictObject({
  name: entityName,
  displayName: z.string().optional(),
  description: z.string().optional(),
  service: fullyQualifiedName,
  default: z.boolean().optional(),
});

/** A create-database request body. */
export type CreateDatabaseRequest = z.infer<typeof createDatabaseRequestSchema>;

/** The body of `POST`/`PUT /api/v1/databaseSchemas` (`api/data/createDatabaseSchema.json`). */
export const createDatabaseSchemaRequestSchema = z.strictObject({
  name: entityName,
  displayName: z.string().optional(),
  description: z.string().optional(),
  database: fullyQualifiedName,
});

/** A create-database-schema request body. */
export type CreateDatabaseSchemaRequest = z.infer<typeof createDatabaseSchemaRequestSchema>;

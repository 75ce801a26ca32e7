import { z } from 'zod';
import { entityCoreFields } from './entity-core-fields.js';
import { entityReferenceSchema } from './entity-reference-schema.js';

/** The fields of OpenMetadata's Database entity (`entity/data/database.json`) the playground relies on. */
export const databaseEntitySchema = z.looseObject({
  ...entityCoreFields,
  service: entityReferenceSchema,
  serviceType: z.string().optional(),
  default: z.boolean().optional(),
  deleted: z.boolean().optional(),
});

/** A database as the API returns it. */
export type DatabaseEntity = z.infer<typeof databaseEntitySchema>;

/** The fields of OpenMetadata's DatabaseSchema entity (`entity/data/databaseSchema.json`). */
export const databaseSchemaEntitySchema = z.looseObject({
  ...entityCoreFields,
  database: entityReferenceSchema,
  service: entityReferenceSchema,
  serviceType: z.string().optional(),
  deleted: z.boolean().optional(),
});

/** A database schema (the namespace between a database and its tables) as the API returns it. */
export type DatabaseSchemaEntity = z.infer<typeof databaseSchemaEntitySchema>;

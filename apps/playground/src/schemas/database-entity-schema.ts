import { z } from 'zod';
import { entityReferenceSchema } from './entity-reference-schema.js';

/** The fields of OpenMetadata's Database entity (`entity/data/database.json`) the playground relies on. */
export const databaseEntitySchema = z.looseObject({
  id: z.uuid(),
  name: z.string().min(1).max(256),
  fullyQualifiedName: z.string().min(1),
  displayName: z.string().optional(),
  description: z.string().optional(),
  version: z.number().nonnegative(),
  updatedAt: z.number().int(),
  updatedBy: z.string().optional(),
  href: z.url(),
  service: entityReferenceSchema,
  serviceType: z.string().optional(),
  default: z.boolean().optional(),
  deleted: z.boolean().optional(),
});

/** A database as the API returns it. */
export type DatabaseEntity = z.infer<typeof databaseEntitySchema>;

/** The fields of OpenMetadata's DatabaseSchema entity (`entity/data/databaseSchema.json`). */
export const databaseSchemaEntitySchema = z.looseObject({
  id: z.uuid(),
  name: z.string().min(1).max(256),
  fullyQualifiedName: z.string().min(1),
  description: z.string().optional(),
  version: z.number().nonnegative(),
  updatedAt: z.number().int(),
  updatedBy: z.string().optional(),
  href: z.url(),
  database: entityReferenceSchema,
  service: entityReferenceSchema,
  serviceType: z.string().optional(),
  deleted: z.boolean().optional(),
});

/** A database schema (the namespace between a database and its tables) as the API returns it. */
export type DatabaseSchemaEntity = z.infer<typeof databaseSchemaEntitySchema>;

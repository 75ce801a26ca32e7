import { z } from 'zod';
import { entityCoreFields } from './entity-core-fields.js';
import { entityReferenceSchema } from './entity-reference-schema.js';

/** One column of a table (`entity/data/table.json#/definitions/column`); nested columns are kept as they come. */
export const columnSchema = z.looseObject({
  name: z.string().min(1).max(256),
  dataType: z.string().min(1),
  dataLength: z.number().int().optional(),
  dataTypeDisplay: z.string().optional(),
  description: z.string().optional(),
  fullyQualifiedName: z.string().optional(),
  constraint: z.string().optional(),
  ordinalPosition: z.number().int().optional(),
  tags: z.array(z.looseObject({ tagFQN: z.string() })).optional(),
});

/** A table column. */
export type Column = z.infer<typeof columnSchema>;

/**
 * The fields of OpenMetadata's Table entity (`entity/data/table.json`) the playground relies on. Loose: unknown
 * fields pass through untouched, so the same schema works against a real server that sends more.
 */
export const tableEntitySchema = z.looseObject({
  ...entityCoreFields,
  tableType: z.string().optional(),
  columns: z.array(columnSchema),
  databaseSchema: entityReferenceSchema.optional(),
  database: entityReferenceSchema.optional(),
  service: entityReferenceSchema.optional(),
  serviceType: z.string().optional(),
  deleted: z.boolean().optional(),
});

/** A table as the API returns it. */
export type TableEntity = z.infer<typeof tableEntitySchema>;

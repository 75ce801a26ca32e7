import { z } from 'zod';

/**
 * OpenMetadata's `EntityReference` (`type/entityReference.json`): how one entity points at another (a table at its
 * schema, a database at its service). Loose, because servers add fields over time and a client should not break.
 */
export const entityReferenceSchema = z.looseObject({
  id: z.uuid(),
  type: z.string().min(1),
  name: z.string().optional(),
  fullyQualifiedName: z.string().optional(),
  displayName: z.string().optional(),
  deleted: z.boolean().optional(),
  href: z.url().optional(),
});

/** A reference to another entity, as OpenMetadata embeds it. */
export type EntityReference = z.infer<typeof entityReferenceSchema>;

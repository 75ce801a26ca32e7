import { z } from 'zod';

/**
 * The fields every OpenMetadata entity the playground reads has (`id`, `name`, `fullyQualifiedName`, `version`,
 * `updatedAt`, `href`, ...), declared once and spread into each entity's schema.
 */
export const entityCoreFields = {
  id: z.uuid(),
  name: z.string().min(1).max(256),
  fullyQualifiedName: z.string().min(1),
  displayName: z.string().optional(),
  description: z.string().optional(),
  version: z.number().nonnegative(),
  updatedAt: z.number().int(),
  updatedBy: z.string().optional(),
  href: z.url(),
};

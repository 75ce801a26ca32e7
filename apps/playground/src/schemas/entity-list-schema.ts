import { z } from 'zod';

/**
 * The `paging` object of OpenMetadata list responses (`type/paging.json`, plus `limit`, which newer servers send
 * for offset paging). A missing cursor means the first (`before`) or last (`after`) page.
 */
export const pagingSchema = z.looseObject({
  before: z.string().optional(),
  after: z.string().optional(),
  offset: z.number().int().optional(),
  limit: z.number().int().optional(),
  total: z.number().int().nonnegative(),
});

/** Cursor paging information of a list response. */
export type Paging = z.infer<typeof pagingSchema>;

/**
 * The list envelope OpenMetadata's `ResultList<T>` serialises to: `{ data: [...], paging }`.
 *
 * @example
 * ```ts
 * const page = await client.get('/tables', { limit: 2 }, { schema: entityListSchema(tableEntitySchema) });
 * ```
 */
export function entityListSchema<Item extends z.ZodType>(item: Item) {
  return z.looseObject({ data: z.array(item), paging: pagingSchema });
}

/** A page of entities. */
export interface EntityList<Item> {
  data: Item[];
  paging: Paging;
}

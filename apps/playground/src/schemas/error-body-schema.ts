import { z } from 'zod';

/** OpenMetadata's error body (Dropwizard `ErrorMessage`): `{ code: <HTTP status>, message }`. */
export const errorBodySchema = z.looseObject({
  code: z.number().int(),
  message: z.string(),
});

/** An error body. */
export type ErrorBody = z.infer<typeof errorBodySchema>;

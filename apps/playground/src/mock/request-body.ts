import type { z } from 'zod';
import { errorResponse } from './error-response.js';

/** A parsed and validated body, or the error response the server would send instead. */
export type BodyResult<Value> = { readonly value: Value } | { readonly error: Response };

function mediaTypeOf(request: Request): string {
  return (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
}

/** Turn zod issues into the `[field message, ...]` text OpenMetadata's constraint-violation mapper produces. */
export function violationMessage(issues: readonly z.core.$ZodIssue[]): string {
  const parts = issues.map((issue) => {
    if (issue.code === 'unrecognized_keys')
      return `Unrecognized field ${issue.keys.map((key) => `"${key}"`).join(', ')}`;
    const field = issue.path.join('.') || 'body';
    if (issue.code === 'invalid_type' && issue.message.endsWith('received undefined')) {
      return `${field} must not be null`;
    }
    return `${field} ${issue.message}`;
  });
  return `[${parts.join(', ')}]`;
}

/**
 * Read a JSON body of the expected media type and validate it: 415 for another media type, 400 for invalid JSON
 * or a body the schema rejects, as OpenMetadata answers.
 */
export async function readJsonBody<Schema extends z.ZodType>(
  request: Request,
  mediaType: string,
  schema: Schema,
): Promise<BodyResult<z.infer<Schema>>> {
  if (mediaTypeOf(request) !== mediaType) {
    return { error: errorResponse(415, 'HTTP 415 Unsupported Media Type') };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(await request.text());
  } catch {
    return { error: errorResponse(400, 'Unable to process JSON') };
  }
  const result = schema.safeParse(parsed);
  if (!result.success) return { error: errorResponse(400, violationMessage(result.error.issues)) };
  return { value: result.data };
}

import { type Redactor, ResponseParseError } from '@meta/errors';
import type { TransportResponse } from '@meta/transport';
import type { CallState } from './call-state.js';
import { decodeResponseBody } from './response-decoding.js';

/**
 * The value a 2xx call resolves to: the decoded body, validated by the call's zod schema when one was given
 * (a mismatch is a `ResponseParseError` carrying zod's issues), wrapped as `{ status, headers, data }` for
 * `rawData`.
 */
export async function successResult(
  response: TransportResponse,
  call: CallState,
  url: string,
  redactor: Redactor,
): Promise<unknown> {
  let data = await decodeResponseBody(response, { method: call.method, url, redactor });
  if (call.schema !== undefined) {
    // safeParseAsync handles sync and async refinements alike; safeParse would throw a bare zod error on the latter.
    const schema = call.schema;
    const result =
      typeof schema.safeParseAsync === 'function'
        ? await schema.safeParseAsync(data)
        : schema.safeParse(data);
    if (!result.success) {
      throw new ResponseParseError({
        statusCode: response.status,
        message: 'the response did not match the schema',
        issues: result.error.issues.map((issue) => ({
          path: issue.path,
          message: issue.message,
          code: issue.code,
        })),
        method: call.method,
        url,
        redactor,
      });
    }
    data = result.data;
  }
  if (!call.rawData) return data;
  return { status: response.status, headers: response.headers.toRecord(), data };
}

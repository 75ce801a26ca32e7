import type { Redactor } from '@meta/errors';
import type { PipelineCall, SuccessOutcome } from './pipeline-call.js';
import { decodeSuccessBody } from './response-decoding.js';
import { validateWithSchema } from './standard-schema.js';

/**
 * The value a 2xx call resolves to: the decoded body, validated by the call's schema when one was given (a
 * mismatch is a `ResponseParseError` carrying the issues), wrapped as `{ status, headers, data }` for `rawData`.
 */
export async function successResult(
  outcome: SuccessOutcome,
  call: PipelineCall,
  redactor: Redactor,
): Promise<unknown> {
  const { response, request } = outcome;
  const target = {
    method: call.method,
    url: request.url,
    status: response.status,
    contentType: response.headers.get('content-type'),
    redactor,
  };
  let data = decodeSuccessBody(outcome.text, target, call.rawData);
  if (call.schema !== undefined) {
    const target = { method: call.method, url: request.url, statusCode: response.status, redactor };
    data = await validateWithSchema(call.schema, data, target);
  }
  if (!call.rawData) return data;
  return { status: response.status, headers: response.headers.toRecord(), data };
}

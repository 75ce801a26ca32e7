import type { Redactor } from '@meta/errors';
import type { TransportResponse } from '@meta/transport';
import type { PipelineCall, SuccessOutcome } from './pipeline-call.js';
import { decodeSuccessBody } from './response-decoding.js';
import { validateWithSchema } from './standard-schema.js';

/**
 * The value a 2xx call resolves to: the decoded body, validated by the call's schema when one was given (a
 * mismatch is a `ResponseParseError` carrying the issues), wrapped as `{ status, headers, data }` for `rawData`.
 * Synchronous unless a schema validates (the body is already read): no promise layer on the common path.
 */
export function successResult(outcome: SuccessOutcome, call: PipelineCall, redactor: Redactor): unknown {
  const { response, request } = outcome;
  const target = {
    method: call.method,
    url: request.url,
    status: response.status,
    contentType: response.headers.get('content-type'),
    redactor,
  };
  const data = decodeSuccessBody(outcome.text, target, call.rawData);
  if (call.schema === undefined) return shaped(data, response, call.rawData);
  const schemaTarget = { method: call.method, url: request.url, statusCode: response.status, redactor };
  return validateWithSchema(call.schema, data, schemaTarget).then((valid) =>
    shaped(valid, response, call.rawData),
  );
}

function shaped(data: unknown, response: TransportResponse, rawData: boolean): unknown {
  if (!rawData) return data;
  return { status: response.status, headers: response.headers.toRecord(), data };
}

import { createRedactor, type Redactor } from '@meta/errors';
import type { TransportRequest } from '../transport.js';

/** A request as the testing transport recorded it: secrets already masked. */
export interface RecordedRequest {
  readonly method: string;
  /** The URL with userinfo and secret query values masked. */
  readonly url: string;
  /** Headers as sent, sensitive values masked (`Authorization: Bearer ****`). */
  readonly headers: Readonly<Record<string, string>>;
  /** The body as text (bytes decoded as UTF-8) with known secret values masked, or `undefined`. */
  readonly body: string | undefined;
  readonly timeoutMs: number | undefined;
  readonly maxResponseBytes: number | undefined;
  /** True when the request carried an `AbortSignal`. */
  readonly hasSignal: boolean;
}

const fallbackRedactor = createRedactor();

/** Record a request through its own redactor (the client's policy), or the default policy. */
export function recordRequest(request: TransportRequest, redactor?: Redactor): RecordedRequest {
  const policy = request.redactor ?? redactor ?? fallbackRedactor;
  const body =
    request.body === undefined
      ? undefined
      : typeof request.body === 'string'
        ? request.body
        : new TextDecoder().decode(request.body);
  return Object.freeze({
    method: request.method,
    url: policy.url(request.url),
    headers: Object.freeze(policy.headers(request.headers)),
    body: body === undefined ? undefined : policy.text(body),
    timeoutMs: request.timeoutMs,
    maxResponseBytes: request.maxResponseBytes,
    hasSignal: request.signal !== undefined,
  });
}

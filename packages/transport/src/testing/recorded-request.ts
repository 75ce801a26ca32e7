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

/**
 * The credentials this request carries in its sensitive headers (`Bearer abc` gives `Bearer abc` and `abc`; a
 * cookie gives each value), so a copy of one in the URL or body of the same request is masked by value too.
 */
function credentialsOf(headers: Readonly<Record<string, string>>, policy: Redactor): string[] {
  const credentials: string[] = [];
  for (const [name, value] of Object.entries(headers)) {
    if (!policy.isSensitiveHeader(name)) continue;
    credentials.push(value.trim());
    const afterScheme = /^\S+\s+(\S.*)$/.exec(value.trim())?.[1];
    if (afterScheme !== undefined) credentials.push(afterScheme);
    for (const pair of value.split(';')) {
      const equals = pair.indexOf('=');
      if (equals > 0) credentials.push(pair.slice(equals + 1).trim());
    }
  }
  return credentials;
}

/** Record a request through its own redactor (the client's policy), or the default policy. */
export function recordRequest(request: TransportRequest, redactor?: Redactor): RecordedRequest {
  const base = request.redactor ?? redactor ?? fallbackRedactor;
  const credentials = credentialsOf(request.headers, base);
  const policy = credentials.length === 0 ? base : base.extend({ secrets: credentials });
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

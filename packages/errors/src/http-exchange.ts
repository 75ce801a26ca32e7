import type { HeaderRecord, HeadersLike, Redactor } from './redaction.js';

/** The largest error body kept on an error, in UTF-16 code units of text (SPEC 3.8: 64 KiB). */
export const MAX_ERROR_BODY_CHARACTERS = 64 * 1024;

/** The request side of a failed exchange, as stored on errors: redacted. */
export interface ErrorRequestInfo {
  readonly method: string;
  readonly url: string;
  readonly headers: HeaderRecord;
}

/** The response side of a failed exchange, as stored on errors: redacted, body parsed when JSON. */
export interface ErrorResponseInfo {
  readonly status: number;
  readonly statusText: string;
  readonly headers: HeaderRecord;
  readonly body: unknown;
}

/** The request as a caller hands it to an error constructor; it is redacted before it is stored. */
export interface RequestInfoInput {
  readonly method: string;
  readonly url: string | URL;
  readonly headers?: HeadersLike;
}

/** The response as a caller hands it to an error constructor; it is redacted before it is stored. */
export interface ResponseInfoInput {
  readonly status: number;
  readonly statusText?: string;
  readonly headers?: HeadersLike;
  readonly body?: unknown;
}

/** Cut text to the error-body bound, saying how much was dropped. */
export function boundedSnippet(text: string, limit = MAX_ERROR_BODY_CHARACTERS): string {
  if (text.length <= limit) return text;
  return `${text.slice(0, limit)}… [${text.length - limit} more characters]`;
}

export function redactRequest(request: RequestInfoInput, redactor: Redactor): ErrorRequestInfo {
  return Object.freeze({
    method: String(request.method).toUpperCase(),
    url: redactor.url(request.url),
    headers: Object.freeze(redactor.headers(request.headers)),
  });
}

export function redactResponse(response: ResponseInfoInput, redactor: Redactor): ErrorResponseInfo {
  const body =
    typeof response.body === 'string'
      ? redactor.text(boundedSnippet(response.body))
      : redactor.value(response.body);
  return Object.freeze({
    status: response.status,
    statusText: response.statusText ?? '',
    headers: Object.freeze(redactor.headers(response.headers)),
    body,
  });
}

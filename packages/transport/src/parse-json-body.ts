import { type Redactor, ResponseParseError } from '@meta/errors';

/** What a JSON parse error names. */
export interface JsonContext {
  readonly method: string;
  readonly url: string;
  readonly statusCode: number;
  readonly redactor?: Redactor | undefined;
}

/** Parse a response body as JSON; invalid JSON is a {@link ResponseParseError} with a bounded, redacted snippet. */
export function parseJsonBody<T>(text: string, context: JsonContext): T {
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    throw new ResponseParseError({
      message: 'the response body is not valid JSON',
      statusCode: context.statusCode,
      snippet: text,
      method: context.method,
      url: context.url,
      cause: error,
      ...(context.redactor ? { redactor: context.redactor } : {}),
    });
  }
}

/** The error for a second read of a one-shot body: a programming mistake, so a plain `TypeError`. */
export function bodyAlreadyUsed(): TypeError {
  return new TypeError('the response body was already read or cancelled');
}

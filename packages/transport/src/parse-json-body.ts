import { createRedactor, type Redactor, ResponseParseError } from '@meta/errors';

/** What a JSON parse error names. */
export interface JsonContext {
  readonly method: string;
  readonly url: string;
  readonly statusCode: number;
  readonly redactor?: Redactor | undefined;
}

/** The policy for a request that brought none (a direct `send()` without a redactor): the default one. */
let defaultRedactor: Redactor | undefined;

/**
 * The cause of a JSON parse error, safe to keep: V8's `SyntaxError` quotes the body it could not parse (a short
 * body whole, a long one as a 10-character window) and a body may echo a token: a window can hold part of one,
 * which no redactor can recognise. So the copy keeps the engine's words up to the first quote
 * (`Unexpected token 'e'`, `Unterminated string in JSON at position 9`), redacted, and never the excerpt; the
 * parse error's own snippet shows the body, redacted whole. A value that is not an `Error` is kept as is (it
 * carries no body text); without a `redactor` the default policy applies.
 */
export function redactedJsonCause(error: unknown, redactor?: Redactor): unknown {
  if (!(error instanceof Error)) return error;
  const quote = error.message.indexOf('"');
  let words = quote === -1 ? error.message : error.message.slice(0, quote);
  while (words.endsWith(' ') || words.endsWith(',')) words = words.slice(0, -1);
  redactor ??= defaultRedactor ??= createRedactor();
  const message = redactor.text(words || 'invalid JSON');
  return error instanceof SyntaxError ? new SyntaxError(message) : new Error(message);
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
      // Never the engine's SyntaxError itself: its message quotes the body (see redactedJsonCause).
      cause: redactedJsonCause(error, context.redactor),
      ...(context.redactor ? { redactor: context.redactor } : {}),
    });
  }
}

/** The error for a second read of a one-shot body: a programming mistake, so a plain `TypeError`. */
export function bodyAlreadyUsed(): TypeError {
  return new TypeError('the response body was already read or cancelled');
}

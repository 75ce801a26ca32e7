import type { ErrorResponseInfo, ResponseInfoInput } from './http-exchange.js';
import { redactResponse } from './http-exchange.js';
import { hasErrorKind, MetaError, type MetaErrorOptions } from './meta-error.js';
import { optionalNumber, optionsObject } from './option-checks.js';
import { redactorOf } from './redaction.js';

/** Options of {@link RetryException}. */
export interface RetryExceptionOptions extends MetaErrorOptions {
  /** The 1-based attempt that asked for the retry. */
  readonly attempt?: number | undefined;
  /** The response that was found retryable, when there is one (stored redacted). */
  readonly response?: ResponseInfoInput | undefined;
  /** The delay the server asked for, in milliseconds (`Retry-After`), when known. */
  readonly retryAfterMs?: number | undefined;
  /** A human-readable reason. */
  readonly message?: string | undefined;
}

/**
 * The signal that an attempt is retryable, as in the Python original (`RetryException`). The REST client throws
 * it inside its retry loop; a `beforeRequest` or `afterResponse` hook may throw it to ask for a retry (its
 * `retryAfterMs` honoured like a server's `Retry-After`). Callers rarely see it: when attempts run out the client
 * throws the {@link APIError} for the last response instead, or this exception when a `beforeRequest` hook asked
 * and no response exists.
 */
export class RetryException extends MetaError {
  static override readonly kind: string = 'RetryException';

  /** The 1-based attempt that asked for the retry, when known. */
  readonly attempt: number | undefined;
  /** The retryable response, redacted, when there is one. */
  readonly response: ErrorResponseInfo | undefined;
  /** The delay the server asked for in milliseconds, when known. */
  readonly retryAfterMs: number | undefined;

  constructor(input?: RetryExceptionOptions | null) {
    const options = checkedOptions(input);
    const redactor = redactorOf(options);
    const status = options.response?.status;
    const message =
      options.message ?? (status === undefined ? 'Retryable failure' : `Retryable response: HTTP ${status}`);
    super(message, 'ERR_RETRY', { ...options, redactor });
    this.attempt = options.attempt;
    this.response = options.response ? redactResponse(options.response, redactor) : undefined;
    this.retryAfterMs = options.retryAfterMs;
  }

  protected override details(): Record<string, unknown> {
    return { attempt: this.attempt, retryAfterMs: this.retryAfterMs, response: this.response };
  }
}

/** The options with their kinds checked: a ConfigError names any option of the wrong kind. */
function checkedOptions(input: RetryExceptionOptions | null | undefined): RetryExceptionOptions {
  const options = optionsObject(input, 'options') as RetryExceptionOptions;
  optionalNumber(options.attempt, 'attempt', { integer: true });
  optionalNumber(options.retryAfterMs, 'retryAfterMs');
  if (options.response === undefined || options.response === null) {
    const { response: _response, ...rest } = options;
    return rest;
  }
  const response = optionsObject(options.response, 'response') as ResponseInfoInput;
  optionalNumber(response.status, 'response.status', { integer: true });
  return options;
}

/** True when `value` is a {@link RetryException} from any installed copy of @meta/errors. */
export function isRetryException(value: unknown): value is RetryException {
  return hasErrorKind(value, 'RetryException');
}

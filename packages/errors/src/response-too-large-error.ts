import { hasErrorKind, MetaError, type MetaErrorOptions } from './meta-error.js';
import { checkedNumber, optionalNumber, optionsObject } from './option-checks.js';
import { resolveTarget, withTarget } from './request-target.js';

/** Options of {@link ResponseTooLargeError}. */
export interface ResponseTooLargeErrorOptions extends MetaErrorOptions {
  /** The request method; stored upper case. */
  readonly method?: string | undefined;
  /** The request URL; stored redacted. */
  readonly url?: string | URL | undefined;
  /** The limit that was crossed, in decoded bytes (`maxResponseBytes`). */
  readonly limitBytes: number;
  /** The HTTP status of the response, when known. */
  readonly statusCode?: number | undefined;
}

/** The response body grew past `maxResponseBytes` (counted after decoding); reading stopped and the socket was dropped. */
export class ResponseTooLargeError extends MetaError {
  static override readonly kind: string = 'ResponseTooLargeError';

  declare readonly code: 'ERR_RESPONSE_TOO_LARGE';
  /** The limit that was crossed, in decoded bytes. */
  readonly limitBytes: number;
  /** The HTTP status of the response, when known. */
  readonly statusCode: number | undefined;
  /** The request method, when known. */
  readonly method: string | undefined;
  /** The redacted request URL, when known. */
  readonly url: string | undefined;

  constructor(input: ResponseTooLargeErrorOptions) {
    const options = optionsObject(input, 'options') as ResponseTooLargeErrorOptions;
    checkedNumber(options.limitBytes, 'limitBytes', { integer: true });
    optionalNumber(options.statusCode, 'statusCode', { integer: true });
    const target = resolveTarget(options);
    const { redactor } = target;
    super(
      withTarget(target, ': ', `response body exceeded ${options.limitBytes} bytes`),
      'ERR_RESPONSE_TOO_LARGE',
      { ...options, redactor },
    );
    this.limitBytes = options.limitBytes;
    this.statusCode = options.statusCode;
    this.method = target.method;
    this.url = target.url;
  }

  protected override details(): Record<string, unknown> {
    return { limitBytes: this.limitBytes, statusCode: this.statusCode, method: this.method, url: this.url };
  }
}

/** True when `value` is a {@link ResponseTooLargeError} from any installed copy of @meta/errors. */
export function isResponseTooLargeError(value: unknown): value is ResponseTooLargeError {
  return hasErrorKind(value, 'ResponseTooLargeError');
}

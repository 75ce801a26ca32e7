import { ConfigError } from './config-error.js';
import { hasErrorKind, MetaError, type MetaErrorOptions } from './meta-error.js';
import { optionalNumber, optionsObject } from './option-checks.js';
import { resolveTarget, withTarget } from './request-target.js';

/** Which deadline passed: the connection, the response headers, the body, or the whole call. */
export type TimeoutPhase = 'connect' | 'headers' | 'body' | 'total';

/** Every {@link TimeoutPhase}, in the order an exchange passes them. */
const TIMEOUT_PHASES: readonly TimeoutPhase[] = Object.freeze(['connect', 'headers', 'body', 'total']);

/** Options of {@link TimeoutError}. */
export interface TimeoutErrorOptions extends MetaErrorOptions {
  /** The request method; stored upper case. */
  readonly method?: string | undefined;
  /** The request URL; stored redacted. */
  readonly url?: string | URL | undefined;
  /** Which deadline passed. */
  readonly phase: TimeoutPhase;
  /** The deadline that passed, in milliseconds, when known. */
  readonly timeoutMs?: number | undefined;
}

/**
 * A deadline passed before the exchange finished. `phase` says which: `connect` (TCP/TLS), `headers` (waiting
 * for the status line and headers), `body` (reading the body), or `total` (`totalTimeoutMs` across attempts).
 */
export class TimeoutError extends MetaError {
  static override readonly kind: string = 'TimeoutError';

  declare readonly code: 'ERR_TIMEOUT';
  /** Which deadline passed. */
  readonly phase: TimeoutPhase;
  /** The deadline in milliseconds, when known. */
  readonly timeoutMs: number | undefined;
  /** The request method, when known. */
  readonly method: string | undefined;
  /** The redacted request URL, when known. */
  readonly url: string | undefined;

  constructor(input: TimeoutErrorOptions) {
    const options = optionsObject(input, 'options') as TimeoutErrorOptions;
    if (!TIMEOUT_PHASES.includes(options.phase)) {
      throw new ConfigError(`"phase" must be one of ${TIMEOUT_PHASES.join(', ')}`, { field: 'phase' });
    }
    optionalNumber(options.timeoutMs, 'timeoutMs');
    const target = resolveTarget(options);
    const { redactor } = target;
    const limit = options.timeoutMs === undefined ? '' : ` after ${options.timeoutMs} ms`;
    super(withTarget(target, ' ', `timed out (${options.phase})${limit}`), 'ERR_TIMEOUT', {
      ...options,
      redactor,
    });
    this.phase = options.phase;
    this.timeoutMs = options.timeoutMs;
    this.method = target.method;
    this.url = target.url;
  }

  protected override details(): Record<string, unknown> {
    return { phase: this.phase, timeoutMs: this.timeoutMs, method: this.method, url: this.url };
  }
}

/** True when `value` is a {@link TimeoutError} from any installed copy of @meta/errors. */
export function isTimeoutError(value: unknown): value is TimeoutError {
  return hasErrorKind(value, 'TimeoutError');
}

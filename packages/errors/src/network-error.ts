import { ConfigError } from './config-error.js';
import { hasErrorKind, MetaError, type MetaErrorOptions } from './meta-error.js';
import { optionalString, optionsObject } from './option-checks.js';
import { resolveTarget, withTarget } from './request-target.js';

/** Options of {@link NetworkError}. */
export interface NetworkErrorOptions extends MetaErrorOptions {
  /** The request method; stored upper case. */
  readonly method?: string | undefined;
  /** The request URL; stored redacted. */
  readonly url?: string | URL | undefined;
  /**
   * The system or undici code: `ECONNREFUSED`, `ECONNRESET`, `ENOTFOUND`, `EPIPE`, `UND_ERR_SOCKET`,
   * `DEPTH_ZERO_SELF_SIGNED_CERT`, ... Defaults to the `code` of `cause` (or of its cause), else `ERR_NETWORK`.
   */
  readonly code?: string | undefined;
  /** A short description of what went wrong; the method and redacted URL are added to it. */
  readonly message?: string | undefined;
  /** True when the failure happened before any response byte arrived (so an idempotent request may be retried). */
  readonly beforeResponse?: boolean | undefined;
  /**
   * False when a replay cannot succeed although no response arrived (a TLS alert such as a missing client
   * certificate, a proxy refusing the tunnel). Defaults to `beforeResponse`.
   */
  readonly retryable?: boolean | undefined;
  /** The status a proxy answered a `CONNECT` with (code `ERR_PROXY_TUNNEL`). */
  readonly proxyStatus?: number | undefined;
}

/** The `code` of a platform error (`ECONNREFUSED`), or of its own cause (undici wraps the socket error). */
function platformCode(cause: unknown, depth = 0): string | undefined {
  if (typeof cause !== 'object' || cause === null || depth > 2) return undefined;
  try {
    const { code, cause: inner } = cause as { code?: unknown; cause?: unknown };
    if (typeof code === 'string' && code.length > 0 && code.length <= 64) return code;
    return platformCode(inner, depth + 1);
  } catch {
    return undefined;
  }
}

/**
 * No (complete) response arrived: the connection was refused or reset, DNS failed, TLS failed, or the peer broke
 * the HTTP protocol. `code` keeps the platform's code and `cause` the platform's error.
 */
export class NetworkError extends MetaError {
  static override readonly kind: string = 'NetworkError';

  declare readonly code: string;
  /** The request method, when known. */
  readonly method: string | undefined;
  /** The redacted request URL, when known. */
  readonly url: string | undefined;
  /** True when the failure happened before any response byte arrived. */
  readonly beforeResponse: boolean;
  /** True when replaying the request may succeed: no response byte arrived and the failure is not permanent. */
  readonly retryable: boolean;
  /** The status a proxy answered a `CONNECT` with, for code `ERR_PROXY_TUNNEL`. */
  readonly proxyStatus: number | undefined;

  constructor(input?: NetworkErrorOptions | null) {
    const options = optionsObject(input, 'options') as NetworkErrorOptions;
    optionalString(options.code, 'code');
    if (options.beforeResponse !== undefined && typeof options.beforeResponse !== 'boolean') {
      throw new ConfigError('"beforeResponse" must be a boolean', { field: 'beforeResponse' });
    }
    const target = resolveTarget(options);
    const { redactor } = target;
    const code = options.code ?? platformCode(options.cause) ?? 'ERR_NETWORK';
    const reason = options.message ?? 'network error';
    super(withTarget(target, ' failed: ', `${reason} (${code})`), code, { ...options, redactor });
    this.method = target.method;
    this.url = target.url;
    this.beforeResponse = options.beforeResponse ?? false;
    this.retryable = this.beforeResponse && options.retryable !== false;
    this.proxyStatus = typeof options.proxyStatus === 'number' ? options.proxyStatus : undefined;
  }

  protected override details(): Record<string, unknown> {
    return {
      method: this.method,
      url: this.url,
      beforeResponse: this.beforeResponse,
      ...(this.proxyStatus === undefined ? {} : { proxyStatus: this.proxyStatus }),
    };
  }
}

/** True when `value` is a {@link NetworkError} from any installed copy of @meta/errors. */
export function isNetworkError(value: unknown): value is NetworkError {
  return hasErrorKind(value, 'NetworkError');
}

import { ConfigError } from './config-error.js';
import { hasErrorKind, MetaError, type MetaErrorOptions } from './meta-error.js';
import { checkedNumber, optionsObject } from './option-checks.js';
import { resolveTarget, withTarget } from './request-target.js';

/** Options of {@link TooManyRedirectsError}. */
export interface TooManyRedirectsErrorOptions extends MetaErrorOptions {
  /** The request method; stored upper case. */
  readonly method?: string | undefined;
  /** The request URL; stored redacted. */
  readonly url?: string | URL | undefined;
  /** The configured `maxRedirects`. */
  readonly maxRedirects: number;
  /** The URLs visited, first to last (stored redacted). */
  readonly chain?: Iterable<string | URL> | undefined;
}

/** A redirect chain went past `maxRedirects`. `url` is the last URL requested; `chain` every URL, redacted. */
export class TooManyRedirectsError extends MetaError {
  static override readonly kind: string = 'TooManyRedirectsError';

  declare readonly code: 'ERR_TOO_MANY_REDIRECTS';
  /** The configured limit. */
  readonly maxRedirects: number;
  /** The redacted URLs visited, first to last. */
  readonly chain: readonly string[];
  /** The request method, when known. */
  readonly method: string | undefined;
  /** The redacted last URL, when known. */
  readonly url: string | undefined;

  constructor(input: TooManyRedirectsErrorOptions) {
    const options = optionsObject(input, 'options') as TooManyRedirectsErrorOptions;
    checkedNumber(options.maxRedirects, 'maxRedirects', { integer: true });
    const chain = chainOf(options.chain);
    const target = resolveTarget(options);
    const { redactor } = target;
    super(withTarget(target, ': ', `more than ${options.maxRedirects} redirects`), 'ERR_TOO_MANY_REDIRECTS', {
      ...options,
      redactor,
    });
    this.maxRedirects = options.maxRedirects;
    this.chain = Object.freeze(chain.map((url) => redactor.url(url)));
    this.method = target.method;
    this.url = target.url;
  }

  protected override details(): Record<string, unknown> {
    return { maxRedirects: this.maxRedirects, chain: this.chain, method: this.method, url: this.url };
  }
}

/** The chain as a list: any iterable of URLs (an array, a Set) or nothing; anything else is a ConfigError. */
function chainOf(chain: Iterable<string | URL> | null | undefined): Array<string | URL> {
  if (chain === undefined || chain === null) return [];
  if (typeof chain !== 'object' || typeof (chain as Iterable<unknown>)[Symbol.iterator] !== 'function') {
    throw new ConfigError('"chain" must be an array of URLs', { field: 'chain' });
  }
  return [...chain];
}

/** True when `value` is a {@link TooManyRedirectsError} from any installed copy of @meta/errors. */
export function isTooManyRedirectsError(value: unknown): value is TooManyRedirectsError {
  return hasErrorKind(value, 'TooManyRedirectsError');
}

import { hasErrorKind, MetaError, type MetaErrorOptions } from './meta-error.js';
import { optionsObject } from './option-checks.js';

/**
 * The `authToken` provider threw, rejected, or returned something that is not `[token, expiry]`. Nothing was
 * sent; the next call asks the provider again. `cause` is what the provider threw.
 */
export class AuthProviderError extends MetaError {
  static override readonly kind: string = 'AuthProviderError';

  declare readonly code: 'ERR_AUTH_PROVIDER';

  constructor(message = 'The auth token provider failed', options?: MetaErrorOptions | null) {
    super(message, 'ERR_AUTH_PROVIDER', optionsObject(options, 'options'));
  }
}

/** True when `value` is an {@link AuthProviderError} from any installed copy of @meta/errors. */
export function isAuthProviderError(value: unknown): value is AuthProviderError {
  return hasErrorKind(value, 'AuthProviderError');
}

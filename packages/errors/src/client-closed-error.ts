import { hasErrorKind, MetaError, type MetaErrorOptions } from './meta-error.js';
import { optionsObject } from './option-checks.js';

/**
 * The client was closed: a call made after `close()`, or one released by `close()` while it waited in backoff
 * or on the token provider.
 */
export class ClientClosedError extends MetaError {
  static override readonly kind: string = 'ClientClosedError';

  declare readonly code: 'ERR_CLIENT_CLOSED';

  constructor(message = 'The client is closed', options?: MetaErrorOptions | null) {
    super(message, 'ERR_CLIENT_CLOSED', optionsObject(options, 'options'));
  }
}

/** True when `value` is a {@link ClientClosedError} from any installed copy of @meta/errors. */
export function isClientClosedError(value: unknown): value is ClientClosedError {
  return hasErrorKind(value, 'ClientClosedError');
}

import { expect, test } from 'vitest';
import * as errors from '../src/index.js';

test('exports only the error model, its guards and the redactor: no snippet helpers, tables or brand internals', () => {
  expect(Object.keys(errors).sort()).toEqual(
    [
      'APIError',
      'AuthProviderError',
      'ClientClosedError',
      'ConfigError',
      'MetaError',
      'NetworkError',
      'REDACTED',
      'ResponseParseError',
      'ResponseTooLargeError',
      'RetryException',
      'TimeoutError',
      'TooManyRedirectsError',
      'createRedactor',
      'isAPIError',
      'isAuthProviderError',
      'isClientClosedError',
      'isConfigError',
      // The one home of SPEC 3.8's JSON rule, shared by errors, both transports (re-exported by the adapter) and REST.
      'isJsonContentType',
      'isMetaError',
      'isNetworkError',
      'isResponseParseError',
      'isResponseTooLargeError',
      'isRetryException',
      'isTimeoutError',
      'isTooManyRedirectsError',
    ].sort(),
  );
});

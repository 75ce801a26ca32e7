export { APIError, type APIErrorHttpInfo, isAPIError } from './api-error.js';
export { AuthProviderError, isAuthProviderError } from './auth-provider-error.js';
export { ClientClosedError, isClientClosedError } from './client-closed-error.js';
export { ConfigError, type ConfigErrorOptions, isConfigError } from './config-error.js';
export type { ConfigIssue } from './config-issue.js';
export type {
  ErrorRequestInfo,
  ErrorResponseInfo,
  RequestInfoInput,
  ResponseInfoInput,
} from './http-exchange.js';
export { isJsonContentType } from './json-content-type.js';
export { isMetaError, MetaError, type MetaErrorOptions } from './meta-error.js';
export { isNetworkError, NetworkError, type NetworkErrorOptions } from './network-error.js';
export {
  createRedactor,
  type HeaderRecord,
  type HeadersLike,
  type Redactor,
  type RedactorOptions,
} from './redaction.js';
export {
  isResponseParseError,
  ResponseParseError,
  type ResponseParseErrorCode,
  type ResponseParseErrorOptions,
} from './response-parse-error.js';
export {
  isResponseTooLargeError,
  ResponseTooLargeError,
  type ResponseTooLargeErrorOptions,
} from './response-too-large-error.js';
export { isRetryException, RetryException, type RetryExceptionOptions } from './retry-exception.js';
export { REDACTED } from './sensitive-names.js';
export {
  isTimeoutError,
  TimeoutError,
  type TimeoutErrorOptions,
  type TimeoutPhase,
} from './timeout-error.js';
export {
  isTooManyRedirectsError,
  TooManyRedirectsError,
  type TooManyRedirectsErrorOptions,
} from './too-many-redirects-error.js';

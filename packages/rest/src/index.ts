export type { APIErrorExtras, SentRequest } from './api-error-factory.js';
export { TOKEN_REFRESH_MARGIN_MS } from './auth-policy.js';
export type { EncodedBody, RequestData } from './body-encoding.js';
export {
  type AuthTokenProvider,
  type AuthTokenResult,
  CLIENT_DEFAULTS,
  type ClientConfig,
  clientConfigSchema,
  type ExponentialBackoff,
  MAX_TIMER_MS,
  type ParsedClientConfig,
  type SleepFunction,
} from './client-config.js';
export { FORBIDDEN_HEADER_NAMES, type HeaderValue } from './header-rules.js';
export type { HookContext, HookRequest, RestHooks, RetryContext } from './hooks.js';
export type { Logger } from './logger.js';
export type { CallHeaders } from './request-headers.js';
export type { RawResponse, RequestOptions, ResultOf } from './request-options.js';
export { isJsonContentType } from './response-decoding.js';
export { REST } from './rest.js';
export { parseRetryAfter } from './retry-after.js';
export type { QueryData } from './url-builder.js';

export type { RequestData } from './body-encoding.js';
export {
  type AuthTokenProvider,
  type AuthTokenResult,
  CLIENT_DEFAULTS,
  type ClientConfig,
  type ExponentialBackoff,
  type HeadersInput,
  type SleepFunction,
} from './client-config.js';
export type { CloseOptions } from './client-lifecycle.js';
export type { HeaderValue } from './header-rules.js';
export type { HookContext, HookRequest, RestHooks, RetryContext } from './hooks.js';
export type { Logger } from './logger.js';
export type { CallHeaders } from './request-headers.js';
export type { DataOf, IsRaw, RawResponse, RequestOptions, ResultOf } from './request-options.js';
export { REST } from './rest.js';
export type { StandardSchemaV1 } from './standard-schema.js';
export type { QueryData, QueryValue } from './url-builder.js';

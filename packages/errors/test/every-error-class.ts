/**
 * One factory per error class, each handed every kind of secret a real caller could hand it: a token (also in
 * its encoded spellings), URL userinfo, a sensitive query value, a sensitive header, a cookie, and a cause chain
 * whose inner errors were built without knowing the token. Shared by the secret-leak, guard and cross-copy tests.
 */
import * as errors from '../src/index.js';

/** The token the caller configured: contains `/`, `+` and `=` so its encoded spellings differ from it. */
export const TOKEN = 'sk/live+5f2e9c0a7b==';
/** Secrets the errors are never told about: they must be masked by structure (userinfo, query, headers). */
export const PASSWORD = 'hunter2-userinfo-pw';
export const QUERY_TOKEN = 'qt-9a8b7c6d5e4f';
export const API_KEY = 'ak-0011223344556677';
export const COOKIE = 'cookie-value-77889900';

/** Every string that must never appear in any rendering of an error. */
export const FORBIDDEN = [
  TOKEN,
  encodeURIComponent(TOKEN),
  new URLSearchParams([['', TOKEN]]).toString().slice(1),
  PASSWORD,
  QUERY_TOKEN,
  API_KEY,
  COOKIE,
];

export const SECRET_URL = `https://reader:${PASSWORD}@meta.example/api/v1/tables?access_token=${QUERY_TOKEN}&limit=10`;
export const SECRET_HEADERS = {
  Authorization: `Bearer ${TOKEN}`,
  'X-Api-Key': API_KEY,
  Cookie: `session=${COOKIE}`,
  'X-Trace': `trace carrying ${TOKEN}`,
};

/** A cause chain whose inner errors were built without the token: the outer error must still mask it. */
export function secretCause(): Error {
  const innermost = Object.assign(new Error(`innermost saw ${TOKEN} at ${SECRET_URL}`), {
    code: 'ECONNRESET',
  });
  const platform = new Error(`socket hang up, token ${encodeURIComponent(TOKEN)}`, { cause: innermost });
  return new errors.NetworkError({ code: 'ECONNRESET', message: `inner ${TOKEN}`, cause: platform });
}

const common = { secrets: [TOKEN], sensitiveHeaders: ['X-Api-Key'] } as const;

/** Build one error of each class with secrets everywhere it takes input. */
export const ERROR_FACTORIES: Record<string, () => errors.MetaError> = {
  MetaError: () => new errors.MetaError(`failed with ${TOKEN}`, 'ERR_X', { ...common, cause: secretCause() }),
  APIError: () =>
    new errors.APIError(
      { code: 401, message: `token ${TOKEN} rejected`, token: TOKEN, detail: `see ${SECRET_URL}` },
      {
        ...common,
        request: { method: 'get', url: SECRET_URL, headers: SECRET_HEADERS },
        response: {
          status: 401,
          statusText: 'Unauthorized',
          headers: { 'Set-Cookie': `sid=${COOKIE}`, 'WWW-Authenticate': `Bearer realm="${TOKEN}"` },
        },
        location: SECRET_URL,
        cause: secretCause(),
      },
    ),
  RetryException: () =>
    new errors.RetryException({
      ...common,
      attempt: 2,
      retryAfterMs: 1000,
      message: `retry ${TOKEN}`,
      response: { status: 503, headers: { 'Set-Cookie': `sid=${COOKIE}` }, body: `busy ${TOKEN}` },
      cause: secretCause(),
    }),
  NetworkError: () =>
    new errors.NetworkError({
      ...common,
      method: 'post',
      url: SECRET_URL,
      message: `refused while sending ${TOKEN}`,
      cause: secretCause(),
    }),
  TimeoutError: () =>
    new errors.TimeoutError({
      ...common,
      phase: 'headers',
      timeoutMs: 5,
      url: SECRET_URL,
      cause: secretCause(),
    }),
  ConfigError: () =>
    new errors.ConfigError(`extraHeaders.Authorization is invalid near ${TOKEN}`, {
      ...common,
      field: 'extraHeaders.Authorization',
      issues: [
        {
          path: ['extraHeaders', 'Authorization'],
          message: `bad ${TOKEN}`,
          input: TOKEN,
        } as errors.ConfigIssue,
      ],
      cause: secretCause(),
    }),
  ResponseParseError: () =>
    new errors.ResponseParseError({
      ...common,
      statusCode: 200,
      snippet: `{"token": "${TOKEN}", "password": "${PASSWORD}"`,
      issues: [
        { path: ['token'], message: `expected number, got ${TOKEN}`, input: TOKEN } as errors.ConfigIssue,
      ],
      url: SECRET_URL,
      method: 'get',
      cause: secretCause(),
    }),
  ResponseTooLargeError: () =>
    new errors.ResponseTooLargeError({ ...common, limitBytes: 10, url: SECRET_URL, cause: secretCause() }),
  TooManyRedirectsError: () =>
    new errors.TooManyRedirectsError({
      ...common,
      maxRedirects: 1,
      chain: [SECRET_URL, `https://meta.example/next?signature=${QUERY_TOKEN}`],
      url: SECRET_URL,
      cause: secretCause(),
    }),
  ClientClosedError: () =>
    new errors.ClientClosedError(`closed holding ${TOKEN}`, { ...common, cause: secretCause() }),
  AuthProviderError: () =>
    new errors.AuthProviderError(`provider failed for ${TOKEN}`, {
      ...common,
      cause: new Error(`provider said ${TOKEN}`, { cause: secretCause() }),
    }),
};

/** Each class with its guard, for table-driven tests. */
export const GUARDS: Record<string, (value: unknown) => boolean> = {
  MetaError: errors.isMetaError,
  APIError: errors.isAPIError,
  RetryException: errors.isRetryException,
  NetworkError: errors.isNetworkError,
  TimeoutError: errors.isTimeoutError,
  ConfigError: errors.isConfigError,
  ResponseParseError: errors.isResponseParseError,
  ResponseTooLargeError: errors.isResponseTooLargeError,
  TooManyRedirectsError: errors.isTooManyRedirectsError,
  ClientClosedError: errors.isClientClosedError,
  AuthProviderError: errors.isAuthProviderError,
};

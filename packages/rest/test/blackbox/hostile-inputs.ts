// Hostile inputs for the black-box suites: each must be refused with a ConfigError before any I/O.
import { createFetchTransport } from '@meta/transport';

const base = { baseUrl: 'http://127.0.0.1:1/api' };

/** Config values SPEC 3.1 and 3.8 refuse, each with the `ConfigError.field` it must name. */
export const BAD_CONFIGS: ReadonlyArray<readonly [Record<string, unknown>, string]> = [
  [{ baseUrl: 'ftp://h/api' }, 'baseUrl'],
  [{ baseUrl: 'http://user:pw@h/api' }, 'baseUrl'],
  [{ baseUrl: 'not a url' }, 'baseUrl'],
  [{ baseUrl: 42 }, 'baseUrl'],
  [{ ...base, apiVersion: '..' }, 'apiVersion'],
  [{ ...base, apiVersion: '.' }, 'apiVersion'],
  [{ ...base, apiVersion: 'v1/../x' }, 'apiVersion'],
  [{ ...base, apiVersion: '' }, 'apiVersion'],
  [{ ...base, retry: -1 }, 'retry'],
  [{ ...base, retry: 1.5 }, 'retry'],
  [{ ...base, retry: Number.NaN }, 'retry'],
  [{ ...base, retry: '3' }, 'retry'],
  [{ ...base, retryWait: -0.1 }, 'retryWait'],
  [{ ...base, retryWait: Number.POSITIVE_INFINITY }, 'retryWait'],
  [{ ...base, retryCodes: [399] }, 'retryCodes'],
  [{ ...base, retryCodes: [503, 600] }, 'retryCodes'],
  [{ ...base, retryCodes: [503.5] }, 'retryCodes'],
  [{ ...base, accessToken: 't', expiresIn: 3600 }, 'expiresIn'],
  [{ ...base, timeout: 5000 }, 'timeout'],
  [{ ...base, retry_wait: 5 }, 'retry_wait'],
  [{ ...base, authToken: 'not a function' }, 'authToken'],
  [{ ...base, transport: createFetchTransport(), verify: false }, 'verify'],
];

/** Paths that would change the origin or climb above `/api/<version>` (SPEC 3.2, 3.8): `field: "path"`. */
export const HOSTILE_PATHS: readonly string[] = [
  'http://evil.test/x',
  'HTTPS://evil.test/x',
  '//evil.test/x',
  '/\\evil.test/x',
  '\\\\evil.test',
  'javascript:alert(1)',
  '/a\r\nHost: evil',
  '/a\u0000b',
  '/a\tb',
  '/a#frag',
  '/..',
  '/../x',
  '/a/../../x',
  '/a/./b',
  '/%2e%2e/x',
  '/%2E%2e/x',
  '/.%2e/x',
  '/%2e/x',
  '/..%2fx',
  '/..;/x',
  '/\uff0e\uff0e/x',
  '/a%2f%2e%2e%2f%2e%2e%2fadmin',
  '/a%5c..%5c..%5cadmin',
  '/a/..%3Bx',
  '/x/\u2024\u2024/admin',
  42 as never,
  new URL('http://evil.test/x') as never,
  '..',
  '.',
];

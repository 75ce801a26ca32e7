import { type ConfigError, isConfigError } from '@meta/errors';
import { expect, test } from 'vitest';
import { hasEnvironmentProxy } from '../src/undici/environment-proxy.js';
import { createUndiciTransport, type UndiciTransportOptions } from '../src/undici/index.js';
import { undici } from './undici-module.js';

function configErrorOf(options: UndiciTransportOptions): ConfigError {
  try {
    createUndiciTransport({ undici, ...options });
  } catch (error) {
    expect(isConfigError(error), String(error)).toBe(true);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

test.each([
  ['minTlsVersion', { minTlsVersion: 'TLSv1.1' }],
  ['minTlsVersion', { minTlsVersion: 1.3 }],
  ['maxConcurrentStreams', { maxConcurrentStreams: 0 }],
  ['maxConcurrentStreams', { maxConcurrentStreams: 2.5 }],
  ['keepAliveTimeoutMs', { keepAliveTimeoutMs: -1 }],
  ['proxy', { proxy: true }],
  ['proxy', { proxy: 'ftp://user:pw@proxy.example' }],
] as const)('a bad %s is a ConfigError naming it (%j)', (field, options) => {
  const error = configErrorOf(options as unknown as UndiciTransportOptions);
  expect(error.field).toBe(field);
  expect(error.message).not.toContain('pw@');
});

test('an invalid HTTPS_PROXY is a ConfigError that does not repeat the URL or its password', () => {
  const saved = process.env.HTTPS_PROXY;
  process.env.HTTPS_PROXY = 'http://user:s3cret@[not a host';
  try {
    const error = configErrorOf({});
    expect(error.field).toBe('proxy');
    expect(`${error.message} ${JSON.stringify(error)}`).not.toContain('s3cret');
  } finally {
    if (saved === undefined) delete process.env.HTTPS_PROXY;
    else process.env.HTTPS_PROXY = saved;
  }
});

test('pool, TLS and proxy options cannot be combined with a borrowed dispatcher, proxy: false included', () => {
  const dispatcher = new undici.Agent();
  for (const options of [
    { proxy: false },
    { minTlsVersion: 'TLSv1.3' },
    { maxConcurrentStreams: 5 },
  ] as const) {
    const error = configErrorOf({ dispatcher, ...options } as UndiciTransportOptions);
    expect(error.field).toBe(Object.keys(options)[0]);
  }
});

test('proxy variables count when either case names a proxy, the lower case first', () => {
  expect(hasEnvironmentProxy({})).toBe(false);
  expect(hasEnvironmentProxy({ NO_PROXY: '*' })).toBe(false);
  expect(hasEnvironmentProxy({ HTTPS_PROXY: 'http://proxy:3128' })).toBe(true);
  expect(hasEnvironmentProxy({ http_proxy: 'http://proxy:3128' })).toBe(true);
  expect(hasEnvironmentProxy({ https_proxy: ' ', HTTPS_PROXY: 'http://proxy:3128' })).toBe(false);
});

test('a module without the undici exports the owned dispatcher needs is a ConfigError naming "undici"', () => {
  const error = configErrorOf({ undici: { Agent: undici.Agent } as never });
  expect(error.field).toBe('undici');
});

import { type ConfigError, isAuthProviderError, isConfigError } from '@meta/errors';
import { expect, test, vi } from 'vitest';
import { type ClientConfig, REST } from '../../src/index.js';
import { jsonStep as json, type ObservedTransport, routedTransport } from '../helpers/testing-steps.js';
import { rejectionOf } from './clients.js';

const BASE = 'https://metadata.test/api';
const PAYLOADS = ['a\r\nX-Injected: 1', 'a\nX-Injected: 1', 'a\rX-Injected: 1', 'a\u0000X-Injected: 1'];

function recording(): ObservedTransport {
  return routedTransport(() => json(200, {}));
}

function constructionError(config: Partial<ClientConfig>): ConfigError {
  try {
    new REST({ baseUrl: BASE, transport: recording(), ...config });
  } catch (error) {
    return error as ConfigError;
  }
  throw new Error('expected the constructor to throw');
}

/** Objects whose string conversion smuggles a header break; every conversion is counted. */
function hostileValues() {
  const conversions = vi.fn(() => 'ok\r\nX-Injected: 1');
  return {
    conversions,
    values: [
      { toString: conversions },
      { [Symbol.toPrimitive]: conversions },
      { valueOf: conversions, toString: conversions },
      Object.assign(Object.create(null), { toString: conversions }),
      new (class extends String {
        override toString() {
          return conversions();
        }
      })('ok'),
    ],
  };
}

test.each(PAYLOADS)(
  'an extra header value with %j is a ConfigError at construction that never quotes it',
  (payload) => {
    const error = constructionError({ extraHeaders: { 'X-Team': payload } });
    expect(isConfigError(error)).toBe(true);
    expect(error.field).toBe('extraHeaders.X-Team');
    expect(error.message).not.toContain('X-Injected');
  },
);

test.each(['X-Team\r\nX-Injected', 'X Team', 'X-Team:', '', 'X-Téam', '__proto__', 'constructor'])(
  'an extra header name %j is a ConfigError at construction',
  (name) => {
    expect(constructionError({ extraHeaders: { [name]: 'v' } })).toSatisfy(isConfigError);
  },
);

test.each([
  ['accessToken', { accessToken: 'tok\r\nX-Injected: 1' }],
  ['authTokenMode', { authTokenMode: 'Bearer\r\nX-Injected: 1' }],
  ['userAgent', { userAgent: 'agent\nX-Injected: 1' }],
  ['authHeader', { authHeader: 'Authorization\r\nX-Injected' }],
] as const)('a %s with CR/LF is a ConfigError at construction', (field, config) => {
  const error = constructionError(config);
  expect(isConfigError(error)).toBe(true);
  expect(error.field).toBe(field);
  expect(error.message).not.toContain('X-Injected');
});

test.each(PAYLOADS)(
  'a per-call header value with %j is a ConfigError naming the header; nothing is sent',
  async (payload) => {
    const transport = recording();
    const rest = new REST({ baseUrl: BASE, transport });
    const error = (await rejectionOf(rest.get('/x', null, { headers: { 'X-Id': payload } }))) as ConfigError;
    expect(error.field).toBe('headers.X-Id');
    expect(error.message).not.toContain('X-Injected');
    expect(transport.sent).toHaveLength(0);
  },
);

test('a per-call header name with CR/LF, space or a prototype key is a ConfigError; nothing is sent', async () => {
  const transport = recording();
  const rest = new REST({ baseUrl: BASE, transport });
  for (const name of [
    'X-Id\r\nX-Injected',
    'X Id',
    '__proto__',
    'constructor',
    'prototype',
    'Host',
    'Content-Length',
  ]) {
    const headers = Object.defineProperty({}, name, { value: '1', enumerable: true });
    expect(await rejectionOf(rest.post('/x', {}, { headers }))).toSatisfy(isConfigError);
  }
  expect(transport.sent).toHaveLength(0);
});

test('objects with a hostile toString or Symbol.toPrimitive are refused as header values, never converted', async () => {
  const { conversions, values } = hostileValues();
  const transport = recording();
  const rest = new REST({ baseUrl: BASE, transport });
  for (const value of values) {
    const headers = { 'X-Id': value } as unknown as Record<string, string>;
    expect(await rejectionOf(rest.get('/x', null, { headers }))).toSatisfy(isConfigError);
    expect(constructionError({ extraHeaders: { 'X-Id': value as unknown as string } })).toSatisfy(
      isConfigError,
    );
  }
  expect(conversions).not.toHaveBeenCalled();
  expect(transport.sent).toHaveLength(0);
});

test('objects with a hostile toString are refused as path, query values and auth tokens', async () => {
  const { conversions, values } = hostileValues();
  for (const value of values) {
    const transport = recording();
    const rest = new REST({ baseUrl: BASE, transport, authToken: () => [value as unknown as string, 3600] });
    expect(await rejectionOf(rest.get(value as unknown as string))).toSatisfy(isConfigError);
    expect(await rejectionOf(rest.get('/x', { q: value as unknown as string }))).toSatisfy(isConfigError);
    expect(await rejectionOf(rest.get('/x'))).toSatisfy(isAuthProviderError);
    expect(transport.sent).toHaveLength(0);
  }
  expect(conversions).not.toHaveBeenCalled();
});

test.each(PAYLOADS)(
  'a token with %j from the provider rejects with AuthProviderError; nothing is sent',
  async (payload) => {
    const transport = recording();
    const rest = new REST({ baseUrl: BASE, transport, authToken: () => [payload, 3600] });
    const error = await rejectionOf(rest.get('/x'));
    expect(isAuthProviderError(error)).toBe(true);
    expect((error as Error).message).not.toContain('X-Injected');
    expect(transport.sent).toHaveLength(0);
  },
);

test('a template copying a per-call header can never carry CR/LF: the source is refused first', async () => {
  const transport = recording();
  const rest = new REST({ baseUrl: BASE, transport, extraHeaders: { 'X-Copy': 'id=%(X-Id)s' } });
  expect(await rejectionOf(rest.get('/x', null, { headers: { 'X-Id': 'a\r\nX-Injected: 1' } }))).toSatisfy(
    isConfigError,
  );
  await rest.get('/x', null, { headers: { 'X-Id': 'fine' } });
  expect(transport.sent).toHaveLength(1);
  expect(transport.sent[0]!.headers['X-Copy']).toBe('id=fine');
});

test('a beforeRequest hook that writes CR/LF into a header is refused before sending', async () => {
  const transport = recording();
  const rest = new REST({
    baseUrl: BASE,
    transport,
    hooks: {
      beforeRequest: (request) => {
        request.headers['X-Hook'] = 'a\r\nX-Injected: 1';
      },
    },
  });
  expect(await rejectionOf(rest.get('/x'))).toSatisfy(isConfigError);
  expect(transport.sent).toHaveLength(0);
});

test('a URL subclass whose toString changes between reads cannot smuggle credentials or a new origin into baseUrl', async () => {
  let reads = 0;
  class ShiftyUrl extends URL {
    override toString(): string {
      reads++;
      return reads === 1 ? 'https://metadata.test/api' : 'http://user:secret@evil.test/api';
    }
  }
  const transport = recording();
  let rest: REST | undefined;
  try {
    rest = new REST({ baseUrl: new ShiftyUrl('https://metadata.test/api'), transport });
  } catch (error) {
    expect(isConfigError(error)).toBe(true);
    return;
  }
  await rest.get('/x');
  const sent = new URL(transport.sent[0]!.url);
  expect(sent.origin).toBe('https://metadata.test');
  expect(sent.username + sent.password).toBe('');
});

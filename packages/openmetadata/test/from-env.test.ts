import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isConfigError } from '@meta/errors';
import { expect, test } from 'vitest';
import { apiBaseUrl, OpenMetadata } from '../src/index.js';

function configErrorOf(run: () => unknown) {
  try {
    run();
  } catch (error) {
    if (isConfigError(error)) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

test('fromEnv without OPENMETADATA_HOST is a ConfigError naming the variable', () => {
  const error = configErrorOf(() => OpenMetadata.fromEnv({ OPENMETADATA_JWT_TOKEN: 'jwt' }));
  expect(error.field).toBe('OPENMETADATA_HOST');
  expect(error.message).toContain('OPENMETADATA_HOST');
});

test('fromEnv without OPENMETADATA_JWT_TOKEN (or with a blank one) is a ConfigError naming the variable', () => {
  for (const token of [undefined, '', '   ']) {
    const env = { OPENMETADATA_HOST: 'http://localhost:8585', OPENMETADATA_JWT_TOKEN: token };
    const error = configErrorOf(() => OpenMetadata.fromEnv(env));
    expect(error.field).toBe('OPENMETADATA_JWT_TOKEN');
  }
});

test('fromEnv with a host that is not an http(s) URL is a ConfigError naming OPENMETADATA_HOST', () => {
  for (const host of ['localhost:8585', 'ftp://example.com', 'not a url']) {
    const env = { OPENMETADATA_HOST: host, OPENMETADATA_JWT_TOKEN: 'jwt' };
    expect(configErrorOf(() => OpenMetadata.fromEnv(env)).field).toBe('OPENMETADATA_HOST');
  }
});

test('a host or token that REST refuses is a ConfigError naming the variable, without the secrets', () => {
  const token = 'eyJhbGciOiJSUzI1NiJ9.secret-payload.signature';
  for (const host of ['http://admin:hunter2@localhost:8585', 'http://localhost:8585/?x=1', 'http://h/#top']) {
    const error = configErrorOf(() =>
      OpenMetadata.fromEnv({ OPENMETADATA_HOST: host, OPENMETADATA_JWT_TOKEN: token }),
    );
    expect(error.field, host).toBe('OPENMETADATA_HOST');
    expect(JSON.stringify({ ...error, message: error.message })).not.toMatch(/hunter2|secret-payload/);
  }
  const badToken = `${token}\nX-Injected: 1`;
  const error = configErrorOf(() =>
    OpenMetadata.fromEnv({ OPENMETADATA_HOST: 'http://127.0.0.1:8585', OPENMETADATA_JWT_TOKEN: badToken }),
  );
  expect(error.field).toBe('OPENMETADATA_JWT_TOKEN');
  expect(`${error.message} ${JSON.stringify(error)}`).not.toContain('secret-payload');
  // A value given in overrides is the caller's, so REST's own field name stays.
  const env = { OPENMETADATA_HOST: 'http://127.0.0.1:8585', OPENMETADATA_JWT_TOKEN: token };
  expect(configErrorOf(() => OpenMetadata.fromEnv(env, { baseUrl: 'http://u:p@h' })).field).toBe('baseUrl');
});

test('fromEnv errors never contain the token', () => {
  const error = configErrorOf(() => OpenMetadata.fromEnv({ OPENMETADATA_JWT_TOKEN: 'secret-jwt-value' }));
  expect(JSON.stringify(error)).not.toContain('secret-jwt-value');
  expect(error.message).not.toContain('secret-jwt-value');
});

test('fromEnv reads process.env when no environment is given', async () => {
  const saved = { ...process.env };
  process.env.OPENMETADATA_HOST = 'http://127.0.0.1:1';
  process.env.OPENMETADATA_JWT_TOKEN = 'jwt';
  try {
    const client = OpenMetadata.fromEnv();
    expect(client.tables.path).toBe('/tables');
    await client.close();
  } finally {
    process.env = saved;
  }
});

test('a host without /api gets /api appended; /api and /api/v1 are kept as /api', () => {
  expect(apiBaseUrl('http://localhost:8585', 'host')).toBe('http://localhost:8585/api');
  expect(apiBaseUrl('http://localhost:8585/', 'host')).toBe('http://localhost:8585/api');
  expect(apiBaseUrl('https://om.example.com/api', 'host')).toBe('https://om.example.com/api');
  expect(apiBaseUrl('https://om.example.com/api/v1/', 'host')).toBe('https://om.example.com/api');
  expect(apiBaseUrl('https://example.com/openmetadata', 'host')).toBe('https://example.com/openmetadata/api');
});

test('apiBaseUrl needs only the host; a bad host is a ConfigError naming "host" unless told otherwise', () => {
  expect(apiBaseUrl('http://localhost:8585')).toBe('http://localhost:8585/api');
  expect(configErrorOf(() => apiBaseUrl('localhost:8585')).field).toBe('host');
  expect(configErrorOf(() => apiBaseUrl('nope', 'OM_URL')).field).toBe('OM_URL');
});

test('fromEnv reads OPENMETADATA_SERVER_URL and OPENMETADATA_API_KEY when the main variables are not set, as SDK 2.0', async () => {
  const seen: { url: string | undefined; authorization: string | undefined }[] = [];
  const server = createServer((request, response) => {
    seen.push({ url: request.url, authorization: request.headers.authorization });
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify({ version: '1.6.2', revision: 'abc', timestamp: 1 }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const environments = [
      { OPENMETADATA_SERVER_URL: origin, OPENMETADATA_API_KEY: 'api-key' },
      // The main variables win; a blank one counts as not set.
      {
        OPENMETADATA_HOST: `${origin}/api`,
        OPENMETADATA_SERVER_URL: 'http://192.0.2.1:9',
        OPENMETADATA_JWT_TOKEN: ' ',
        OPENMETADATA_API_KEY: 'second-key',
      },
    ];
    for (const env of environments) {
      await using client = OpenMetadata.fromEnv(env);
      expect((await client.serverVersion()).version).toBe('1.6.2');
    }
    expect(seen).toEqual([
      { url: '/api/v1/system/version', authorization: 'Bearer api-key' },
      { url: '/api/v1/system/version', authorization: 'Bearer second-key' },
    ]);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
});

test('a bad value read from an alias variable is a ConfigError naming that variable', () => {
  const error = configErrorOf(() =>
    OpenMetadata.fromEnv({ OPENMETADATA_SERVER_URL: 'ftp://h', OPENMETADATA_JWT_TOKEN: 'jwt' }),
  );
  expect(error.field).toBe('OPENMETADATA_SERVER_URL');
  const missing = configErrorOf(() => OpenMetadata.fromEnv({ OPENMETADATA_HOST: 'http://h' }));
  expect(missing.field).toBe('OPENMETADATA_JWT_TOKEN');
  expect(missing.message).toContain('OPENMETADATA_API_KEY');
});

test('a variable that overrides replace is not read: a baseUrl without OPENMETADATA_HOST, a token provider without a token', async () => {
  await using byBaseUrl = OpenMetadata.fromEnv(
    { OPENMETADATA_JWT_TOKEN: 'jwt' },
    { baseUrl: 'http://127.0.0.1:1/api' },
  );
  expect(byBaseUrl.tables.path).toBe('/tables');
  const provider = async (): Promise<[string, number]> => ['token', 60];
  await using byProvider = OpenMetadata.fromEnv(
    { OPENMETADATA_HOST: 'http://127.0.0.1:1' },
    { authToken: provider },
  );
  expect(byProvider.rest).toBeDefined();
  // Not replaced, still required.
  expect(configErrorOf(() => OpenMetadata.fromEnv({}, { baseUrl: 'http://127.0.0.1:1/api' })).field).toBe(
    'OPENMETADATA_JWT_TOKEN',
  );
  expect(
    configErrorOf(() => OpenMetadata.fromEnv({ OPENMETADATA_JWT_TOKEN: 'jwt' }, null as never)).field,
  ).toBe('overrides');
});

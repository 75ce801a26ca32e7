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

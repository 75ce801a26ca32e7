import { expect, test } from 'vitest';
import { parseArguments, UsageError } from '../src/parse-arguments.js';

test('runs both transports against the mocks when given no flags', () => {
  expect(parseArguments([])).toEqual({
    transports: ['fetch', 'undici'],
    verbose: false,
    json: false,
    help: false,
  });
});

test('accepts the -- that pnpm passes through, and one transport', () => {
  expect(parseArguments(['--', '--transport', 'undici', '--json']).transports).toEqual(['undici']);
});

test('adds /api to a bare --base-url origin and keeps an explicit API root', () => {
  expect(parseArguments(['--base-url', 'http://localhost:8585', '--token', 't0ken']).baseUrl).toBe(
    'http://localhost:8585/api',
  );
  expect(parseArguments(['--base-url', 'https://om.example/custom/api/']).baseUrl).toBe(
    'https://om.example/custom/api',
  );
});

test('--base-url takes what OPENMETADATA_HOST takes: /api/v1 is read as /api, a sub-path gets /api appended', () => {
  const cases = [
    ['http://localhost:8585/api/v1', 'http://localhost:8585/api'],
    ['http://localhost:8585/api/v1/', 'http://localhost:8585/api'],
    ['https://example.com/openmetadata', 'https://example.com/openmetadata/api'],
    ['https://example.com/openmetadata/api', 'https://example.com/openmetadata/api'],
  ];
  for (const [given, root] of cases) expect(parseArguments(['--base-url', given!]).baseUrl, given).toBe(root);
});

test('takes the token from OPENMETADATA_JWT_TOKEN (the SDK variable) when OPENMETADATA_TOKEN is not set', () => {
  const arguments_ = parseArguments(['--base-url', 'http://om:8585'], {
    OPENMETADATA_JWT_TOKEN: 'sdk-token',
  });
  expect(arguments_.token).toBe('sdk-token');
  const both = { OPENMETADATA_TOKEN: 'first', OPENMETADATA_JWT_TOKEN: 'second' };
  expect(parseArguments(['--base-url', 'http://om:8585'], both).token).toBe('first');
});

test('takes the token from OPENMETADATA_TOKEN, or sends none without one', () => {
  const fromEnvironment = parseArguments(['--base-url', 'http://om:8585/api'], {
    OPENMETADATA_TOKEN: 'from-env',
  });
  expect(fromEnvironment.token).toBe('from-env');
  expect(parseArguments(['--base-url', 'http://om:8585/api']).token).toBe('no_token');
  expect(parseArguments([], { OPENMETADATA_TOKEN: 'ignored without a base url' }).token).toBeUndefined();
});

test('refuses an unknown transport, a non-http base URL, a token without a base URL and unknown flags', () => {
  expect(() => parseArguments(['--transport', 'grpc'])).toThrow(UsageError);
  expect(() => parseArguments(['--base-url', 'ftp://om'])).toThrow('--base-url must use http or https');
  expect(() => parseArguments(['--token', 'secret'])).toThrow('--token needs --base-url');
  expect(() => parseArguments(['--retries', '3'])).toThrow(UsageError);
});

test('a --base-url with credentials, a query or a fragment is a usage error that never echoes the URL', () => {
  for (const url of [
    'http://admin:hunter2@om:8585/api',
    'http://om/api?x=1',
    'http://om/api#top',
    'http://hunter2@[x',
  ]) {
    let message = '';
    try {
      parseArguments(['--base-url', url, '--token', 't0ken']);
    } catch (error) {
      expect(error).toBeInstanceOf(UsageError);
      message = (error as Error).message;
    }
    expect(message, url).toContain('--base-url');
    expect(message).not.toContain('hunter2');
  }
});

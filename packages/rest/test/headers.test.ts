import { isConfigError } from '@meta/errors';
import { expect, test } from 'vitest';
import { REST } from '../src/index.js';
import { createRecordingTransport, headerOf, json } from './helpers/recording-transport.js';

function setup(config: Record<string, unknown> = {}) {
  const transport = createRecordingTransport(() => json(200, {}));
  const rest = new REST({ baseUrl: 'https://metadata.test/api', transport, ...config });
  return { transport, rest };
}

test('merge order is defaults, auth, per-call, extra headers; last wins case-insensitively', async () => {
  const { transport, rest } = setup({
    accessToken: 'token-abcdef',
    extraHeaders: { 'x-team': 'extra-wins', 'User-Agent': 'custom-agent/1' },
  });
  await rest.get('/tables', undefined, {
    headers: { 'X-Team': 'call', AUTHORIZATION: 'Basic call-auth', 'X-Call': 7 },
  });
  const headers = transport.requests[0]!.headers;
  expect(headerOf(transport.requests[0], 'x-team')).toBe('extra-wins');
  expect(headerOf(transport.requests[0], 'authorization')).toBe('Basic call-auth');
  expect(headerOf(transport.requests[0], 'user-agent')).toBe('custom-agent/1');
  expect(headerOf(transport.requests[0], 'x-call')).toBe('7');
  const names = Object.keys(headers).map((name) => name.toLowerCase());
  expect(new Set(names).size).toBe(names.length);
});

test('templates expand %(Name)s case-insensitively and %% to %, in a single pass', async () => {
  const { transport, rest } = setup({
    accessToken: 'token-abcdef',
    extraHeaders: { 'X-Copy': '%(authorization)s', 'X-Percent': '100%% of %(X-Raw)s' },
  });
  await rest.get('/tables', undefined, { headers: { 'X-Raw': '%(Authorization)s' } });
  expect(headerOf(transport.requests[0], 'x-copy')).toBe('Bearer token-abcdef');
  expect(headerOf(transport.requests[0], 'x-percent')).toBe('100% of %(Authorization)s');
});

test('a template naming a missing header is a ConfigError naming it, before anything is sent', async () => {
  const { transport, rest } = setup({ extraHeaders: { 'X-Copy': '%(X-Missing)s' } });
  const error = await rest.get('/tables').catch((caught: unknown) => caught);
  expect(isConfigError(error) && error.field).toBe('extraHeaders.X-Copy');
  expect(String((error as Error).message)).toContain('X-Missing');
  expect(transport.requests).toHaveLength(0);
});

test('a template that copies the auth header is itself masked in errors', async () => {
  const transport = createRecordingTransport(() => json(500, { message: 'boom' }));
  const rest = new REST({
    baseUrl: 'https://metadata.test/api',
    transport,
    retry: 0,
    accessToken: 'token-abcdef',
    extraHeaders: { 'X-Forwarded-Token': 'copy %(Authorization)s' },
  });
  const error = await rest.get('/tables').catch((caught: unknown) => caught);
  const text = JSON.stringify(error);
  expect(text).not.toContain('token-abcdef');
  expect(text).toContain('X-Forwarded-Token');
});

test.each([
  [{ 'X-Id': 'a\r\nX-Injected: 1' }, 'headers.X-Id'],
  [{ 'X-Id': 'a\nb' }, 'headers.X-Id'],
  [{ 'Bad:Name': 'x' }, 'headers.Bad:Name'],
  [{ Host: 'evil.test' }, 'headers.Host'],
  [{ 'Transfer-Encoding': 'chunked' }, 'headers.Transfer-Encoding'],
  [{ TE: 'trailers' }, 'headers.TE'],
  [JSON.parse('{"__proto__": "x"}'), 'headers.__proto__'],
])('refuses per-call headers %o with a ConfigError on %s', async (headers, field) => {
  const { transport, rest } = setup();
  const error = await rest.get('/tables', undefined, { headers }).catch((caught: unknown) => caught);
  expect(isConfigError(error) && error.field).toBe(field);
  expect(String((error as Error).message)).not.toContain('Injected');
  expect(transport.requests).toHaveLength(0);
});

test('numbers and booleans become strings; undefined per-call headers are dropped', async () => {
  const { transport, rest } = setup();
  await rest.get('/tables', undefined, { headers: { 'X-Count': 3, 'X-Flag': true, 'X-None': undefined } });
  expect(headerOf(transport.requests[0], 'x-count')).toBe('3');
  expect(headerOf(transport.requests[0], 'x-flag')).toBe('true');
  expect(headerOf(transport.requests[0], 'x-none')).toBeUndefined();
});

test('unknown call options are a ConfigError naming the option', async () => {
  const { rest } = setup();
  await expect(rest.get('/tables', undefined, { timeout: 5 } as never)).rejects.toMatchObject({
    field: 'options.timeout',
  });
});

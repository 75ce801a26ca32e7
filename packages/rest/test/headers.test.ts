import { isConfigError } from '@meta/errors';
import { expect, test } from 'vitest';
import { REST } from '../src/index.js';
import { headerOf, jsonStep as json, routedTransport } from './helpers/testing-steps.js';

function setup(config: Record<string, unknown> = {}) {
  const transport = routedTransport(() => json(200, {}));
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
  const headers = transport.sent[0]!.headers;
  expect(headerOf(transport.sent[0], 'x-team')).toBe('extra-wins');
  expect(headerOf(transport.sent[0], 'authorization')).toBe('Basic call-auth');
  expect(headerOf(transport.sent[0], 'user-agent')).toBe('custom-agent/1');
  expect(headerOf(transport.sent[0], 'x-call')).toBe('7');
  const names = Object.keys(headers).map((name) => name.toLowerCase());
  expect(new Set(names).size).toBe(names.length);
});

test('templates expand %(Name)s case-insensitively and %% to %, in a single pass', async () => {
  const { transport, rest } = setup({
    accessToken: 'token-abcdef',
    extraHeaders: { 'X-Copy': '%(authorization)s', 'X-Percent': '100%% of %(X-Raw)s' },
  });
  await rest.get('/tables', undefined, { headers: { 'X-Raw': '%(Authorization)s' } });
  expect(headerOf(transport.sent[0], 'x-copy')).toBe('Bearer token-abcdef');
  expect(headerOf(transport.sent[0], 'x-percent')).toBe('100% of %(Authorization)s');
});

test('a template naming a header the request does not have is a ConfigError naming it, before anything is sent', async () => {
  const { transport, rest } = setup({ extraHeaders: { 'X-Copy': '%(X-Missing)s', 'X-Kept': 'literal' } });
  let error: unknown;
  await rest.get('/tables').catch((caught: unknown) => {
    error = caught;
  });
  expect(isConfigError(error) && error.field).toBe('extraHeaders.X-Copy');
  expect((error as Error).message).toContain('X-Missing');
  expect(transport.sent).toHaveLength(0);
  // A per-call header supplies the name: the same client then sends the copy.
  await rest.get('/tables', undefined, { headers: { 'X-Missing': 'now-here' } });
  expect(headerOf(transport.sent[0]!, 'x-copy')).toBe('now-here');
  expect(headerOf(transport.sent[0]!, 'x-kept')).toBe('literal');
});

test('a template that copies the auth header is itself masked in errors', async () => {
  const transport = routedTransport(() => json(500, { message: 'boom' }));
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
  // A colon reads as a pasted `Name:value` line (`Cookie:sid=...`): named only up to it, the rest never shown.
  [{ 'Bad:Name': 'x' }, 'headers.Bad...'],
  [{ Host: 'evil.test' }, 'headers.Host'],
  [{ 'Transfer-Encoding': 'chunked' }, 'headers.Transfer-Encoding'],
  [{ TE: 'trailers' }, 'headers.TE'],
  [JSON.parse('{"__proto__": "x"}'), 'headers.__proto__'],
])('refuses per-call headers %o with a ConfigError on %s', async (headers, field) => {
  const { transport, rest } = setup();
  const error = await rest.get('/tables', undefined, { headers }).catch((caught: unknown) => caught);
  expect(isConfigError(error) && error.field).toBe(field);
  expect(String((error as Error).message)).not.toContain('Injected');
  expect(transport.sent).toHaveLength(0);
});

test('numbers and booleans become strings; undefined per-call headers are dropped', async () => {
  const { transport, rest } = setup();
  await rest.get('/tables', undefined, { headers: { 'X-Count': 3, 'X-Flag': true, 'X-None': undefined } });
  expect(headerOf(transport.sent[0], 'x-count')).toBe('3');
  expect(headerOf(transport.sent[0], 'x-flag')).toBe('true');
  expect(headerOf(transport.sent[0], 'x-none')).toBeUndefined();
});

test('unknown call options are a ConfigError naming the option', async () => {
  const { rest } = setup();
  await expect(rest.get('/tables', undefined, { timeout: 5 } as never)).rejects.toMatchObject({
    field: 'options.timeout',
  });
});

test.each([
  ['per-call headers', { headers: { Expect: '100-continue' } }, {}, 'headers.Expect'],
  ['per-call headers, any value', { headers: { expect: 'anything' } }, {}, 'headers.expect'],
  ['extraHeaders', {}, { extraHeaders: { Expect: '100-continue' } }, 'extraHeaders.Expect'],
])(
  'an Expect header in %s is a ConfigError before any connection',
  async (_where, options, config, field) => {
    let error: unknown;
    let transport: ReturnType<typeof setup>['transport'] | undefined;
    try {
      const client = setup(config);
      transport = client.transport;
      await client.rest.get('/tables', undefined, options);
    } catch (caught) {
      error = caught;
    }
    expect(isConfigError(error) && error.field).toBe(field);
    expect(transport?.sent ?? []).toHaveLength(0);
  },
);

test('a %(constructor)s template is refused at construction with a message that names it', () => {
  let error: unknown;
  try {
    setup({ extraHeaders: { 'X-Copy': 'a %(constructor)s' } });
  } catch (caught) {
    error = caught;
  }
  expect(isConfigError(error) && error.field).toBe('extraHeaders.X-Copy');
  expect((error as Error).message).toContain('"constructor"');
});

test('Proxy-Authorization templated from Authorization is left out while there is no token, sent once there is', async () => {
  const { transport, rest } = setup({ extraHeaders: { 'Proxy-Authorization': '%(Authorization)s' } });
  await rest.get('/tables');
  expect(headerOf(transport.sent[0]!, 'proxy-authorization')).toBeUndefined();
  const withToken = setup({
    accessToken: 'token-abcdef',
    extraHeaders: { 'Proxy-Authorization': '%(Authorization)s' },
  });
  await withToken.rest.get('/tables');
  expect(headerOf(withToken.transport.sent[0]!, 'proxy-authorization')).toBe('Bearer token-abcdef');
});

test('a %(Content-Type)s template is left out on a GET and filled on a POST', async () => {
  const { transport, rest } = setup({ extraHeaders: { 'X-Sent-Type': '%(Content-Type)s' } });
  await rest.get('/tables');
  await rest.post('/tables', { a: 1 });
  expect(headerOf(transport.sent[0]!, 'x-sent-type')).toBeUndefined();
  expect(headerOf(transport.sent[1]!, 'x-sent-type')).toBe('application/json');
});

test('extraHeaders given as a Headers or a Map are sent, never silently dropped', async () => {
  for (const extraHeaders of [new Headers({ 'X-Team': 'data' }), new Map([['X-Team', 'data']])]) {
    const { transport, rest } = setup({ extraHeaders });
    await rest.get('/tables');
    expect(headerOf(transport.sent[0]!, 'x-team')).toBe('data');
  }
});

test('per-call headers given as a Headers or a Map are sent and validated like a plain object', async () => {
  const { transport, rest } = setup();
  await rest.get('/a', undefined, { headers: new Headers({ 'X-Call': 'h' }) });
  await rest.get('/b', undefined, { headers: new Map<string, string | number>([['X-Call', 7]]) });
  expect(headerOf(transport.sent[0]!, 'x-call')).toBe('h');
  expect(headerOf(transport.sent[1]!, 'x-call')).toBe('7');
  const error = await rest
    .get('/c', undefined, { headers: new Map([['X-Bad', 'a\r\nb']]) })
    .catch((caught: unknown) => caught);
  expect(isConfigError(error) && error.field).toBe('headers.X-Bad');
});

test('headers of any other shape (an array, a string) are a ConfigError, in config and per call', async () => {
  let error: unknown;
  try {
    setup({ extraHeaders: [['X-Team', 'data']] });
  } catch (caught) {
    error = caught;
  }
  expect(isConfigError(error) && error.field).toBe('extraHeaders');
  const { rest } = setup();
  const callError = await rest
    .get('/x', undefined, { headers: [['X-Team', 'data']] as never })
    .catch((caught: unknown) => caught);
  expect(isConfigError(callError) && callError.field).toBe('headers');
});

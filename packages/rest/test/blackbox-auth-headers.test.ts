// Black-box audit of SPEC 3.3 (auth), 3.4 (extra headers) and the header rules of 3.8, on both transports.
import { isAPIError, isAuthProviderError, isConfigError } from '@meta/errors';
import { type AuthTokenResult, type ClientConfig, REST } from '@meta/rest';
import { describe, expect, test, vi } from 'vitest';
import { json, rejectionOf, transportConfig, transports, useWireServer } from './blackbox/wire-server.js';

const server = useWireServer();

/** A provider handing out `tok-1`, `tok-2`, ... with the given lifetime, counting its calls. */
function countingProvider(lifetime: number | Date = 3600, delayMs = 0) {
  const provider = vi.fn(async (): Promise<AuthTokenResult> => {
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
    return [`tok-${provider.mock.calls.length}`, lifetime];
  });
  return provider;
}

const authOf = (index: number, name = 'authorization') => server.requests[index]?.headers[name];

describe.each(transports)('auth over %s', (_name, make) => {
  const client = (config: Partial<ClientConfig>) =>
    new REST({
      baseUrl: `${server.origin}/api`,
      retryWait: 0,
      logger: {},
      ...transportConfig(make),
      ...config,
    });

  test('a preset token goes out as "<authTokenMode> <token>" in authHeader; "" mode sends the bare token', async () => {
    const bearer = client({ accessToken: '  preset-token-1  ' });
    const custom = client({ accessToken: 'preset-token-2', authHeader: 'X-OM-Auth', authTokenMode: 'Token' });
    const bare = client({ accessToken: 'preset-token-3', authTokenMode: '' });
    await Promise.all([bearer.get('/a'), custom.get('/b'), bare.get('/c')]);
    await Promise.all([bearer.close(), custom.close(), bare.close()]);
    const byTarget = Object.fromEntries(server.requests.map((request) => [request.target, request.headers]));
    expect(byTarget['/api/v1/a']?.authorization).toBe('Bearer preset-token-1');
    expect(byTarget['/api/v1/b']?.['x-om-auth']).toBe('Token preset-token-2');
    expect(byTarget['/api/v1/b']?.authorization).toBeUndefined();
    expect(byTarget['/api/v1/c']?.authorization).toBe('preset-token-3');
  });

  test('the provider runs before every attempt that needs it: a 503 retry is re-signed with a fresh token', async () => {
    const provider = countingProvider(0);
    let calls = 0;
    server.handle(() => (calls++ === 0 ? { status: 503 } : json({ ok: true })));
    const rest = client({ authToken: provider });
    await expect(rest.get('/t')).resolves.toEqual({ ok: true });
    await rest.close();
    expect([authOf(0), authOf(1)]).toEqual(['Bearer tok-1', 'Bearer tok-2']);
  });

  test('concurrent callers share one in-flight refresh', async () => {
    const provider = countingProvider(3600, 50);
    const rest = client({ authToken: provider });
    await Promise.all(Array.from({ length: 8 }, (_, index) => rest.get(`/t/${index}`)));
    await rest.get('/again');
    await rest.close();
    expect(provider).toHaveBeenCalledTimes(1);
    expect(new Set(server.requests.map((request) => request.headers.authorization))).toEqual(
      new Set(['Bearer tok-1']),
    );
  });

  test('a 401 forces one refresh and one replay, then the APIError; nothing more is sent', async () => {
    const provider = countingProvider();
    server.handle(() => json({ code: 401, message: 'token expired' }, 401));
    const rest = client({ authToken: provider });
    const error = await rejectionOf(rest.get('/t'));
    await rest.close();
    expect(isAPIError(error) && [error.statusCode, error.message]).toEqual([401, 'token expired']);
    expect(provider).toHaveBeenCalledTimes(2);
    expect(server.requests.map((request) => request.headers.authorization)).toEqual([
      'Bearer tok-1',
      'Bearer tok-2',
    ]);
  });

  test('one replay per call: 401, replayed 503, retried 401 ends in the 401 APIError; the POST body is replayed intact', async () => {
    const provider = countingProvider();
    const statuses = [401, 503, 401];
    server.handle(() => ({ status: statuses.shift() ?? 200 }));
    const rest = client({ authToken: provider, retryNonIdempotent: true });
    const error = await rejectionOf(rest.post('/t', { name: 'é', n: 1 }));
    await rest.close();
    expect(isAPIError(error) && error.statusCode).toBe(401);
    expect(server.requests).toHaveLength(3);
    expect(provider).toHaveBeenCalledTimes(2);
    expect(server.requests.map((request) => request.body.toString())).toEqual(
      Array(3).fill('{"name":"é","n":1}'),
    );
  });

  test('a provider that never settles is bounded by the caller signal, totalTimeoutMs and close()', async () => {
    const hanging = () => new Promise<AuthTokenResult>(() => {});
    const reason = new Error('caller gave up');
    const controller = new AbortController();
    const rest = client({ authToken: hanging });
    const aborted = rest.get('/t', undefined, { signal: controller.signal });
    controller.abort(reason);
    expect(await rejectionOf(aborted)).toBe(reason);
    const bounded = client({ authToken: hanging, totalTimeoutMs: 50 });
    expect(await rejectionOf(bounded.get('/t'))).toMatchObject({ name: 'TimeoutError', phase: 'total' });
    const closing = rest.get('/t');
    await rest.close();
    expect(await rejectionOf(closing)).toMatchObject({ name: 'ClientClosedError' });
    await bounded.close();
    expect(server.requests).toHaveLength(0);
  });

  test('callers sharing a refresh that fails all get AuthProviderError, and the next call asks again', async () => {
    let calls = 0;
    const provider = async (): Promise<AuthTokenResult> => {
      calls++;
      await new Promise((resolve) => setTimeout(resolve, 20));
      if (calls === 1) throw new Error('idp flake');
      return ['tok-later', 3600];
    };
    const rest = client({ authToken: provider });
    const results = await Promise.allSettled([rest.get('/a'), rest.get('/b'), rest.get('/c')]);
    expect(
      results.every((result) => result.status === 'rejected' && isAuthProviderError(result.reason)),
    ).toBe(true);
    expect(calls).toBe(1);
    await rest.get('/d');
    await rest.close();
    expect(calls).toBe(2);
    expect(authOf(0)).toBe('Bearer tok-later');
  });

  test('five calls rejected with one revoked token share one forced refresh and all succeed on the replay', async () => {
    const provider = countingProvider(3600, 20);
    let revoked = false;
    server.handle((request) =>
      revoked && request.headers.authorization === 'Bearer tok-1' ? { status: 401 } : json({ ok: 1 }),
    );
    const rest = client({ authToken: provider });
    await rest.get('/warm');
    revoked = true;
    const results = await Promise.all(Array.from({ length: 5 }, (_, index) => rest.get(`/t/${index}`)));
    await rest.close();
    expect(results).toEqual(Array(5).fill({ ok: 1 }));
    expect(provider).toHaveBeenCalledTimes(2);
    expect(server.requests).toHaveLength(11);
  });

  test('a 401 with only a preset token is not replayed', async () => {
    server.handle(() => ({ status: 401 }));
    const rest = client({ accessToken: 'preset-token-9' });
    expect(isAPIError(await rejectionOf(rest.post('/t', { a: 1 })))).toBe(true);
    await rest.close();
    expect(server.requests).toHaveLength(1);
  });

  test('"no_token" and "" send no auth header; "" is asked for again on the next call', async () => {
    const empty = vi.fn((): AuthTokenResult => ['', null as never]);
    const none = vi.fn((): AuthTokenResult => ['no_token', null as never]);
    const first = client({ authToken: empty });
    const second = client({ authToken: none });
    for (let index = 0; index < 2; index++) await Promise.all([first.get('/e'), second.get('/n')]);
    await Promise.all([first.close(), second.close()]);
    expect(server.requests.every((request) => request.headers.authorization === undefined)).toBe(true);
    expect(empty).toHaveBeenCalledTimes(2);
    expect(none).toHaveBeenCalledTimes(1);
  });

  test('a failing provider rejects with AuthProviderError carrying the cause; nothing is sent; the next call retries it', async () => {
    const thrown = new Error('idp down');
    let fail = true;
    const provider = vi.fn(async (): Promise<AuthTokenResult> => {
      if (fail) throw thrown;
      return ['tok-ok', 3600];
    });
    const rest = client({ authToken: provider });
    const error = await rejectionOf(rest.get('/t'));
    expect(isAuthProviderError(error) && error.cause).toBe(thrown);
    expect(server.requests).toHaveLength(0);
    fail = false;
    await rest.get('/t');
    await rest.close();
    expect(authOf(0)).toBe('Bearer tok-ok');
  });

  test('every malformed provider result is an AuthProviderError and nothing is sent', async () => {
    const results: unknown[] = [
      'tok',
      null,
      [42, 10],
      ['tok', -1],
      ['tok', Number.NaN],
      ['tok', Number.POSITIVE_INFINITY],
      ['tok', '60'],
      ['tok', new Date('invalid')],
      ['tok'],
      ['tok', null],
      ['tok', 10, 'extra'],
      ['to\r\nX-Evil: 1', 10],
      ['tok\u0000', 10],
    ];
    for (const result of results) {
      const rest = client({ authToken: () => result as AuthTokenResult });
      const error = await rejectionOf(rest.get('/t'));
      await rest.close();
      expect(isAuthProviderError(error), JSON.stringify(result)).toBe(true);
      expect((error as Error).message).not.toContain('X-Evil');
    }
    expect(server.requests).toHaveLength(0);
  });

  test('an expiry above 10^9 is refused as an epoch time by mistake', async () => {
    const rest = client({ authToken: () => ['tok-epoch', Math.floor(Date.now() / 1000) + 3600] });
    const error = await rejectionOf(rest.get('/t'));
    await rest.close();
    expect(isAuthProviderError(error) && error.message).toMatch(/epoch/i);
    expect(server.requests).toHaveLength(0);
  });
});

test('refresh margin is min(120 s, half the lifetime), on the epoch clock, with a Date expiry too', async () => {
  let now = Date.UTC(2026, 0, 1);
  const provider = countingProvider(60);
  const rest = new REST({ baseUrl: `${server.origin}/api`, authToken: provider, clock: () => now });
  await rest.get('/t');
  now += 29_000;
  await rest.get('/t');
  expect(provider).toHaveBeenCalledTimes(1);
  now += 2_000;
  await rest.get('/t');
  expect(provider).toHaveBeenCalledTimes(2);
  const dated = vi.fn((): AuthTokenResult => ['tok-dated', new Date(now + 3_600_000)]);
  const datedClient = new REST({ baseUrl: `${server.origin}/api`, authToken: dated, clock: () => now });
  await datedClient.get('/t');
  now += 3_600_000 - 121_000;
  await datedClient.get('/t');
  expect(dated).toHaveBeenCalledTimes(1);
  now += 2_000;
  await datedClient.get('/t');
  expect(dated).toHaveBeenCalledTimes(2);
  await Promise.all([rest.close(), datedClient.close()]);
});

test('a preset token past expiresIn is no longer sent, or is replaced by the provider when there is one', async () => {
  const past = Math.floor(Date.now() / 1000) - 10;
  const alone = new REST({ baseUrl: `${server.origin}/api`, accessToken: 'old-token-1', expiresIn: past });
  const withProvider = new REST({
    baseUrl: `${server.origin}/api`,
    accessToken: 'old-token-2',
    expiresIn: past,
    authToken: () => ['new-token', 3600],
  });
  await alone.get('/a');
  await withProvider.get('/b');
  await Promise.all([alone.close(), withProvider.close()]);
  expect([authOf(0), authOf(1)]).toEqual([undefined, 'Bearer new-token']);
});

test('a token over non-loopback http warns once at construction; loopback and https never warn', async () => {
  const warn = vi.fn();
  const logger = { warn };
  const remote = new REST({ baseUrl: 'http://meta.example/api', accessToken: 'tok-warn-1', logger });
  expect(warn).toHaveBeenCalledTimes(1);
  expect(String(warn.mock.calls[0]?.[0])).not.toContain('tok-warn-1');
  for (const baseUrl of [
    'http://localhost:1/api',
    'http://127.9.9.9/api',
    'http://[::1]/api',
    'https://meta.example/api',
  ]) {
    await new REST({ baseUrl, accessToken: 'tok-warn-2', logger }).close();
  }
  expect(warn).toHaveBeenCalledTimes(1);
  await remote.close();
});

describe.each(transports)('headers over %s', (_name, make) => {
  const client = (config: Partial<ClientConfig>) =>
    new REST({ baseUrl: `${server.origin}/api`, ...transportConfig(make), ...config });

  test('templates copy defaults, the auth header and per-call headers case-insensitively; %% is %; one pass', async () => {
    const rest = client({
      accessToken: 'tok-template',
      extraHeaders: {
        'X-Copy': '%(authorization)s',
        'X-Agent': 'via %(USER-AGENT)s',
        'X-Pct': '100%% %(x-call)s',
        'X-Once': '%(X-Literal)s',
      },
    });
    await rest.get('/t', undefined, { headers: { 'X-Call': 'c', 'X-Literal': '%(Authorization)s' } });
    await rest.close();
    const headers = server.requests[0]?.headers ?? {};
    expect(headers['x-copy']).toBe('Bearer tok-template');
    expect(headers['x-agent']).toBe('via @meta/rest');
    expect(headers['x-pct']).toBe('100% c');
    expect(headers['x-once']).toBe('%(Authorization)s');
  });

  test('a template naming a missing header is a ConfigError naming it before anything is sent', async () => {
    const prototype = Object.prototype as Record<string, unknown>;
    prototype['X-Planted'] = 'polluted';
    try {
      const rest = client({ extraHeaders: { 'X-Ref': '%(X-Missing)s', 'X-Inherited': '%(X-Planted)s' } });
      const error = await rejectionOf(rest.get('/t'));
      await rest.close();
      expect(isConfigError(error) && error.field).toMatch(/^extraHeaders\.X-(Ref|Inherited)$/);
      expect(String((error as Error).message)).toMatch(/X-Missing|X-Planted/);
      expect(server.requests).toHaveLength(0);
    } finally {
      delete prototype['X-Planted'];
    }
  });

  test('merge order is defaults, auth, per-call, extra (last wins), one header per name on the wire', async () => {
    const rest = client({
      accessToken: 'tok-merge',
      extraHeaders: { 'x-team': 'extra', Accept: 'text/csv' },
    });
    await rest.post(
      '/t',
      { a: 1 },
      { headers: { 'X-TEAM': 'call', 'user-agent': 'mine/1', AUTHORIZATION: 'Basic dXNlcg==' } },
    );
    await rest.close();
    const request = server.requests[0];
    const count = (name: string) =>
      request?.rawHeaders.filter((_, index) => index % 2 === 0 && _.toLowerCase() === name);
    expect(request?.headers['x-team']).toBe('extra');
    expect(request?.headers.accept).toBe('text/csv');
    expect(request?.headers['user-agent']).toBe('mine/1');
    expect(request?.headers.authorization).toBe('Basic dXNlcg==');
    for (const name of ['x-team', 'accept', 'user-agent', 'authorization', 'content-type'])
      expect(count(name)).toHaveLength(1);
  });

  test('numbers and booleans become strings; Headers and Map are accepted', async () => {
    const rest = client({ extraHeaders: new Map<string, string | number>([['X-Map', 7]]) as never });
    await rest.get('/t', undefined, { headers: { 'X-Num': 42, 'X-Bool': false } as never });
    await rest.get('/t', undefined, { headers: new Headers({ 'X-From-Headers': 'h' }) });
    await rest.close();
    expect(server.requests[0]?.headers).toMatchObject({ 'x-num': '42', 'x-bool': 'false', 'x-map': '7' });
    expect(server.requests[1]?.headers['x-from-headers']).toBe('h');
  });

  test('CR, LF or NUL in a header value, a bad name or a managed name is a ConfigError naming the header, never its value', async () => {
    const rest = client({});
    const secretValue = 'sekrit-value-123';
    const calls: Array<[Record<string, unknown>, string]> = [
      [{ 'X-Id': `${secretValue}\r\nX-Evil: 1` }, 'headers.X-Id'],
      [{ 'X-Id': `${secretValue}\n` }, 'headers.X-Id'],
      [{ 'X-Id': `${secretValue}\u0000` }, 'headers.X-Id'],
      [{ 'X-Id': { toString: () => secretValue } }, 'headers.X-Id'],
      [{ hOsT: 'evil.test' }, 'headers.hOsT'],
      [{ 'Content-Length': '0' }, 'headers.Content-Length'],
      [{ 'Transfer-Encoding': 'chunked' }, 'headers.Transfer-Encoding'],
      [{ 'X Y': '1' }, 'headers.X Y'],
    ];
    for (const [headers, field] of calls) {
      const error = await rejectionOf(rest.get('/t', undefined, { headers: headers as never }));
      expect(isConfigError(error) && error.field, field).toBe(field);
      expect(`${(error as Error).message}${JSON.stringify(error)}`).not.toContain(secretValue);
    }
    await rest.close();
    expect(server.requests).toHaveLength(0);
  });
});

test('bad extra headers and stray % are ConfigErrors at construction naming extraHeaders.<Name>', () => {
  const cases: Array<[Record<string, string>, string]> = [
    [{ Connection: 'close' }, 'extraHeaders.Connection'],
    [{ 'keep-alive': '1' }, 'extraHeaders.keep-alive'],
    [{ Upgrade: 'h2c' }, 'extraHeaders.Upgrade'],
    [{ TE: 'trailers' }, 'extraHeaders.TE'],
    [{ Trailer: 'x' }, 'extraHeaders.Trailer'],
    [{ 'Proxy-Authorization': 'Basic abc\r\n' }, 'extraHeaders.Proxy-Authorization'],
    [{ 'X-Pct': '50% off' }, 'extraHeaders.X-Pct'],
    [{ 'X-Pct': '%(Name)' }, 'extraHeaders.X-Pct'],
    [{ 'X-Pct': '%' }, 'extraHeaders.X-Pct'],
  ];
  for (const [extraHeaders, field] of cases) {
    let thrown: unknown;
    try {
      new REST({ baseUrl: 'http://127.0.0.1:1/api', extraHeaders });
    } catch (error) {
      thrown = error;
    }
    expect(isConfigError(thrown) && thrown.field, field).toBe(field);
    expect((thrown as Error).message).not.toContain('Basic abc');
  }
});

test('a header templated from the auth header is masked in errors and recomputed after a refresh', async () => {
  server.handle((request) =>
    request.headers.authorization === 'Bearer tok-2' ? json({}, 403) : json({}, 401),
  );
  const rest = new REST({
    baseUrl: `${server.origin}/api`,
    authToken: countingProvider(),
    extraHeaders: { 'X-Forwarded-Token': '%(Authorization)s' },
  });
  const error = await rejectionOf(rest.get('/t'));
  await rest.close();
  expect(server.requests.map((request) => request.headers['x-forwarded-token'])).toEqual([
    'Bearer tok-1',
    'Bearer tok-2',
  ]);
  expect(isAPIError(error) && error.statusCode).toBe(403);
  expect(isAPIError(error) && error.request?.headers).toMatchObject({ 'X-Forwarded-Token': 'Bearer ****' });
  expect(JSON.stringify(error)).not.toContain('tok-2');
});

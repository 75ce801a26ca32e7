// Black-box audit of SPEC 3.5 (responses, errors), the JSON rules of 3.8 and section 5 (secrets), on both transports.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { isAPIError, isResponseParseError } from '@meta/errors';
import { type ClientConfig, REST } from '@meta/rest';
import { createTestingTransport } from '@meta/transport/testing';
import { describe, expect, test, vi } from 'vitest';
import { z } from 'zod';
import {
  json,
  rejectionOf,
  transportConfig,
  transports,
  useWireServer,
  type WireReply,
} from './blackbox/wire-server.js';

const server = useWireServer();
const token = 'tok-5ecret-Zq9';

/** Everything an error can show: message, stack, JSON, inspect, and its own fields. */
function rendered(error: unknown): string {
  const value = error as Error;
  return [
    value.message,
    value.stack,
    JSON.stringify(value),
    inspect(value, { depth: 12, showHidden: true }),
  ].join('\n');
}

describe.each(transports)('responses over %s', (_name, make) => {
  const client = (config: Partial<ClientConfig> = {}) =>
    new REST({ baseUrl: `${server.origin}/api`, retry: 0, logger: {}, ...transportConfig(make), ...config });

  test('2xx bodies decode by label: JSON types parsed, empty/whitespace/204/205 null, other types and no label as text', async () => {
    const replies: Array<[{ status?: number; headers?: Record<string, string>; body?: string }, unknown]> = [
      [
        { headers: { 'content-type': 'Application/JSON; charset=UTF-8' }, body: '{"a":[1,"é"]}' },
        { a: [1, 'é'] },
      ],
      [{ headers: { 'content-type': 'application/problem+json' }, body: '{"title":"t"}' }, { title: 't' }],
      [{ headers: { 'content-type': 'application/vnd.api+json' }, body: '[true]' }, [true]],
      [{ headers: { 'content-type': 'application/json' }, body: '\uFEFF{"bom":1}' }, { bom: 1 }],
      [{ headers: { 'content-type': 'application/json' }, body: 'null' }, null],
      [{ headers: { 'content-type': 'application/json' }, body: ' \r\n\t ' }, null],
      [{ headers: { 'content-type': 'application/json' }, body: '' }, null],
      [{ status: 204, headers: { 'content-type': 'application/json' } }, null],
      [{ status: 205 }, null],
      [{ headers: { 'content-type': 'text/plain' }, body: '{"a":1}' }, '{"a":1}'],
      [{ headers: { 'content-type': 'text/json' }, body: '{"a":1}' }, '{"a":1}'],
      [{ body: 'no label' }, 'no label'],
      [
        { headers: { 'content-type': 'application/xml' }, body: '<?xml version="1.0"?><a/>' },
        '<?xml version="1.0"?><a/>',
      ],
    ];
    const rest = client();
    for (const [reply, expected] of replies) {
      server.handle(() => reply);
      expect(await rest.get('/t'), JSON.stringify(reply)).toEqual(expected);
    }
    await rest.close();
  });

  test('a JSON body with a __proto__ key is plain data and never pollutes Object.prototype', async () => {
    server.handle(() => json(JSON.parse('{"__proto__":{"polluted":true},"a":1}')));
    const rest = client();
    const result = (await rest.get('/t')) as Record<string, unknown>;
    await rest.close();
    expect(Object.hasOwn(result, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(result.polluted).toBeUndefined();
  });

  test('invalid JSON under a JSON label is a ResponseParseError with status and redacted snippet, never null', async () => {
    server.handle(() => ({
      status: 201,
      headers: { 'content-type': 'application/json' },
      body: `{"echo":"${token}",`,
    }));
    const rest = client({ accessToken: token });
    const error = await rejectionOf(rest.post('/t', {}));
    await rest.close();
    expect(isResponseParseError(error) && [error.code, error.statusCode]).toEqual([
      'ERR_RESPONSE_PARSE',
      201,
    ]);
    expect(rendered(error)).not.toContain(token);
  });

  test('an HTML 2xx is ERR_HTML_RESPONSE naming the redacted URL and the likely causes; rawData returns its text', async () => {
    const pages = [
      { headers: { 'content-type': 'TEXT/HTML; charset=utf-8' }, body: 'x' },
      { headers: { 'content-type': 'application/xhtml+xml' }, body: '<x/>' },
      { headers: { 'content-type': 'application/json' }, body: '\uFEFF \n\t<!DocType HTML><html></html>' },
      { headers: {}, body: '<HTML><body>login</body></HTML>' },
    ];
    const rest = client();
    for (const page of pages) {
      server.handle(() => page);
      const error = await rejectionOf(rest.get(`/t?api_key=${token}`));
      expect(isResponseParseError(error) && error.code).toBe('ERR_HTML_RESPONSE');
      const message = (error as Error).message;
      expect(message).toContain(`${server.origin}/api/v1/t?api_key=****`);
      expect(message).toContain('/api');
      expect(message).toMatch(/login|proxy/i);
      expect(rendered(error)).not.toContain(token);
      expect(await rest.get('/t', undefined, { rawData: true })).toMatchObject({
        status: 200,
        data: page.body.replace(/^\uFEFF/, ''), // text decoding drops a BOM, as TextDecoder does
      });
    }
    await rest.close();
  });

  test('rawData returns status, lowercase plain-object headers and data, per call and per client', async () => {
    server.handle(() => ({
      status: 201,
      headers: { 'X-Mixed-Case': 'v', 'Content-Type': 'application/json' },
      body: '{"id":1}',
    }));
    const perCall = client();
    const perClient = client({ rawData: true });
    const results = [
      await perCall.post('/t', {}, { rawData: true }),
      await perClient.get('/t'),
      await perClient.get('/t', undefined, { rawData: false }),
    ];
    await Promise.all([perCall.close(), perClient.close()]);
    for (const raw of results.slice(0, 2) as Array<{
      status: number;
      headers: Record<string, string>;
      data: unknown;
    }>) {
      expect(raw).toMatchObject({ status: 201, data: { id: 1 } });
      expect(Object.getPrototypeOf(raw.headers)).toBe(Object.prototype);
      expect(raw.headers['x-mixed-case']).toBe('v');
      expect(Object.keys(raw.headers).every((name) => name === name.toLowerCase())).toBe(true);
    }
    expect(results[2]).toEqual({ id: 1 });
  });

  test('APIError takes message and code from a {code, message} body under any JSON label, or a mislabelled one', async () => {
    const rest = client();
    const bodies: Array<[Record<string, string>, string, unknown]> = [
      [{ 'content-type': 'application/json' }, '{"code":404,"message":"Entity with id [x] not found."}', 404],
      [{ 'content-type': 'application/problem+json' }, '{"code":"E_VALID","message":"bad field"}', 'E_VALID'],
      [{ 'content-type': 'text/plain' }, '{"code":409,"message":"already exists"}', 409],
    ];
    for (const [headers, body, code] of bodies) {
      server.handle(() => ({ status: 409, headers, body }));
      const error = await rejectionOf(rest.get('/t'));
      expect(isAPIError(error) && [error.code, error.statusCode]).toEqual([code, 409]);
      expect((error as Error).message).toBe(JSON.parse(body).message);
    }
    await rest.close();
  });

  test('keeps message and code of a {code, message} error body that a large stack trace pushes over 64 KiB', async () => {
    const body = {
      code: 'ENTITY_LOOKUP',
      message: `lookup failed for ${token}`,
      stackTrace: 'at x\n'.repeat(20_000),
    };
    server.handle(() => json(body, 500));
    const rest = client({ accessToken: token });
    const error = await rejectionOf(rest.get('/t'));
    await rest.close();
    expect(isAPIError(error) && [error.code, error.statusCode, error.message]).toEqual([
      'ENTITY_LOOKUP',
      500,
      'lookup failed for ****',
    ]);
    expect(String(isAPIError(error) && error.response?.body).length).toBeLessThanOrEqual(64 * 1024 + 64);
    expect(rendered(error)).not.toContain(token);
  });

  test('an error body without a usable message gives "<status> <reason> for <METHOD> <redacted url>", never data or null', async () => {
    const rest = client();
    const bodies = [
      '<html>bad gateway</html>',
      '{"message":12}',
      '{"message":""}',
      '[{"message":"x"}]',
      '{"message":',
      '',
    ];
    for (const body of bodies) {
      server.handle(() => ({
        status: 502,
        headers: { 'content-type': body.startsWith('<') ? 'text/html' : 'application/json' },
        body,
      }));
      const error = await rejectionOf(rest.delete(`/t/1?password=${token}`));
      expect(isAPIError(error) && error.code).toBe(502);
      expect((error as Error).message).toBe(
        `502 Bad Gateway for DELETE ${server.origin}/api/v1/t/1?password=****`,
      );
    }
    await rest.close();
  });

  test('a zod schema mismatch is a ResponseParseError carrying the zod issues (code kept), never the rejected value', async () => {
    server.handle(() => json({ id: 'x', count: `not-a-number ${token}` }));
    const rest = client();
    const schema = z.object({ id: z.string(), count: z.number() });
    const error = await rejectionOf(rest.get('/t', undefined, { schema }));
    const plain = new REST({ baseUrl: `${server.origin}/api`, ...transportConfig(make) });
    const typed: { id: string } = await plain.get('/t', undefined, { schema: z.object({ id: z.string() }) });
    await Promise.all([rest.close(), plain.close()]);
    expect(typed).toEqual({ id: 'x' });
    expect(isResponseParseError(error) && [error.statusCode, error.issues]).toEqual([
      200,
      [{ path: ['count'], message: 'Invalid input: expected number, received string', code: 'invalid_type' }],
    ]);
    expect(rendered(error)).not.toContain(token);
  });

  test('a 3xx with redirects off is an APIError with the redacted location', async () => {
    server.handle(() => ({
      status: 302,
      headers: { location: `https://elsewhere.test/login?token=${token}` },
    }));
    const rest = client();
    const error = await rejectionOf(rest.get('/t'));
    await rest.close();
    expect(isAPIError(error) && [error.statusCode, error.location]).toEqual([
      302,
      'https://elsewhere.test/login?token=****',
    ]);
    expect(rendered(error)).not.toContain(token);
  });
});

describe.each(transports)('failure families over %s', (_name, make) => {
  const client = (baseUrl: string) => new REST({ baseUrl, retry: 0, logger: {}, ...transportConfig(make) });

  test('refused: NetworkError with the system code, naming method and redacted URL', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const rest = client(`http://127.0.0.1:${port}/api`);
    const error = await rejectionOf(rest.delete(`/t?access_token=${token}`));
    await rest.close();
    expect(error).toMatchObject({ name: 'NetworkError', code: 'ECONNREFUSED' });
    expect((error as Error).message).toContain(`DELETE http://127.0.0.1:${port}/api/v1/t?access_token=****`);
    expect(rendered(error)).not.toContain(token);
  });

  test('no response in time: TimeoutError in the headers phase, naming method and redacted URL', async () => {
    server.handle(() => new Promise(() => {}));
    const rest = client(`${server.origin}/api`);
    const error = await rejectionOf(rest.get(`/slow?token=${token}`, undefined, { timeoutMs: 200 }));
    await rest.close();
    expect(error).toMatchObject({ name: 'TimeoutError', code: 'ERR_TIMEOUT', phase: 'headers' });
    expect((error as Error).message).toContain(`GET ${server.origin}/api/v1/slow?token=****`);
  });

  test('abort rejects with signal.reason, or the platform AbortError when none was given, before or during the call', async () => {
    server.handle(() => new Promise(() => {}));
    const rest = client(`${server.origin}/api`);
    const reason = { why: 'user navigated away' };
    expect(await rejectionOf(rest.get('/t', undefined, { signal: AbortSignal.abort(reason) }))).toBe(reason);
    const controller = new AbortController();
    const pending = rest.post('/t', { a: 1 }, { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    expect(await rejectionOf(pending)).toMatchObject({ name: 'AbortError' });
    await rest.close();
  });
});

describe.each(transports)('secrets over %s', (_name, make) => {
  test('tokens, cookies, api keys, sensitiveHeaders, templated copies and echoes never appear in errors or logs', async () => {
    const logLines: unknown[] = [];
    const log = (...args: unknown[]) => logLines.push(args);
    server.handle((request) =>
      json(
        {
          message: `denied ${request.headers.authorization} key=${request.headers['x-api-key']}`,
          cookie: request.headers.cookie,
        },
        503,
        { 'Set-Cookie': `sid=${token}; HttpOnly`, 'X-Echo-Session': token },
      ),
    );
    const rest = new REST({
      baseUrl: `${server.origin}/api`,
      ...transportConfig(make),
      retry: 1,
      retryWait: 0,
      authToken: () => [token, 3600],
      extraHeaders: {
        'X-Api-Key': 'apikey-value-77',
        Cookie: 'sid=cookie-value-88',
        'X-Tenant': 'tenant-secret-99',
        'X-Copy': '%(Authorization)s',
      },
      sensitiveHeaders: ['x-tenant'],
      logger: { debug: log, info: log, warn: log, error: log },
    });
    const error = await rejectionOf(rest.get(`/t?client_secret=qs-secret-11&ok=1`));
    await rest.close();
    expect(isAPIError(error) && error.request?.headers).toMatchObject({
      Authorization: 'Bearer ****',
      'X-Api-Key': '****',
      Cookie: '****',
      'X-Tenant': '****',
      'X-Copy': 'Bearer ****',
    });
    const everything = `${rendered(error)}\n${inspect(logLines, { depth: 8 })}`;
    for (const secret of [token, 'apikey-value-77', 'cookie-value-88', 'tenant-secret-99', 'qs-secret-11']) {
      expect(everything).not.toContain(secret);
    }
    expect(logLines.length).toBeGreaterThan(0);
    expect(server.requests[0]?.headers['x-api-key']).toBe('apikey-value-77');
  });
});

describe.each(transports)('echoed token spellings over %s', (_name, make) => {
  test('a token with reserved characters is masked as sent and as echoed: query, path, headers, JSON, Location, form', async () => {
    const odd = 'tok/ab+cd=ef%gh "q" \\x';
    const encoded = encodeURIComponent(odd);
    const form = encoded.replace(/%20/g, '+');
    const rest = new REST({
      baseUrl: `${server.origin}/api`,
      retry: 0,
      logger: {},
      accessToken: odd,
      ...transportConfig(make),
    });
    const cases: Array<[() => WireReply, () => Promise<unknown>]> = [
      [() => ({ status: 500, body: 'x' }), () => rest.get('/t', { q: odd })],
      [() => ({ status: 500, body: 'x' }), () => rest.get(`/t/${encoded}`)],
      [
        () => ({
          status: 500,
          headers: { 'X-Echo': odd.replace(/"/g, ''), 'X-Echo-Encoded': encoded },
          body: 'x',
        }),
        () => rest.get('/t'),
      ],
      [() => json({ detail: `got ${odd}`, nested: [{ value: odd }] }, 500), () => rest.get('/t')],
      [() => ({ status: 302, headers: { location: `/login?next=${encoded}` } }), () => rest.get('/t')],
      [() => ({ status: 500, body: `token=${form}` }), () => rest.get('/t')],
      [
        () => ({
          status: 200,
          headers: { 'content-type': 'application/json' },
          body: `{"a": "${encoded}" ${odd}`,
        }),
        () => rest.get('/t'),
      ],
    ];
    for (const [reply, call] of cases) {
      server.handle(reply);
      const text = rendered(await rejectionOf(call()));
      for (const spelling of [odd, encoded, form, odd.replace(/"/g, ''), JSON.stringify(odd).slice(1, -1)]) {
        expect(text).not.toContain(spelling);
      }
    }
    await rest.close();
  });
});

test('testing-transport recordings mask the auth header, credential-named headers, sensitiveHeaders, query secrets and echoed tokens', async () => {
  const transport = createTestingTransport({ handler: () => ({ status: 200, body: { ok: true } }) });
  const rest = new REST({
    baseUrl: 'https://meta.test/api',
    transport,
    accessToken: token,
    authHeader: 'X-OM-Auth',
    extraHeaders: { 'X-Session-Id': 'session-secret-2', 'X-Trace': 'visible', 'X-Forward': '%(X-OM-Auth)s' },
    sensitiveHeaders: ['X-Trace-Secretless'],
  }).get(
    '/t',
    { api_key: 'qs-secret-3', limit: 1 },
    { headers: { 'X-Trace-Secretless': 'custom-secret-4' } },
  );
  await rest.catch(() => {});
  const recorded = JSON.stringify(transport.requests);
  expect(transport.requests[0]?.headers).toMatchObject({ 'X-OM-Auth': 'Bearer ****', 'X-Trace': 'visible' });
  for (const secret of [token, 'session-secret-2', 'qs-secret-3', 'custom-secret-4'])
    expect(recorded).not.toContain(secret);
});

test('a provider token echoed by value in prose is masked in the APIError message and body', async () => {
  const transport = createTestingTransport({
    handler: (request) => ({
      status: 400,
      headers: { 'content-type': 'text/plain' },
      body: `bad: ${request.headers.Authorization?.slice(7)}!`,
    }),
  });
  const rest = new REST({
    baseUrl: 'https://meta.test/api',
    transport,
    authToken: () => [`  ${token}  `, 60],
    logger: {},
  });
  const error = await rejectionOf(rest.get('/t'));
  await rest.close();
  expect(isAPIError(error) && error.response?.body).toBe('bad: ****!');
  expect(rendered(error)).not.toContain(token);
});

test('redacting a hostile 200 KB error body through REST stays fast (linear time)', async () => {
  const hostile = `${'Bearer '.repeat(10_000)}${'&password='.repeat(10_000)}${'%'.repeat(50_000)}`;
  const transport = createTestingTransport({ handler: () => ({ status: 500, body: hostile }) });
  const rest = new REST({
    baseUrl: 'https://meta.test/api',
    transport,
    retry: 0,
    accessToken: token,
    logger: {},
  });
  const started = performance.now();
  const error = await rejectionOf(rest.get('/t'));
  JSON.stringify(error);
  inspect(error);
  await rest.close();
  expect(isAPIError(error)).toBe(true);
  // Generous: a quadratic scan of this input takes minutes.
  expect(performance.now() - started).toBeLessThan(8_000);
  vi.restoreAllMocks();
});

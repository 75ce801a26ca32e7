// SPEC traceability (docs/spec-trace.md): each test pins a SPEC 3-5 rule with the hostile or boundary inputs the
// other suites leave out, through the public entry points only, on both real transports where the wire matters.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import {
  isAPIError,
  isAuthProviderError,
  isClientClosedError,
  isConfigError,
  isNetworkError,
  isResponseParseError,
} from '@meta/errors';
import { type ClientConfig, REST } from '@meta/rest';
import { createFetchTransport } from '@meta/transport';
import { describe, expect, test, vi } from 'vitest';
import { json, rejectionOf, transportConfig, transports, useWireServer } from './blackbox/wire-server.js';
import { recordingSleep } from './blackbox-wire/transports.js';

const server = useWireServer();
const base = { baseUrl: 'http://127.0.0.1:1/api' };

/** What `build` throws, or a marker when it throws nothing. */
function thrownBy(build: () => unknown): unknown {
  try {
    build();
  } catch (error) {
    return error;
  }
  return 'nothing was thrown';
}

/** The `field` of the ConfigError `build` throws (fails with what it threw otherwise). */
function configFieldOf(build: () => unknown): string {
  const error = thrownBy(build);
  if (isConfigError(error)) return error.field ?? '(no field)';
  throw new Error(`expected a ConfigError, got ${String(error)}`);
}

test('every Python snake_case config name is an unknown option naming itself, never silently ignored', () => {
  const pythonNames = [
    'base_url',
    'api_version',
    'retry_wait',
    'retry_codes',
    'auth_token',
    'access_token',
    'expires_in',
    'auth_header',
    'extra_headers',
    'raw_data',
    'allow_redirects',
    'auth_token_mode',
    'timeout',
    'retries',
  ];
  for (const name of pythonNames) {
    const field = configFieldOf(() => new REST({ ...base, [name]: 1 } as unknown as ClientConfig));
    expect(field, name).toBe(name);
  }
});

test.each([
  ['retry', [Number.POSITIVE_INFINITY, Number.NaN, -1, 0.5, '3', true, null, 1e6]],
  ['retryWait', [Number.NaN, Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY, -1e-9, '30', null]],
  ['timeoutMs', [0, -1, Number.NaN, Number.POSITIVE_INFINITY, 1.5, '1000']],
  ['connectTimeoutMs', [0, -1, Number.NaN, 2.5, '10']],
  ['totalTimeoutMs', [0, -5, Number.POSITIVE_INFINITY, '60000']],
  ['maxRetryAfterMs', [-1, Number.NaN, 0.5, 2 ** 31, '120000']],
  ['maxResponseBytes', [0, -1, Number.NaN, 1.5, '64']],
  ['maxRedirects', [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, '10']],
  ['retryCodes', ['429', [429, '503'], [Number.NaN], [-429], [399], [600], [429.5], new Set([429])]],
  ['apiVersion', ['v1 ', 'v1?x', 'v1#x', 'v1/x', 'vé', '%2e%2e', 7, '', '.', '..']],
  ['expiresIn', [Number.NaN, -1, Number.POSITIVE_INFINITY, '1900000000', new Date(), 1e9 - 1]],
  ['authHeader', ['', 'X Auth', 'X-Tést', 'Host', 'content-length', 'X:Y', 7]],
  ['authTokenMode', ['Bearer\r\nX-Evil: 1', 'B\u0000', 'Bé€', 7]],
  ['userAgent', ['agent\n', 'agent\u007f', 'agent €', 42]],
  ['verify', ['', 0, 'true', '/no/such/ca-bundle.pem']],
  ['rawData', ['yes', 1, null]],
  ['allowRedirects', ['true', 1]],
  ['logger', ['console', null, 7]],
  ['sensitiveHeaders', ['X-A', ['bad name'], [7]]],
] as const)(
  '%s: every boundary, non-finite, non-integer or string value is a ConfigError naming %s',
  (field, values) => {
    for (const value of values) {
      const config = {
        ...base,
        ...(field === 'expiresIn' ? { accessToken: 'tok-boundary-01' } : {}),
        [field]: value,
      };
      expect(
        configFieldOf(() => new REST(config as unknown as ClientConfig)),
        String(value),
      ).toBe(field);
    }
  },
);

test('boundary values the SPEC allows are accepted: retry 0 and -0, retryWait 0, retryCodes [], expiresIn 10^9, maxRetryAfterMs 0', () => {
  for (const config of [
    { retry: 0 },
    { retry: -0 },
    { retryWait: 0 },
    { retryCodes: [] },
    { retryCodes: [400, 599] },
    { accessToken: 'tok-boundary-02', expiresIn: 1e9 },
    { maxRetryAfterMs: 0 },
    { maxRedirects: 0 },
    { apiVersion: 'v2.1_beta-3' },
    { authTokenMode: '' },
  ]) {
    expect(() => new REST({ ...base, ...config }), JSON.stringify(config)).not.toThrow();
  }
});

test('baseUrl: a query, a fragment, a username or a password alone, another scheme, a bad port or an empty string is a ConfigError', () => {
  for (const baseUrl of [
    'http://h/api?x=1',
    'http://h/api#frag',
    'http://user@h/api',
    'http://:pw@h/api',
    'ws://h/api',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'http://h:99999/api',
    '',
    new URL('http://u:p@h/api'),
  ]) {
    const error = thrownBy(() => new REST({ baseUrl } as ClientConfig));
    expect(isConfigError(error) && error.field, String(baseUrl)).toBe('baseUrl');
    expect(String((error as Error).message)).not.toContain('pw@');
  }
});

test('managed header names in any letter case are refused in extraHeaders and per call, nothing is sent', async () => {
  const managed = [
    'HOST',
    'content-length',
    'Transfer-Encoding',
    'CONNECTION',
    'keep-alive',
    'Upgrade',
    'te',
    'TRAILER',
  ];
  const rest = new REST({ baseUrl: `${server.origin}/api` });
  for (const name of managed) {
    expect(configFieldOf(() => new REST({ ...base, extraHeaders: { [name]: 'x' } }))).toBe(
      `extraHeaders.${name}`,
    );
    const error = await rejectionOf(rest.get('/x', null, { headers: { [name]: 'x' } }));
    expect(isConfigError(error) && error.field).toBe(`headers.${name}`);
  }
  await rest.close();
  expect(server.requests).toHaveLength(0);
});

test('a preset "no_token" or empty token over plain http warns nothing (no credential travels); a real token warns once', () => {
  const warnings = (config: Partial<ClientConfig>) => {
    const warn = vi.fn();
    new REST({ baseUrl: 'http://metadata.example/api', logger: { warn }, ...config });
    return warn.mock.calls.length;
  };
  expect(warnings({ accessToken: 'no_token' })).toBe(0);
  expect(warnings({ accessToken: '' })).toBe(0);
  expect(warnings({ accessToken: '   ' })).toBe(0);
  expect(warnings({})).toBe(0);
  expect(warnings({ accessToken: 'tok-real-0001' })).toBe(1);
  expect(warnings({ authToken: () => ['tok-real-0002', 60] })).toBe(1);
});

test('loopback is 127.0.0.0/8, ::1 and localhost in any case; look-alikes and other addresses warn', () => {
  const warns = (baseUrl: string) => {
    const warn = vi.fn();
    new REST({ baseUrl, accessToken: 'tok-loop-0001', logger: { warn } });
    return warn.mock.calls.length;
  };
  for (const quiet of [
    'http://localhost/api',
    'http://LOCALHOST:8585/api',
    'http://127.255.255.254/api',
    'http://[::1]/api',
    'http://127.1/api',
    'https://h.example/api',
  ])
    expect(warns(quiet), quiet).toBe(0);
  for (const loud of [
    'http://localhost.evil.test/api',
    'http://128.0.0.1/api',
    'http://0.0.0.0/api',
    'http://127.0.0.1.nip.io/api',
  ])
    expect(warns(loud), loud).toBe(1);
});

test('verify: a readable file or PEM text without a certificate is a ConfigError naming verify at construction, never quoting PEM', () => {
  const directory = mkdtempSync(join(tmpdir(), 'spec-trace-'));
  try {
    const notACa = join(directory, 'hostname.txt');
    writeFileSync(notACa, 'metadata.example\n');
    const keyText =
      '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC-secret-key-material\n-----END PRIVATE KEY-----\n';
    for (const verify of [notACa, keyText]) {
      const error = thrownBy(() => new REST({ baseUrl: 'https://metadata.example/api', verify }));
      expect(isConfigError(error) && error.field).toBe('verify');
      expect((error as Error).message).toContain('holds no PEM certificate');
      expect((error as Error).message).not.toContain('secret-key-material');
    }
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
});

test('on the real fetch transport a forbidden port is NetworkError ERR_FORBIDDEN_PORT, sent nowhere and never retried', async () => {
  const sleeps: number[] = [];
  const rest = new REST({
    baseUrl: 'http://127.0.0.1:6000/api',
    transport: createFetchTransport(),
    sleep: async (ms) => {
      sleeps.push(ms);
    },
  });
  const error = await rejectionOf(rest.get('/x'));
  await rest.close();
  expect(isNetworkError(error) && error.code).toBe('ERR_FORBIDDEN_PORT');
  expect(sleeps).toEqual([]);
});

test('a second close() is a no-op and new calls after it still reject with ClientClosedError', async () => {
  const rest = new REST({ baseUrl: `${server.origin}/api` });
  await rest.get('/x');
  await rest.close();
  await expect(rest.close()).resolves.toBeUndefined();
  expect(isClientClosedError(await rejectionOf(rest.get('/x')))).toBe(true);
  expect(server.requests).toHaveLength(1);
});

describe.each(transports)('over %s', (_name, make) => {
  const client = (config: Partial<ClientConfig> = {}) =>
    new REST({ baseUrl: `${server.origin}/api`, ...transportConfig(make), ...config });

  test('hostile per-call options are ConfigErrors naming options.<key> before any I/O (Python retries/timeout too)', async () => {
    const rest = client();
    const cases: ReadonlyArray<readonly [Record<string, unknown>, string]> = [
      [{ timeoutMs: 0 }, 'options.timeoutMs'],
      [{ timeoutMs: -1 }, 'options.timeoutMs'],
      [{ timeoutMs: Number.NaN }, 'options.timeoutMs'],
      [{ timeoutMs: Number.POSITIVE_INFINITY }, 'options.timeoutMs'],
      [{ timeoutMs: '5000' }, 'options.timeoutMs'],
      [{ timeoutMs: 2.5 }, 'options.timeoutMs'],
      [{ retry: -1 }, 'options.retry'],
      [{ retry: Number.POSITIVE_INFINITY }, 'options.retry'],
      [{ retry: '2' }, 'options.retry'],
      [{ rawData: 'yes' }, 'options.rawData'],
      [{ signal: {} }, 'options.signal'],
      [{ retryNonIdempotent: 1 }, 'options.retryNonIdempotent'],
      [{ schema: 5 }, 'options.schema'],
      [{ retries: 2 }, 'options.retries'],
      [{ timeout: 5 }, 'options.timeout'],
      [{ params: { a: 1 } }, 'options.params'],
    ];
    for (const [options, field] of cases) {
      const error = await rejectionOf(rest.get('/x', null, options as never));
      expect(isConfigError(error) && error.field, JSON.stringify(options)).toBe(field);
    }
    await rest.close();
    expect(server.requests).toHaveLength(0);
  });

  test('a header value above U+00FF, DEL or another control character is a ConfigError naming the header; Latin-1 is sent', async () => {
    const rest = client();
    for (const value of ['a€', 'emoji 😀', 'a\u007fb', 'a\u000bb', 'a\u001fb']) {
      const error = await rejectionOf(rest.get('/x', null, { headers: { 'X-Probe': value } }));
      expect(isConfigError(error) && error.field, JSON.stringify(value)).toBe('headers.X-Probe');
      expect((error as Error).message).not.toContain(value);
    }
    for (const name of [
      'X-Tést',
      '',
      'X Probe',
      'X(P)',
      'X/P',
      'X@P',
      'X{P}',
      'X,P',
      'X;P',
      'X=P',
      'X?P',
      'X\\P',
    ]) {
      const error = await rejectionOf(rest.get('/x', null, { headers: { [name]: 'v' } }));
      expect(isConfigError(error) && error.field).toBe(`headers.${name}`);
    }
    // A pasted `Name: value` line is named up to the colon only, so the value never reaches the error.
    const pasted = await rejectionOf(rest.get('/x', null, { headers: { 'X-Key: hunter2-secret': 'v' } }));
    expect(isConfigError(pasted) && pasted.field).toBe('headers.X-Key...');
    expect((pasted as Error).message).not.toContain('hunter2');
    expect(server.requests).toHaveLength(0);
    // obs-text (U+0080-U+00FF, C1 controls included) is legal in a field value and goes out as Latin-1 bytes.
    await rest.get('/x', null, { headers: { 'X-Probe': 'café\u0085' } });
    expect(server.requests[0]?.headers['x-probe']).toBe('café\u0085');
    await rest.close();
  });

  test('a token with characters above U+00FF is a typed error naming the header, never the token, and nothing is sent', async () => {
    for (const token of ['tok-€uro-0001', 'tok 😀 0002']) {
      const preset = thrownBy(() => client({ accessToken: token }));
      expect(isConfigError(preset) && preset.field).toBe('accessToken');
      expect((preset as Error).message).toContain('Authorization');
      expect((preset as Error).message).not.toContain(token);
      const rest = client({ authToken: () => [token, 3600] });
      const error = await rejectionOf(rest.get('/x'));
      expect(isAuthProviderError(error)).toBe(true);
      expect((error as Error).message).not.toContain(token);
      await rest.close();
    }
    expect(server.requests).toHaveLength(0);
    const latin1 = client({ accessToken: '  tök-0003\t' });
    await latin1.get('/x');
    await latin1.close();
    expect(server.requests[0]?.headers.authorization).toBe('Bearer tök-0003');
  });

  test('userAgent goes out as User-Agent; a per-call User-Agent wins over it', async () => {
    const rest = client({ userAgent: 'spec-trace/1.0' });
    await rest.get('/x');
    await rest.get('/x', null, { headers: { 'user-agent': 'per-call/2' } });
    await rest.close();
    expect(server.requests.map((request) => request.headers['user-agent'])).toEqual([
      'spec-trace/1.0',
      'per-call/2',
    ]);
  });

  test('redirect methods: 301/302 turn only POST into a bodiless GET, 303 turns every method into one, 307/308 keep all', async () => {
    const expected: Record<number, Record<string, string>> = {
      301: { POST: 'GET', PUT: 'PUT', PATCH: 'PATCH', DELETE: 'DELETE' },
      302: { POST: 'GET', PUT: 'PUT', PATCH: 'PATCH', DELETE: 'DELETE' },
      303: { POST: 'GET', PUT: 'GET', PATCH: 'GET', DELETE: 'GET' },
      307: { POST: 'POST', PUT: 'PUT', PATCH: 'PATCH', DELETE: 'DELETE' },
      308: { POST: 'POST', PUT: 'PUT', PATCH: 'PATCH', DELETE: 'DELETE' },
    };
    const rest = client({ allowRedirects: true });
    for (const [status, methods] of Object.entries(expected)) {
      server.handle((request) =>
        request.target === '/api/v1/from'
          ? { status: Number(status), headers: { location: '/api/v1/to' } }
          : json({ ok: true }),
      );
      for (const [method, followed] of Object.entries(methods)) {
        server.requests.length = 0;
        await rest[method.toLowerCase() as 'post'](
          '/from',
          method === 'PATCH' ? [{ op: 'add', path: '/a', value: 1 }] : { a: 1 },
        );
        const hop = server.requests[1];
        expect(`${status} ${method} -> ${hop?.method}`).toBe(`${status} ${method} -> ${followed}`);
        if (followed === 'GET') {
          expect(hop?.body.length).toBe(0);
          expect(hop?.headers['content-type']).toBeUndefined();
        } else {
          expect(hop?.body.toString()).toBe(server.requests[0]?.body.toString());
        }
      }
    }
    await rest.close();
  });

  test('an unusable Location (unparsable, another scheme, empty) is an APIError for the 3xx; nothing is followed', async () => {
    const rest = client({ allowRedirects: true });
    for (const location of ['http://[bad', 'ftp://evil.test/x', 'javascript:alert(1)', '']) {
      server.requests.length = 0;
      server.handle(() => ({ status: 302, headers: { location } }));
      const error = await rejectionOf(rest.get('/from'));
      expect(isAPIError(error) && error.statusCode, location).toBe(302);
      expect(server.requests).toHaveLength(1);
    }
    await rest.close();
  });

  test('a 3xx Location with scheme-relative userinfo (//user:pw@host) is masked in the APIError, its JSON and inspect', async () => {
    server.handle(() => ({ status: 302, headers: { location: '//user:hunter22pw@evil.test/next' } }));
    const rest = client();
    const error = await rejectionOf(rest.get('/from'));
    await rest.close();
    expect(isAPIError(error) && error.location).toBe('//****@evil.test/next');
    expect(isAPIError(error) && error.response?.headers.location).toBe('//****@evil.test/next');
    expect(`${JSON.stringify(error)} ${inspect(error, { depth: 8 })}`).not.toContain('hunter22pw');
  });

  test('a 3xx Location with userinfo after backslashes (\\\\user:pw@host) is masked in the APIError, its JSON and inspect', async () => {
    server.handle(() => ({ status: 302, headers: { location: '\\\\user:hunter22pw@evil.test/next' } }));
    const rest = client();
    const error = await rejectionOf(rest.get('/from'));
    await rest.close();
    expect(isAPIError(error) && error.location).toBe('\\\\****@evil.test/next');
    expect(isAPIError(error) && error.response?.headers.location).toBe('\\\\****@evil.test/next');
    expect(`${JSON.stringify(error)} ${inspect(error, { depth: 8 })}`).not.toContain('hunter22pw');
  });

  test('Retry-After on the wire: a future HTTP-date is slept, RFC 850 and asctime dates in the past mean now', async () => {
    const cases: ReadonlyArray<readonly [string, (ms: number) => boolean]> = [
      [new Date(Date.now() + 30_000).toUTCString(), (ms) => ms > 20_000 && ms <= 30_000],
      ['Sunday, 06-Nov-94 08:49:37 GMT', (ms) => ms === 0],
      ['Sun Nov  6 08:49:37 1994', (ms) => ms === 0],
      ['Sun, 06 Nov 1994 08:49:37 GMT', (ms) => ms === 0],
      ['  \t4 ', (ms) => ms === 4000],
    ];
    for (const [retryAfter, fits] of cases) {
      let answered = 0;
      server.handle(() =>
        answered++ === 0 ? { status: 429, headers: { 'retry-after': retryAfter } } : json({ ok: 1 }),
      );
      const { sleeps, sleep } = recordingSleep();
      const rest = client({ retry: 1, sleep, logger: { warn: () => {} } });
      await expect(rest.get('/x')).resolves.toEqual({ ok: 1 });
      await rest.close();
      expect(sleeps.length, retryAfter).toBe(1);
      expect(fits(sleeps[0] ?? -1), `${retryAfter} slept ${sleeps[0]}`).toBe(true);
    }
  });

  test('Retry-After junk (sign, fraction, unit, hex, exponent, non-GMT zone) is ignored: retryWait × attempt applies', async () => {
    for (const retryAfter of [
      '-5',
      '1.5',
      '+5',
      '5s',
      '0x10',
      '1e3',
      'Thu, 01 Jan 2099 00:00:00 PST',
      'soon',
      '',
    ]) {
      let answered = 0;
      server.handle(() =>
        answered++ === 0 ? { status: 503, headers: { 'retry-after': retryAfter } } : json({ ok: 1 }),
      );
      const { sleeps, sleep } = recordingSleep();
      const rest = client({ retry: 1, retryWait: 2, sleep, logger: { warn: () => {} } });
      await rest.get('/x');
      await rest.close();
      expect(sleeps, JSON.stringify(retryAfter)).toEqual([2000]);
    }
  });

  test('maxRetryAfterMs: 0 sleeps a Retry-After of 0 and fails at once on 1 s, exposing the delay', async () => {
    const { sleeps, sleep } = recordingSleep();
    let answered = 0;
    server.handle(() =>
      answered++ === 0 ? { status: 503, headers: { 'retry-after': '0' } } : json({ ok: 1 }),
    );
    const rest = client({ retry: 1, maxRetryAfterMs: 0, sleep, logger: { warn: () => {} } });
    await expect(rest.get('/x')).resolves.toEqual({ ok: 1 });
    server.handle(() => ({ status: 503, headers: { 'retry-after': '1' } }));
    const error = await rejectionOf(rest.get('/x'));
    await rest.close();
    expect(isAPIError(error) && error.retryAfterMs).toBe(1000);
    expect(sleeps).toEqual([0]);
    expect(server.requests).toHaveLength(3);
  });

  test('retry codes by method: [] retries nothing; a custom 500 retries PUT, never POST; PATCH only on 429/503; DELETE on 504', async () => {
    const { sleep } = recordingSleep();
    const attempts = async (
      config: Partial<ClientConfig>,
      status: number,
      call: (rest: REST) => Promise<unknown>,
    ) => {
      server.requests.length = 0;
      server.handle(() => ({ status }));
      const rest = client({ retry: 2, retryWait: 0, sleep, logger: { warn: () => {} }, ...config });
      const error = await rejectionOf(call(rest));
      await rest.close();
      expect(isAPIError(error) && error.statusCode).toBe(status);
      return server.requests.length;
    };
    expect(await attempts({ retryCodes: [] }, 503, (rest) => rest.get('/x'))).toBe(1);
    expect(await attempts({ retryCodes: [500] }, 500, (rest) => rest.put('/x', {}))).toBe(3);
    expect(await attempts({ retryCodes: [500] }, 500, (rest) => rest.post('/x', {}))).toBe(1);
    expect(await attempts({}, 504, (rest) => rest.patch('/x', []))).toBe(1);
    expect(await attempts({}, 429, (rest) => rest.patch('/x', []))).toBe(3);
    expect(await attempts({}, 503, (rest) => rest.patch('/x', []))).toBe(3);
    expect(await attempts({}, 504, (rest) => rest.delete('/x'))).toBe(3);
  });

  test('HTML 2xx detection: a BOM before <!DOCTYPE, an xhtml label, an upper-case label, a JSON label; a 404 page stays APIError', async () => {
    const rest = client();
    for (const [label, body] of [
      ['text/plain', '\ufeff<!DOCTYPE HTML><html></html>'],
      ['application/xhtml+xml; charset=utf-8', '<?xml version="1.0"?><html/>'],
      ['TEXT/HTML', 'not even markup'],
      ['application/json', '\r\n  <HTML><body>sign in</body></HTML>'],
    ] as const) {
      server.handle(() => ({ status: 200, headers: { 'content-type': label }, body }));
      const error = await rejectionOf(rest.get('/x'));
      expect(isResponseParseError(error) && error.code, label).toBe('ERR_HTML_RESPONSE');
    }
    server.handle(() => ({
      status: 404,
      headers: { 'content-type': 'text/html' },
      body: '<html>missing</html>',
    }));
    const notFound = await rejectionOf(rest.get('/x'));
    expect(isAPIError(notFound) && notFound.statusCode).toBe(404);
    await rest.close();
  });

  test('2xx decoding edges: JSON null and whitespace are null, +json labels in any case parse, text/json and no label are text', async () => {
    const rest = client();
    const decoded = async (headers: Record<string, string>, body: string, status = 200) => {
      server.handle(() => ({ status, headers, body }));
      return rest.get('/x');
    };
    expect(await decoded({ 'content-type': 'application/json' }, 'null')).toBeNull();
    expect(await decoded({ 'content-type': 'application/json' }, ' \r\n\t ')).toBeNull();
    expect(await decoded({ 'content-type': 'Application/Problem+JSON; charset=utf-8' }, '{"a":1}')).toEqual({
      a: 1,
    });
    expect(await decoded({ 'content-type': 'text/json' }, '{"a":1}')).toBe('{"a":1}');
    expect(await decoded({}, '{"a":1}')).toBe('{"a":1}');
    expect(await decoded({ 'content-type': 'application/json' }, '', 201)).toBeNull();
    await rest.close();
  });

  test('APIError from a hostile error body: a blank, nested or non-object message falls back to the readable status line', async () => {
    const rest = client();
    for (const body of [
      { message: '   ', code: 'X' },
      { error: { message: 'deep' } },
      [1, 2],
      { message: 42 },
    ]) {
      server.handle(() => json(body, 400));
      const error = await rejectionOf(rest.get('/x'));
      expect(isAPIError(error) && error.message, JSON.stringify(body)).toBe(
        `400 Bad Request for GET ${server.origin}/api/v1/x`,
      );
    }
    server.handle(() => json({ code: 0, message: 'zero' }, 400));
    const zero = await rejectionOf(rest.get('/x'));
    expect(isAPIError(zero) && [zero.code, zero.message]).toEqual([0, 'zero']);
    await rest.close();
  });

  test('templates see defaults, the auth header and per-call headers, never another extra header; %%(Name)s stays literal', async () => {
    const seeing = client({
      accessToken: 'tok-tmpl-0001',
      authHeader: 'X-Token',
      extraHeaders: { 'X-Copy': '%(x-token)s|%(X-CALL)s|%%(Accept)s' },
    });
    await seeing.get('/x', null, { headers: { 'X-Call': 'c%(Accept)s' } });
    await seeing.close();
    expect(server.requests[0]?.headers['x-copy']).toBe('Bearer tok-tmpl-0001|c%(Accept)s|%(Accept)s');
    const blind = client({ extraHeaders: { 'X-A': 'a', 'X-B': '%(X-A)s' } });
    const error = await rejectionOf(blind.get('/x'));
    await blind.close();
    expect(isConfigError(error) && error.field).toBe('extraHeaders.X-B');
    expect((error as Error).message).toContain('X-A');
    expect(server.requests).toHaveLength(1);
  });

  test('query keys and values with + & = # ? / % space and non-ASCII are percent-encoded, so + never reads as a space', async () => {
    const rest = client();
    await rest.get('/x', { 'k &=#+': 'v &=#+/?%é' }, { query: { flag: true, n: 0, list: ['a+b', 'c d'] } });
    await rest.close();
    const target = server.requests[0]?.target ?? '';
    expect(target).toBe(
      '/api/v1/x?k%20%26%3D%23%2B=v%20%26%3D%23%2B%2F%3F%25%C3%A9&flag=true&n=0&list=a%2Bb&list=c%20d',
    );
    expect(new URL(target, 'http://h').searchParams.get('k &=#+')).toBe('v &=#+/?%é');
  });

  test('encoded look-alikes stay on the base path as sent, never decoded into a climb: %252e, %00, %2F%2F, a query ../', async () => {
    const rest = client();
    for (const path of ['/%252e%252e/x', '/a%00b', '/%2F%2Fevil.test', '/a?next=../../admin', '/a%zz'])
      await rest.get(path);
    await rest.close();
    expect(server.requests.map((request) => request.target)).toEqual([
      '/api/v1/%252e%252e/x',
      '/api/v1/a%00b',
      '/api/v1/%2F%2Fevil.test',
      '/api/v1/a?next=../../admin',
      '/api/v1/a%25zz',
    ]);
  });
});

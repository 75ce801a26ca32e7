import { isAPIError, isClientClosedError, isConfigError, isNetworkError } from '@meta/errors';
import { createTestingTransport } from '@meta/transport/testing';
import { createTestCertificates } from '@meta/transport-conformance';
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { REST } from '../../src/index.js';
import { type LoopbackServer, sendJson, startLoopbackServer } from '../helpers/loopback-server.js';
import { jsonStep as json, routedTransport } from '../helpers/testing-steps.js';
import { createClient, rejectionOf, TRANSPORT_KINDS, type TransportKind } from './clients.js';
import { type FaultServer, respondJson, startFaultServer } from './fault-server.js';

const PROTOTYPE_NAMES_BEFORE = Object.getOwnPropertyNames(Object.prototype).sort();

/** What a vulnerable dependency might plant: every option and header name that would change behaviour. */
const POLLUTION: Record<string, unknown> = {
  verify: false,
  rejectUnauthorized: false,
  allowRedirects: true,
  baseUrl: 'http://evil.test',
  retry: 50,
  retryCodes: [500],
  retryWait: 0,
  rawData: true,
  authHeader: 'X-Evil-Auth',
  accessToken: 'planted-token',
  Authorization: 'Bearer planted-token',
  'X-Evil': 'planted',
  cookie: 'planted=1',
  timeoutMs: 1,
  maxResponseBytes: 1,
  beforeRequest: () => {
    throw new Error('planted hook ran');
  },
  debug: () => {
    throw new Error('planted logger ran');
  },
  // Transport options: a planted proxy, CA, dispatcher or fetch would capture every request and its token.
  proxy: 'http://127.0.0.1:9',
  fetch: () => Promise.reject(new Error('planted fetch used')),
  dispatcher: {
    dispatch() {
      throw new Error('planted dispatcher used');
    },
  },
  // Request options undici and fetch read: a planted body, query or upgrade would change what is sent.
  body: 'planted-body',
  query: { planted: '1' },
  upgrade: 'websocket',
};

/**
 * Keys read inside the platform's own fetch (Node's bundled undici copies the init and its dispatch options into
 * plain objects), which no library can shield: the fetch transport's guarantee stops at its own reads.
 */
const PLATFORM_FETCH_KEYS = new Set(['dispatcher', 'query', 'body']);

function pollute(kind?: TransportKind): void {
  for (const [key, value] of Object.entries(POLLUTION)) {
    if (kind === 'fetch' && PLATFORM_FETCH_KEYS.has(key)) continue;
    Object.defineProperty(Object.prototype, key, {
      value,
      configurable: true,
      writable: true,
      enumerable: false,
    });
  }
}

function cleanUp(): void {
  for (const key of Object.keys(POLLUTION)) delete (Object.prototype as Record<string, unknown>)[key];
}

let plain: FaultServer;
let secure: LoopbackServer;

beforeAll(async () => {
  plain = await startFaultServer();
  secure = await startLoopbackServer(createTestCertificates().selfSigned);
  secure.route = (_request, response) => sendJson(response, 200, { insecure: 'accepted' });
}, 60_000);

afterEach(() => {
  cleanUp();
  plain.reset();
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(PROTOTYPE_NAMES_BEFORE);
});

afterAll(async () => {
  cleanUp();
  await Promise.all([plain.close(), secure.close()]);
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(PROTOTYPE_NAMES_BEFORE);
});

test('a polluted Object.prototype cannot supply a missing baseUrl', () => {
  pollute();
  expect(() => new REST({} as never)).toThrow(expect.objectContaining({ field: 'baseUrl' }));
});

test('a polluted Object.prototype (verify, rejectUnauthorized, ca, proxy) never disables TLS verification on the default transport', async () => {
  pollute();
  const rest = new REST({ baseUrl: secure.origin, retry: 0 });
  try {
    expect(await rejectionOf(rest.get('/x'))).toSatisfy(isNetworkError);
    expect(secure.requests).toHaveLength(0);
  } finally {
    cleanUp();
    await rest.close();
  }
});

describe.each(TRANSPORT_KINDS)('%s transport', (kind) => {
  test('a polluted Object.prototype changes neither retries, redirects, limits, hooks, headers, nor the fetch, dispatcher or request options of the transport', async () => {
    plain.fault = (request, socket) => {
      if (request.path.endsWith('/moved')) respondJson(socket, 302, {}, { location: '/api/v1/target' });
      else if (request.path.endsWith('/boom')) respondJson(socket, 500, { code: 500, message: 'boom' });
      else respondJson(socket, 200, { path: request.path });
    };
    pollute(kind);
    const rest = createClient(kind, { baseUrl: `${plain.origin}/api`, logger: {} });
    try {
      await expect(rest.get('/ok')).resolves.toEqual({ path: '/api/v1/ok' });
      await expect(rest.delete('/ok')).resolves.toEqual({ path: '/api/v1/ok' });
      const redirect = await rejectionOf(rest.get('/moved'));
      expect(isAPIError(redirect)).toBe(true);
      expect(await rejectionOf(rest.get('/boom'))).toSatisfy(isAPIError);
      expect(plain.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
        'GET /api/v1/ok',
        'DELETE /api/v1/ok',
        'GET /api/v1/moved',
        'GET /api/v1/boom',
      ]);
      for (const request of plain.requests) {
        expect(request.body).toBe('');
        expect(request.headers.upgrade).toBeUndefined();
        expect(request.headers['x-evil']).toBeUndefined();
        expect(request.headers['x-evil-auth']).toBeUndefined();
        expect(request.headers.authorization).toBeUndefined();
        expect(request.headers.cookie).toBeUndefined();
      }
    } finally {
      cleanUp();
      await rest.close();
    }
  });
});

// Node's addEventListener reads `signal` from its options (`{ once: true }`): a planted non-signal threw a bare
// TypeError on every call, and Node skips a listener whose options carry an aborted signal. Node's own
// module loader and fetch read it too (a lazy `import()` fails; fetch's RequestInit conversion picks it up), so the
// client is warmed up before the planting, and over Node's fetch the guarantee is a typed failure.
function plantSignal(value: unknown): void {
  Object.defineProperty(Object.prototype, 'signal', { value, configurable: true, writable: true });
}

const PLANTED_SIGNALS = [
  ['an aborted signal', AbortSignal.abort(new Error('planted signal'))],
  ['not a signal', 'planted'],
] as const;

test.each(PLANTED_SIGNALS)(
  'a planted Object.prototype.signal (%s): calls still succeed, and a caller abort and close() during a retry wait still end them',
  async (_label, planted) => {
    // The testing transport listens through the same abort fan-out as the undici transport, without sockets: Node's
    // net.Server miscounts connections it accepts while a signal is planted, and would never close.
    let answers = 0;
    const transport = createTestingTransport((request) => {
      answers++;
      return request.url.endsWith('/flaky')
        ? { status: 503, body: { code: 503, message: 'busy' } }
        : { status: 200, body: { path: new URL(request.url).pathname } };
    });
    const rest = new REST({ baseUrl: 'https://metadata.test/api', transport, retry: 3, retryWait: 60 });
    plantSignal(planted);
    try {
      await expect(rest.get('/ok')).resolves.toEqual({ path: '/api/v1/ok' });
      const caller = new AbortController();
      const aborted = rejectionOf(rest.get('/flaky', undefined, { signal: caller.signal }));
      await vi.waitFor(() => expect(answers).toBe(2));
      caller.abort(new Error('caller gave up'));
      expect(((await aborted) as Error).message).toBe('caller gave up');
      const waiting = rejectionOf(rest.get('/flaky'));
      await vi.waitFor(() => expect(answers).toBe(3));
      await rest.close();
      expect(await waiting).toSatisfy(isClientClosedError);
    } finally {
      delete (Object.prototype as Record<string, unknown>).signal;
      await rest.close();
    }
  },
);

test.each(PLANTED_SIGNALS)(
  'a planted Object.prototype.signal (%s): calls over Node fetch fail typed, never with a bare TypeError',
  async (_label, planted) => {
    plain.fault = (request, socket) => respondJson(socket, 200, { path: request.path });
    const rest = createClient('fetch', { baseUrl: `${plain.origin}/api`, retry: 0 });
    await expect(rest.get('/warm')).resolves.toEqual({ path: '/api/v1/warm' });
    plantSignal(planted);
    try {
      expect(await rejectionOf(rest.get('/ok'))).toSatisfy(isNetworkError);
    } finally {
      delete (Object.prototype as Record<string, unknown>).signal;
      await rest.close();
    }
  },
);

test('__proto__ and constructor keys in config (as JSON.parse makes them) are refused or inert', async () => {
  const transport = routedTransport(() => json(500, {}));
  const config = JSON.parse(
    '{"baseUrl": "https://metadata.test/api", "__proto__": {"retry": 50, "allowRedirects": true}}',
  );
  let rest: REST | undefined;
  try {
    rest = new REST({ ...config, transport });
  } catch (error) {
    expect(isConfigError(error)).toBe(true);
  }
  if (rest) {
    await rejectionOf(rest.get('/x'));
    expect(transport.sent).toHaveLength(4);
  }
  const withConstructor = JSON.parse(
    '{"baseUrl": "https://metadata.test/api", "constructor": {"prototype": {"x": 1}}}',
  );
  expect(() => new REST({ ...withConstructor, transport })).toThrow(
    expect.objectContaining({ name: 'ConfigError' }),
  );
  expect(({} as Record<string, unknown>).retry).toBeUndefined();
  expect(({} as Record<string, unknown>).x).toBeUndefined();
});

test('__proto__ keys in extraHeaders, per-call headers and hooks are refused and pollute nothing', async () => {
  const transport = routedTransport(() => json(200, {}));
  const headersWithProto = JSON.parse('{"__proto__": {"X-Evil": "1"}, "X-Ok": "1"}');
  expect(
    () => new REST({ baseUrl: 'https://metadata.test', transport, extraHeaders: headersWithProto }),
  ).toThrow(expect.objectContaining({ field: 'extraHeaders.__proto__' }));
  const rest = new REST({ baseUrl: 'https://metadata.test', transport });
  expect(await rejectionOf(rest.get('/x', null, { headers: headersWithProto }))).toSatisfy(isConfigError);
  const hooksWithProto = JSON.parse('{"__proto__": {"beforeRequest": 1}}');
  expect(() => new REST({ baseUrl: 'https://metadata.test', transport, hooks: hooksWithProto })).toThrow();
  expect(transport.sent).toHaveLength(0);
  expect(({} as Record<string, unknown>)['X-Evil']).toBeUndefined();
});

test('a polluted Object.prototype cannot supply per-call options (query, retry, rawData, schema, headers) or sensitiveHeaders', async () => {
  const planted: Record<string, unknown> = {
    query: { planted: 'yes' },
    retry: 5,
    rawData: true,
    schema: {
      '~standard': { version: 1, vendor: 'planted', validate: () => ({ issues: [{ message: 'x' }] }) },
    },
    headers: { 'X-Planted': '1' },
    retryNonIdempotent: true,
    sensitiveHeaders: ['X-Team'],
  };
  const urls: string[] = [];
  const transport = createTestingTransport((request) => {
    urls.push(request.url);
    return { status: 503, body: { message: 'down' } };
  });
  for (const [key, value] of Object.entries(planted)) {
    Object.defineProperty(Object.prototype, key, {
      value,
      configurable: true,
      writable: true,
      enumerable: false,
    });
  }
  try {
    const rest = new REST({ baseUrl: 'https://metadata.test/api', transport, retry: 0, retryWait: 0 });
    const error = await rejectionOf(rest.post('/x', {}, { timeoutMs: 5000, headers: { 'X-Team': 'data' } }));
    expect(isAPIError(error)).toBe(true);
    expect(urls).toEqual(['https://metadata.test/api/v1/x']);
    expect((error as { request?: { headers: Record<string, string> } }).request?.headers['X-Team']).toBe(
      'data',
    );
    expect(transport.requests[0]!.headers['X-Planted']).toBeUndefined();
  } finally {
    for (const key of Object.keys(planted)) delete (Object.prototype as Record<string, unknown>)[key];
  }
});

import { createServer as createPlainServer } from 'node:http';
import {
  type APIError,
  type ConfigError,
  isClientClosedError,
  isConfigError,
  isNetworkError,
  isResponseTooLargeError,
  isTimeoutError,
  type NetworkError,
  type TimeoutError,
} from '@meta/errors';
import { REST } from '@meta/rest';
import { createFetchTransport } from '@meta/transport';
import { createUndiciTransport } from '@meta/transport/undici';
import { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { useHarness } from './blackbox-wire/harness.js';
import { closedPort, httpResponse, type RawServer } from './blackbox-wire/raw-server.js';
import { makeTlsFixture, type TlsFixture } from './blackbox-wire/tls-fixture.js';
import {
  type CountingServer,
  startHttp2Server,
  startHttpsServer,
  startSilentServer,
} from './blackbox-wire/tls-servers.js';
import { recordingSleep, rejectionOf, TRANSPORTS } from './blackbox-wire/transports.js';

// Black-box probes of SPEC 3.7/3.8 deadlines, size limits, aborts and close() through the public API.
const { serve, client } = useHarness();

/** Writes `text` one byte every `everyMs` until the socket closes. */
function drip(socket: RawServer['requests'][number]['socket'], text: string, everyMs: number): void {
  let index = 0;
  const timer = setInterval(() => {
    if (socket.destroyed || index >= text.length) return clearInterval(timer);
    socket.write(text[index++] ?? '');
  }, everyMs);
  socket.on('close', () => clearInterval(timer));
}

describe.each(TRANSPORTS)('%s transport', (_name, make) => {
  test('timeoutMs is a deadline, not an idle timer: dripped headers time out (phase headers) and GET retries', async () => {
    const server = await serve((request) =>
      drip(request.socket, `HTTP/1.1 200 OK\r\nx-slow: ${'a'.repeat(500)}`, 20),
    );
    const { sleeps, sleep } = recordingSleep();
    const rest = client(make, {
      baseUrl: `${server.origin}/api`,
      timeoutMs: 300,
      retry: 1,
      retryWait: 2,
      sleep,
    });
    const error = (await rejectionOf(rest.get('/slow'))) as TimeoutError;
    expect(isTimeoutError(error)).toBe(true);
    expect(error.phase).toBe('headers');
    expect(error.message).toContain(`GET ${server.origin}/api/v1/slow`);
    expect(server.requests).toHaveLength(2);
    expect(sleeps).toEqual([2000]);
  });

  test('a body dripped past the deadline is TimeoutError phase body and is not retried', async () => {
    const server = await serve((request) => {
      request.socket.write('HTTP/1.1 200 OK\r\ncontent-length: 400\r\n\r\n');
      drip(request.socket, 'b'.repeat(400), 20);
    });
    const { sleep } = recordingSleep();
    const rest = client(make, { baseUrl: `${server.origin}/api`, timeoutMs: 300, sleep });
    const error = (await rejectionOf(rest.get('/slow'))) as TimeoutError;
    expect(error.phase).toBe('body');
    expect(server.requests).toHaveLength(1);
  });

  test('totalTimeoutMs bounds the call across attempts: phase total, and a backoff past it is not slept', async () => {
    const server = await serve((request) =>
      request.socket.write(httpResponse('503 Busy', { 'Retry-After': '5' })),
    );
    const { sleeps, sleep } = recordingSleep();
    const rest = client(make, { baseUrl: `${server.origin}/api`, totalTimeoutMs: 2000, sleep });
    const error = (await rejectionOf(rest.get('/busy'))) as APIError;
    expect(error.statusCode).toBe(503);
    expect(sleeps).toEqual([]);
    const hang = await serve(() => {});
    const hanging = client(make, { baseUrl: `${hang.origin}/api`, totalTimeoutMs: 250 });
    const timeout = (await rejectionOf(hanging.get('/hang'))) as TimeoutError;
    expect([timeout.phase, timeout.timeoutMs]).toEqual(['total', 250]);
  });

  test('with the defaults, a GET to a closed port fails with ECONNREFUSED in under 3 s of real time', async () => {
    const port = await closedPort();
    const rest = client(make, { baseUrl: `http://127.0.0.1:${port}/api` });
    const started = performance.now();
    await expect(rest.get('/tables')).rejects.toMatchObject({ name: 'NetworkError', code: 'ECONNREFUSED' });
    expect(performance.now() - started).toBeLessThan(3000);
  });

  test('totalTimeoutMs on a dead server: a backoff that would pass it is not slept, the last NetworkError wins', async () => {
    const port = await closedPort();
    const rest = client(make, { baseUrl: `http://127.0.0.1:${port}/api`, retry: 50, totalTimeoutMs: 400 });
    const started = performance.now();
    await expect(rest.get('/x')).rejects.toMatchObject({ name: 'NetworkError', code: 'ECONNREFUSED' });
    expect(performance.now() - started).toBeLessThan(2000);
  });

  test('maxResponseBytes counts the body: too large on a 2xx (also a lying Content-Length), APIError on a 500', async () => {
    const server = await serve((request) => {
      if (request.path.endsWith('/big')) request.socket.write(httpResponse('200 OK', {}, 'x'.repeat(2000)));
      if (request.path.endsWith('/liar'))
        request.socket.write('HTTP/1.1 200 OK\r\ncontent-length: 5000\r\n\r\nxyz');
      if (request.path.endsWith('/chunked')) {
        request.socket.write('HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n');
        for (let index = 0; index < 30; index++) request.socket.write(`64\r\n${'c'.repeat(100)}\r\n`);
      }
      if (request.path.endsWith('/error'))
        request.socket.write(httpResponse('500 Oops', {}, 'e'.repeat(5000)));
    });
    const rest = client(make, { baseUrl: `${server.origin}/api`, maxResponseBytes: 1000, timeoutMs: 5000 });
    for (const path of ['/big', '/liar', '/chunked']) {
      const error = await rejectionOf(rest.get(path));
      expect(isResponseTooLargeError(error), path).toBe(true);
    }
    const apiError = (await rejectionOf(rest.get('/error'))) as APIError;
    expect(apiError.statusCode).toBe(500);
  });

  test('an abort rejects with signal.reason as-is, on the wire and in backoff; no reason gives AbortError', async () => {
    const server = await serve((request) => {
      if (request.path.endsWith('/busy')) request.socket.write(httpResponse('503 Busy', {}));
    });
    const rest = client(make, { baseUrl: `${server.origin}/api` });
    const reason = new Error('caller gave up');
    const onWire = rest.get('/hang', undefined, { signal: AbortSignal.timeout(100) });
    expect(((await rejectionOf(onWire)) as Error).name).toBe('TimeoutError');
    const controller = new AbortController();
    const inBackoff = rest.get('/busy', undefined, { signal: controller.signal });
    while (server.requests.length < 2) await new Promise((resolve) => setTimeout(resolve, 5));
    await new Promise((resolve) => setTimeout(resolve, 50));
    controller.abort(reason);
    expect(await rejectionOf(inBackoff)).toBe(reason);
    const bare = new AbortController();
    const plain = rest.get('/hang', undefined, { signal: bare.signal });
    setTimeout(() => bare.abort(), 50);
    expect(((await rejectionOf(plain)) as Error).name).toBe('AbortError');
  });

  test('close(): new calls reject at once, a call in backoff rejects, the exchange on the wire finishes', async () => {
    let release: (() => void) | undefined;
    const server = await serve((request) => {
      if (request.path.endsWith('/busy')) return request.socket.write(httpResponse('503 Busy', {}));
      release = () => request.socket.write(httpResponse('200 OK', {}, 'finished'));
    });
    const rest = client(make, { baseUrl: `${server.origin}/api`, retryWait: 100 });
    const inBackoff = rest.get('/busy');
    const onWire = rest.get('/wire');
    while (release === undefined || server.requests.length < 2) await new Promise((r) => setTimeout(r, 5));
    const closing = rest.close();
    expect(rest.close()).toBe(closing);
    expect(isClientClosedError(await rejectionOf(inBackoff))).toBe(true);
    expect(isClientClosedError(await rejectionOf(rest.get('/new')))).toBe(true);
    release();
    await expect(onWire).resolves.toBe('finished');
    await closing;
    expect(server.requests).toHaveLength(2);
  });

  test('close({ force: true }) upgrades a waiting graceful close and aborts the exchange on the wire', async () => {
    const server = await serve(() => {});
    const rest = client(make, { baseUrl: `${server.origin}/api` });
    const onWire = rest.get('/hang');
    while (server.requests.length < 1) await new Promise((resolve) => setTimeout(resolve, 5));
    let gracefulDone = false;
    const graceful = rest.close().then(() => {
      gracefulDone = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(gracefulDone).toBe(false);
    const started = performance.now();
    await rest.close({ force: true });
    await graceful;
    expect(isClientClosedError(await rejectionOf(onWire))).toBe(true);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  test('a redirect hop that would start after close() is not started: ClientClosedError', async () => {
    let answer: (() => void) | undefined;
    const server = await serve((request) => {
      answer = () =>
        request.socket.write(httpResponse('307 Temporary Redirect', { Location: '/api/v1/next' }));
    });
    const rest = client(make, { baseUrl: `${server.origin}/api`, allowRedirects: true });
    const call = rejectionOf(rest.get('/first'));
    while (answer === undefined) await new Promise((resolve) => setTimeout(resolve, 5));
    const closing = rest.close();
    answer();
    expect(isClientClosedError(await call)).toBe(true);
    await closing;
    expect(server.requests.map((request) => request.path)).toEqual(['/api/v1/first']);
  });

  test('an abort between redirect hops rejects with the reason and sends no further hop', async () => {
    const controller = new AbortController();
    const reason = new Error('stop following');
    const server = await serve((request) => {
      if (request.path.endsWith('/slow')) return;
      request.socket.write(httpResponse('302 Found', { Location: '/api/v1/slow' }));
    });
    const rest = client(make, { baseUrl: `${server.origin}/api`, allowRedirects: true });
    const call = rejectionOf(rest.get('/first', undefined, { signal: controller.signal }));
    while (server.requests.length < 2) await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort(reason);
    expect(await call).toBe(reason);
  });

  test('a timeoutMs beyond 2^31-1 ms is capped, never fired at once', async () => {
    const server = await serve((request) => {
      setTimeout(() => request.socket.write(httpResponse('200 OK', {}, 'patient')), 100);
    });
    const rest = client(make, { baseUrl: `${server.origin}/api`, timeoutMs: 2 ** 31 + 5 });
    await expect(rest.get('/x')).resolves.toBe('patient');
    await expect(rest.get('/x', undefined, { timeoutMs: Number.MAX_SAFE_INTEGER })).resolves.toBe('patient');
  });

  test('close({ force: true }) in a storm of 60 calls (backoff, on the wire) settles every call at once', async () => {
    const server = await serve((request, index) => {
      if (index % 2 === 0) request.socket.write(httpResponse('503 Busy', { 'retry-after': '60' }));
    });
    const rest = client(make, { baseUrl: `${server.origin}/api` });
    const calls = Array.from({ length: 60 }, (_, index) => rejectionOf(rest.get(`/item/${index}`)));
    while (server.requests.length < 60) await new Promise((resolve) => setTimeout(resolve, 5));
    const started = performance.now();
    await rest.close({ force: true });
    const errors = await Promise.all(calls);
    expect(errors.every((error) => isClientClosedError(error))).toBe(true);
    expect(performance.now() - started).toBeLessThan(3000);
    expect(server.requests).toHaveLength(60);
  });

  test('close() never closes a transport passed in config.transport', async () => {
    const server = await serve((request) => request.socket.write(httpResponse('200 OK', {}, 'again')));
    const transport = make();
    const first = new REST({ baseUrl: `${server.origin}/api`, transport });
    await first.close();
    await using second = new REST({ baseUrl: `${server.origin}/api`, transport });
    await expect(second.get('/x')).resolves.toBe('again');
    await transport.close();
  });
});

test('await using closes the owned default transport: the server sees its keep-alive socket closed', async () => {
  let open = 0;
  const server = createPlainServer((_request, response) => response.end('{"ok":true}'));
  server.on('connection', (socket) => {
    open += 1;
    socket.on('close', () => {
      open -= 1;
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  {
    await using rest = new REST({ baseUrl: `http://127.0.0.1:${port}/api` });
    await expect(rest.get('/x', undefined, { headers: { accept: 'application/json' } })).resolves.toBe(
      '{"ok":true}',
    );
    expect(open).toBe(1);
  }
  for (let waited = 0; open > 0 && waited < 2000; waited += 10) await new Promise((r) => setTimeout(r, 10));
  expect(open).toBe(0);
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

let tls: TlsFixture | undefined;
const tlsServers: CountingServer[] = [];
beforeAll(() => {
  tls = makeTlsFixture();
});
afterAll(async () => {
  await Promise.all(tlsServers.splice(0).map((server) => server.close()));
  tls?.remove();
});

async function track<T extends CountingServer>(server: Promise<T>): Promise<T> {
  const started = await server;
  tlsServers.push(started);
  return started;
}

function fixture(): TlsFixture {
  if (tls === undefined) throw new Error('the TLS fixture was not made');
  return tls;
}

test('verify as PEM text or a CA path trusts the test CA; the default refuses a self-signed server, once', async () => {
  const trusted = await track(startHttpsServer(fixture(), { ok: 1 }));
  for (const verify of [fixture().ca, fixture().caPath]) {
    await using rest = new REST({ baseUrl: `${trusted.origin}/api`, verify, logger: {} });
    await expect(rest.get('/x')).resolves.toEqual({ ok: 1 });
  }
  const options = { key: fixture().selfSignedKey, cert: fixture().selfSignedCert };
  const selfSigned = await track(startHttpsServer(fixture(), { ok: 2 }, options));
  await using strict = new REST({ baseUrl: `${selfSigned.origin}/api`, logger: {} });
  const error = (await rejectionOf(strict.get('/x'))) as NetworkError;
  expect([error.name, error.code, error.retryable]).toEqual([
    'NetworkError',
    'DEPTH_ZERO_SELF_SIGNED_CERT',
    false,
  ]);
  expect(selfSigned.connections).toBe(1);
});

test('verify: false reaches a self-signed server for this client only and warns once at construction', async () => {
  const options = { key: fixture().selfSignedKey, cert: fixture().selfSignedCert };
  const selfSigned = await track(startHttpsServer(fixture(), { ok: 3 }, options));
  const warnings: unknown[] = [];
  await using rest = new REST({
    baseUrl: `${selfSigned.origin}/api`,
    verify: false,
    logger: { warn: (m) => warnings.push(m) },
  });
  expect(warnings).toHaveLength(1);
  await expect(rest.get('/x')).resolves.toEqual({ ok: 3 });
  await expect(rest.get('/x')).resolves.toEqual({ ok: 3 });
  expect(warnings).toHaveLength(1);
  expect(process.env.NODE_TLS_REJECT_UNAUTHORIZED).toBeUndefined();
  await expect(fetch(`${selfSigned.origin}/api/v1/x`)).rejects.toThrow();
  await using other = new REST({ baseUrl: `${selfSigned.origin}/api`, logger: {} });
  expect(isNetworkError(await rejectionOf(other.get('/x')))).toBe(true);
});

test('a non-default verify is a ConfigError on the fetch transport, on a given transport, and for a bad path', () => {
  const baseUrl = 'https://127.0.0.1:1/api';
  const fetchTransport = createFetchTransport();
  for (const config of [
    { baseUrl, verify: false, transport: fetchTransport },
    { baseUrl, verify: fixture().ca, transport: createUndiciTransport() },
    { baseUrl, verify: '/nonexistent/blackbox-ca.pem' },
  ]) {
    const error = (() => {
      try {
        return new REST(config);
      } catch (thrown) {
        return thrown;
      }
    })() as ConfigError;
    expect(isConfigError(error)).toBe(true);
    expect(error.field).toBe('verify');
  }
  expect(() => new REST({ baseUrl, verify: '/nonexistent/blackbox-ca.pem' })).toThrow(
    /nonexistent\/blackbox-ca\.pem/,
  );
});

test('an https -> http redirect is refused: APIError for the 3xx with its location, nothing reaches http', async () => {
  const plain = await serve((request) => request.socket.write(httpResponse('200 OK', {}, 'leaked')));
  const location = `${plain.origin}/api/v1/x`;
  const secure = await track(
    startHttpsServer(fixture(), {}, {}, () => ({ status: 302, headers: { location } })),
  );
  await using rest = new REST({
    baseUrl: `${secure.origin}/api`,
    verify: fixture().ca,
    allowRedirects: true,
    logger: {},
  });
  const error = (await rejectionOf(rest.get('/x'))) as APIError;
  expect([error.name, error.statusCode, error.location]).toEqual(['APIError', 302, location]);
  expect(plain.connections).toBe(0);
});

test('a stalled TLS handshake is a connect TimeoutError with dead-server backoff, and leaves no socket', async () => {
  const silent = await track(startSilentServer());
  const { sleeps, sleep } = recordingSleep();
  const rest = new REST({
    baseUrl: `${silent.origin}/api`,
    verify: fixture().ca,
    connectTimeoutMs: 150,
    retry: 2,
    sleep,
    logger: {},
    random: () => 0.5,
  });
  const error = (await rejectionOf(rest.get('/x'))) as TimeoutError;
  expect([error.name, error.phase]).toEqual(['TimeoutError', 'connect']);
  expect(sleeps).toEqual([125, 250]);
  expect(silent.connections).toBe(3);
  // No socket outlives its attempt: they are gone before close() is even called.
  for (let waited = 0; silent.open.size > 0 && waited < 2000; waited += 10)
    await new Promise((r) => setTimeout(r, 10));
  expect(silent.open.size).toBe(0);
  await rest.close();
});

test('allowH2: ten concurrent calls multiplex over one HTTP/2 session', async () => {
  const server = await track(startHttp2Server(fixture()));
  const transport = createUndiciTransport({ allowH2: true, ca: fixture().ca, proxy: false });
  await using rest = new REST({ baseUrl: `${server.origin}/api`, transport, logger: {} });
  const results = await Promise.all(Array.from({ length: 10 }, () => rest.get('/x')));
  expect(results).toEqual(Array(10).fill({ h2: true }));
  expect(server.sessions).toBe(1);
  await transport.close();
});

test('a server requiring a client certificate none was given fails once, not retried', async () => {
  const options = { ca: fixture().ca, requestCert: true, rejectUnauthorized: true };
  const server = await track(startHttpsServer(fixture(), {}, options));
  await using rest = new REST({ baseUrl: `${server.origin}/api`, verify: fixture().ca, logger: {} });
  const error = (await rejectionOf(rest.get('/x'))) as NetworkError;
  expect([error.name, error.retryable]).toEqual(['NetworkError', false]);
  expect(server.connections).toBe(1);
});

test('the token provider wait is bounded by the signal, totalTimeoutMs and close(); nothing is sent', async () => {
  const server = await serve((request) => request.socket.write(httpResponse('200 OK', {}, 'x')));
  const authToken = () => new Promise<[string, number]>(() => {});
  const rest = new REST({ baseUrl: `${server.origin}/api`, authToken, logger: {} });
  const reason = 'caller said stop';
  const controller = new AbortController();
  const aborted = rejectionOf(rest.get('/a', undefined, { signal: controller.signal }));
  controller.abort(reason);
  expect(await aborted).toBe(reason);
  const bounded = new REST({ baseUrl: `${server.origin}/api`, authToken, totalTimeoutMs: 100, logger: {} });
  expect(await rejectionOf(bounded.get('/b'))).toMatchObject({ name: 'TimeoutError', phase: 'total' });
  const waiting = rejectionOf(rest.get('/c'));
  await new Promise((resolve) => setTimeout(resolve, 20));
  await rest.close();
  expect(isClientClosedError(await waiting)).toBe(true);
  await bounded.close();
  expect(server.requests).toHaveLength(0);
});

test('an already aborted signal rejects with its reason before any connection; per-call timeoutMs wins', async () => {
  const server = await serve(() => {});
  await using rest = new REST({ baseUrl: `${server.origin}/api`, timeoutMs: 60_000, retry: 0, logger: {} });
  const reason = { why: 'not an Error' };
  expect(await rejectionOf(rest.get('/x', undefined, { signal: AbortSignal.abort(reason) }))).toBe(reason);
  expect(server.connections).toBe(0);
  const error = (await rejectionOf(rest.get('/x', undefined, { timeoutMs: 150 }))) as TimeoutError;
  expect([error.phase, error.timeoutMs]).toEqual(['headers', 150]);
});

test('connectTimeoutMs is capped by timeoutMs: a stalled handshake fails at the attempt deadline', async () => {
  const silent = await track(startSilentServer());
  await using rest = new REST({
    baseUrl: `${silent.origin}/api`,
    verify: fixture().ca,
    connectTimeoutMs: 10_000,
    timeoutMs: 200,
    retry: 0,
    logger: {},
  });
  const started = performance.now();
  const error = (await rejectionOf(rest.get('/x'))) as TimeoutError;
  expect([error.name, error.phase]).toEqual(['TimeoutError', 'connect']);
  expect(performance.now() - started).toBeLessThan(5000);
});

test('over HTTP/2 one stream past its deadline or refused fails alone; a refused GET stream is retried', async () => {
  let refused = 0;
  const server = await track(
    startHttp2Server(fixture(), (stream, path) => {
      if (path.endsWith('/slow')) return;
      if (path.endsWith('/refused') && refused++ === 0) return stream.close(7);
      stream.respond({ ':status': 200, 'content-type': 'application/json' });
      stream.end(JSON.stringify(path));
    }),
  );
  const transport = createUndiciTransport({ allowH2: true, ca: fixture().ca, proxy: false });
  const { sleeps, sleep } = recordingSleep();
  await using rest = new REST({ baseUrl: `${server.origin}/api`, transport, sleep, logger: {} });
  const [slow, fast, retried] = await Promise.allSettled([
    rest.get('/slow', undefined, { timeoutMs: 300, retry: 0 }),
    rest.get('/fast'),
    rest.get('/refused'),
  ]);
  expect(slow.status === 'rejected' && slow.reason).toMatchObject({ name: 'TimeoutError', phase: 'headers' });
  expect(fast).toEqual({ status: 'fulfilled', value: '/api/v1/fast' });
  expect(retried).toEqual({ status: 'fulfilled', value: '/api/v1/refused' });
  expect([refused, sleeps.length, server.sessions]).toEqual([2, 1, 1]);
  await transport.close();
  for (let waited = 0; server.open.size > 0 && waited < 2000; waited += 10)
    await new Promise((r) => setTimeout(r, 10));
  expect(server.open.size).toBe(0);
});

test('on the fetch transport a stalled handshake is a connect timeout with dead-server backoff', async () => {
  const silent = await track(startSilentServer());
  const { sleeps, sleep } = recordingSleep();
  const transport = createFetchTransport();
  await using rest = new REST({
    baseUrl: `${silent.origin}/api`,
    transport,
    timeoutMs: 200,
    retry: 1,
    sleep,
    random: () => 0.5,
    logger: {},
  });
  const error = (await rejectionOf(rest.get('/x'))) as TimeoutError;
  expect([error.name, error.phase]).toEqual(['TimeoutError', 'connect']);
  expect(sleeps).toEqual([125]);
});

test('undici transport TLS options: client certificate, minTlsVersion, rejectUnauthorized, a borrowed dispatcher', async () => {
  const { cert, key, ca } = fixture();
  const mutual = await track(
    startHttpsServer(fixture(), { mtls: true }, { ca, requestCert: true, rejectUnauthorized: true }),
  );
  const withCert = createUndiciTransport({ ca, cert, key, proxy: false });
  await using mtlsClient = new REST({ baseUrl: `${mutual.origin}/api`, transport: withCert, logger: {} });
  await expect(mtlsClient.get('/x')).resolves.toEqual({ mtls: true });
  await withCert.close();

  const old = await track(startHttpsServer(fixture(), {}, { maxVersion: 'TLSv1.2' }));
  const modern = createUndiciTransport({ ca, minTlsVersion: 'TLSv1.3', proxy: false });
  await using strict = new REST({ baseUrl: `${old.origin}/api`, transport: modern, logger: {} });
  const error = (await rejectionOf(strict.get('/x'))) as NetworkError;
  expect([error.name, error.retryable, old.connections]).toEqual(['NetworkError', false, 1]);
  await modern.close();

  const selfSigned = await track(
    startHttpsServer(
      fixture(),
      { loose: true },
      { key: fixture().selfSignedKey, cert: fixture().selfSignedCert },
    ),
  );
  const agent = new Agent({ connect: { rejectUnauthorized: false } });
  const borrowed = createUndiciTransport({ dispatcher: agent });
  const loose = createUndiciTransport({ rejectUnauthorized: false, proxy: false });
  for (const transport of [borrowed, loose]) {
    await using rest = new REST({ baseUrl: `${selfSigned.origin}/api`, transport, logger: {} });
    await expect(rest.get('/x')).resolves.toEqual({ loose: true });
    await transport.close();
  }
  expect(agent.closed).toBe(false);
  await agent.close();
  expect(() => createUndiciTransport({ ca: 'not a certificate' })).toThrow(
    expect.objectContaining({ field: 'ca' }),
  );
});

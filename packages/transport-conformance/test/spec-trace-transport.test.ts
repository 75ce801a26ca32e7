import { createServer as createHttpsServer } from 'node:https';
import type { Socket } from 'node:net';
import { inspect } from 'node:util';
import { gzipSync } from 'node:zlib';
import {
  type ConfigError,
  isClientClosedError,
  isConfigError,
  isNetworkError,
  isResponseTooLargeError,
  isTimeoutError,
  type NetworkError,
  type TimeoutError,
} from '@meta/errors';
import { createFetchTransport, type Transport, type TransportRequest } from '@meta/transport';
import { createUndiciTransport } from '@meta/transport/undici';
import { afterEach, describe, expect, test } from 'vitest';
import { createTestCertificates } from '../src/index.js';
import { type RawReply, type RawReplyServer, startRawReplyServer } from '../src/raw-http-server.js';
import { undici } from './undici-module.js';

// SPEC section 2 (and the transport side of 3.8 and 5), rule by rule, on both real adapters, against hostile
// raw `net` servers: the cases docs/spec-trace.md marks ADDED or FIXED for @meta/transport.

const servers: RawReplyServer[] = [];
const transports: Transport[] = [];

afterEach(async () => {
  await Promise.all(transports.splice(0).map((transport) => transport.close()));
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** A raw server closed after the test: `reply` gets each request head, with the body bytes that came along. */
async function rawServer(reply: RawReply, host = '127.0.0.1'): Promise<RawReplyServer> {
  const server = await startRawReplyServer(reply, { host });
  servers.push(server);
  return server;
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

/** Writes `bytes` one byte per event-loop turn, then calls `done`. */
function dribble(socket: Socket, bytes: Buffer, done: () => void = () => {}): void {
  let index = 0;
  const next = () => {
    if (socket.destroyed) return;
    if (index === bytes.length) return done();
    socket.write(bytes.subarray(index, index + 1));
    index += 1;
    setImmediate(next);
  };
  next();
}

const SECRET = 'sUp3rS3cr3tT0k3n';

function expectNoSecret(error: unknown): void {
  expect(String((error as Error).message)).not.toContain(SECRET);
  expect(JSON.stringify(error)).not.toContain(SECRET);
  expect(inspect(error, { depth: 8 })).not.toContain(SECRET);
}

const ADAPTERS: ReadonlyArray<readonly [string, () => Transport]> = [
  ['undici', () => createUndiciTransport({ proxy: false, undici })],
  ['fetch', () => createFetchTransport()],
];

describe.each(ADAPTERS)('%s transport', (_name, make) => {
  function transport(): Transport {
    const made = make();
    transports.push(made);
    return made;
  }
  const get = (url: string, extra: Partial<TransportRequest> = {}): TransportRequest => ({
    method: 'GET',
    url,
    headers: {},
    timeoutMs: 5000,
    ...extra,
  });

  test('a response written one byte at a time (status line, headers, chunked gzip body) reads whole', async () => {
    const body = gzipSync(Buffer.from('{"name":"split"}'));
    const head = `HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n`;
    const wire = Buffer.concat([
      Buffer.from(`${head}${body.length.toString(16)}\r\n`, 'latin1'),
      body,
      Buffer.from('\r\n0\r\n\r\n', 'latin1'),
    ]);
    const { origin } = await rawServer((socket) => dribble(socket, wire, () => socket.end()));
    const response = await transport().send(get(`${origin}/split`));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ name: 'split' });
  });

  test('a head dripped one byte at a time past timeoutMs is a TimeoutError in the headers phase: the deadline wins', async () => {
    const { origin } = await rawServer((socket) => {
      socket.write('HTTP/1.1 200 OK\r\nX-Slow: ');
      const timer = setInterval(() => (socket.destroyed ? clearInterval(timer) : socket.write('a')), 20);
      socket.on('close', () => clearInterval(timer));
    });
    const started = Date.now();
    const error = await failure(
      transport().send(get(`${origin}/drip?access_token=${SECRET}`, { timeoutMs: 400 })),
    );
    expect(isTimeoutError(error), String(error)).toBe(true);
    expect((error as TimeoutError).phase).toBe('headers');
    expect(Date.now() - started).toBeLessThan(10_000);
    expect((error as Error).message).toContain('GET');
    expect((error as Error).message).toContain('/drip');
    expectNoSecret(error);
  });

  test.each(['reset', 'close'] as const)(
    'a %s after part of the response head is a NetworkError after the response began, not replayable',
    async (ending) => {
      const { origin } = await rawServer((socket) => {
        socket.write('HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n', () =>
          ending === 'reset' ? socket.resetAndDestroy() : socket.end(),
        );
      });
      const error = await failure(transport().send(get(`${origin}/half-head`)));
      expect(isNetworkError(error), String(error)).toBe(true);
      expect((error as NetworkError).code).toBe('ECONNRESET');
      expect((error as NetworkError).beforeResponse).toBe(false);
      expect((error as NetworkError).retryable).toBe(false);
    },
  );

  test('a reset before any response byte is a retryable NetworkError before the response', async () => {
    const { origin } = await rawServer((socket) => socket.resetAndDestroy());
    const error = await failure(transport().send(get(`${origin}/reset?token=${SECRET}`)));
    expect(isNetworkError(error), String(error)).toBe(true);
    expect((error as NetworkError).beforeResponse).toBe(true);
    expect((error as NetworkError).retryable).toBe(true);
    expectNoSecret(error);
  });

  test('a reset in the middle of a Content-Length body fails the read with a NetworkError, not a short body', async () => {
    const { origin } = await rawServer((socket) => {
      socket.write('HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nhalf', () =>
        setTimeout(() => socket.resetAndDestroy(), 50),
      );
    });
    const response = await transport().send(get(`${origin}/mid-body`));
    const error = await failure(response.text());
    expect(isNetworkError(error), String(error)).toBe(true);
    expect((error as NetworkError).beforeResponse).toBe(false);
  });

  describe('maxResponseBytes at its boundaries', () => {
    const LIMIT = 1024;
    const limited = (origin: string, path: string) => get(`${origin}${path}`, { maxResponseBytes: LIMIT });
    const over = 'x'.repeat(LIMIT + 1);
    const exact = 'x'.repeat(LIMIT);

    test('maxResponseBytes 0 accepts an empty body and refuses a single byte, with or without Content-Length', async () => {
      const { origin } = await rawServer((socket, head) => {
        if (head.startsWith('GET /empty')) socket.write('HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n');
        else if (head.startsWith('GET /one-cl'))
          socket.write('HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nx');
        else socket.end('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nx\r\n0\r\n\r\n');
      });
      const sender = transport();
      const empty = await sender.send(get(`${origin}/empty`, { maxResponseBytes: 0 }));
      expect(await empty.text()).toBe('');
      for (const path of ['/one-cl', '/one-chunked']) {
        const response = await sender.send(get(`${origin}${path}`, { maxResponseBytes: 0 }));
        const error = await failure(response.text());
        expect(isResponseTooLargeError(error), `${path}: ${String(error)}`).toBe(true);
      }
    });

    test('one byte past the limit fails ResponseTooLargeError with Content-Length, chunked and close-delimited', async () => {
      const { origin } = await rawServer((socket, head) => {
        if (head.startsWith('GET /cl'))
          socket.write(`HTTP/1.1 200 OK\r\nContent-Length: ${over.length}\r\n\r\n${over}`);
        else if (head.startsWith('GET /chunked'))
          socket.write(
            `HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n${over.length.toString(16)}\r\n${over}\r\n0\r\n\r\n`,
          );
        else socket.end(`HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n${over}`);
      });
      const sender = transport();
      for (const path of ['/cl', '/chunked', '/close']) {
        const response = await sender.send(limited(origin, path));
        const error = await failure(response.bytes());
        expect(isResponseTooLargeError(error), `${path}: ${String(error)}`).toBe(true);
      }
    });

    test('a gzip body decoding to one byte past the limit fails, though its encoded size is far below it', async () => {
      const overGzip = gzipSync(over);
      const exactGzip = gzipSync(exact);
      expect(overGzip.length).toBeLessThan(LIMIT / 4);
      const { origin } = await rawServer((socket, head) => {
        const coded = head.startsWith('GET /exact') ? exactGzip : overGzip;
        if (head.includes('/no-length')) {
          socket.write(`HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nConnection: close\r\n\r\n`);
          socket.end(coded);
        } else {
          socket.write(
            `HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: ${coded.length}\r\n\r\n`,
          );
          socket.write(coded);
        }
      });
      const sender = transport();
      const whole = await sender.send(limited(origin, '/exact'));
      expect(await whole.text()).toBe(exact);
      for (const path of ['/over', '/over/no-length']) {
        const response = await sender.send(limited(origin, path));
        const error = await failure(response.text());
        expect(isResponseTooLargeError(error), `${path}: ${String(error)}`).toBe(true);
      }
    });

    test('a Content-Length above the limit fails the read at once, without waiting for a body never sent', async () => {
      const { origin } = await rawServer((socket) => {
        socket.write(`HTTP/1.1 200 OK\r\nContent-Length: ${LIMIT + 1}\r\n\r\nx`);
      });
      const response = await transport().send(
        get(`${origin}/declared`, { maxResponseBytes: LIMIT, timeoutMs: 30_000 }),
      );
      const started = Date.now();
      const error = await failure(response.text());
      expect(isResponseTooLargeError(error), String(error)).toBe(true);
      expect(Date.now() - started).toBeLessThan(10_000);
    });
  });

  describe('request options at their boundaries', () => {
    const bad: ReadonlyArray<readonly [string, Partial<TransportRequest>, string]> = [
      ['timeoutMs NaN', { timeoutMs: Number.NaN }, 'timeoutMs'],
      ['timeoutMs Infinity', { timeoutMs: Number.POSITIVE_INFINITY }, 'timeoutMs'],
      ['timeoutMs -1', { timeoutMs: -1 }, 'timeoutMs'],
      ['maxResponseBytes -1', { maxResponseBytes: -1 }, 'maxResponseBytes'],
      ['maxResponseBytes NaN', { maxResponseBytes: Number.NaN }, 'maxResponseBytes'],
      ['maxResponseBytes Infinity', { maxResponseBytes: Number.POSITIVE_INFINITY }, 'maxResponseBytes'],
      ['an empty method', { method: '' }, 'method'],
      ['a method with a space', { method: 'GE T' }, 'method'],
      ['an empty header name', { headers: { '': 'x' } }, 'headers.'],
      ['a header value with a bare LF', { headers: { 'X-A': 'a\nb' } }, 'headers.X-A'],
      ['a header value with a NUL', { headers: { 'X-A': 'a\u0000b' } }, 'headers.X-A'],
      ['a header name with a colon', { headers: { 'X-A:': 'b' } }, 'headers.X-A:'],
    ];
    for (const [description, extra, field] of bad) {
      test(`${description} is a ConfigError naming ${field}, and nothing is sent`, async () => {
        const { origin, heads } = await rawServer((socket) =>
          socket.end('HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n'),
        );
        const error = await failure(transport().send(get(`${origin}/x`, extra)));
        expect(isConfigError(error), String(error)).toBe(true);
        expect((error as ConfigError).field).toBe(field);
        expect(heads).toHaveLength(0);
      });
    }

    test('timeoutMs 0 settles at once as a TimeoutError, never as a request without a deadline', async () => {
      const { origin } = await rawServer(() => {});
      const started = Date.now();
      const error = await failure(transport().send(get(`${origin}/zero`, { timeoutMs: 0 })));
      expect(isTimeoutError(error), String(error)).toBe(true);
      expect(Date.now() - started).toBeLessThan(5000);
    });

    test('a Uint8Array body that views part of a larger buffer sends exactly the viewed bytes', async () => {
      let received = '';
      const { origin } = await rawServer((socket, head) => {
        received = head;
        const waitFor = () => {
          if (received.length >= head.indexOf('\r\n\r\n') + 4 + 3) {
            socket.write('HTTP/1.1 204 No Content\r\n\r\n');
            return;
          }
          socket.once('data', (chunk) => {
            received += chunk.toString('latin1');
            waitFor();
          });
        };
        waitFor();
      });
      const backing = new TextEncoder().encode('xxABCyy');
      const response = await transport().send(
        get(`${origin}/view`, { method: 'POST', body: backing.subarray(2, 5) }),
      );
      expect(response.status).toBe(204);
      expect(received).toMatch(/content-length: 3\r\n/i);
      expect(received.slice(received.indexOf('\r\n\r\n') + 4)).toBe('ABC');
    });

    test('a URL with an IPv6 literal host and a port reaches the server', async () => {
      const { origin, heads } = await rawServer(
        (socket) => socket.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nv6'),
        '::1',
      );
      const response = await transport().send(get(`${origin}/six`));
      expect(await response.text()).toBe('v6');
      expect(heads[0]).toMatch(new RegExp(`\\r\\nhost: \\[::1\\]:${origin.split(':').at(-1)}\\r\\n`, 'i'));
    });

    test('the request target never carries the fragment; spaces and non-ASCII in the path go percent-encoded; a text body goes as UTF-8', async () => {
      let received = Buffer.alloc(0);
      const { origin } = await rawServer((socket, head) => {
        received = Buffer.from(head, 'latin1');
        const answer = () => {
          if (received.length < received.indexOf('\r\n\r\n') + 4 + 9) return;
          socket.off('data', more);
          socket.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok');
        };
        const more = (chunk: Buffer) => {
          received = Buffer.concat([received, chunk]);
          answer();
        };
        socket.on('data', more);
        answer();
      });
      const response = await transport().send(
        get(`${origin}/a b/caf\u00e9?q=1#${SECRET}`, { method: 'PUT', body: 'caf\u00e9 \u2713' }),
      );
      expect(await response.text()).toBe('ok');
      const text = received.toString('latin1');
      expect(text.split('\r\n')[0]).toBe('PUT /a%20b/caf%C3%A9?q=1 HTTP/1.1');
      expect(text).not.toContain(SECRET);
      expect(text).toMatch(/content-length: 9\r\n/i);
      expect(received.subarray(received.indexOf('\r\n\r\n') + 4).toString('utf8')).toBe('caf\u00e9 \u2713');
    });

    test('a URL the WHATWG parser rewrites (spaces, non-ASCII, DEL, backslash, dot segments) goes on the request line as fetch sends it', async () => {
      const { origin, heads } = await rawServer((socket) =>
        socket.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok'),
      );
      const sender = transport();
      const paths = [
        '/a b',
        '/caf\u00e9',
        '/\u2713',
        '/a\u007f',
        '/a\\b',
        '/a/../b',
        '/a/%2E%2e/b',
        '/q?x=\u00e9 y',
        "/q?x='",
        '/a{c}`',
      ];
      for (const path of paths) {
        const url = `${origin}${path}`;
        const response = await sender.send(get(url));
        expect(await response.text(), path).toBe('ok');
        const expected = new URL(url);
        expect(heads.at(-1)?.split('\r\n')[0], path).toBe(
          `GET ${expected.pathname}${expected.search} HTTP/1.1`,
        );
      }
    });

    test('a status from 600 to 999 is handed over as it is, never a crash or a RangeError', async () => {
      const { origin } = await rawServer((socket) =>
        socket.write('HTTP/1.1 799 Odd\r\nContent-Length: 2\r\n\r\nhi'),
      );
      const response = await transport().send(get(`${origin}/odd`));
      expect(response.status).toBe(799);
      expect(await response.text()).toBe('hi');
    });

    test('json() of a body that starts with a UTF-8 byte order mark parses it', async () => {
      const { origin } = await rawServer((socket) => {
        socket.write('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 11\r\n\r\n');
        socket.write(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"a":1}\n\n')]));
      });
      const response = await transport().send(get(`${origin}/bom`));
      expect(await response.json()).toEqual({ a: 1 });
    });

    test('a URL with userinfo either reaches the server or fails typed, and the password is never shown', async () => {
      const { origin } = await rawServer((socket) =>
        socket.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok'),
      );
      const url = origin.replace('http://', `http://user:${SECRET}@`);
      const outcome = await transport()
        .send(get(`${url}/userinfo`))
        .then(
          (response) => response.text(),
          (error: unknown) => error,
        );
      if (typeof outcome === 'string') expect(outcome).toBe('ok');
      else {
        expect(isConfigError(outcome) || isNetworkError(outcome), String(outcome)).toBe(true);
        expectNoSecret(outcome);
      }
    });
  });

  describe('aborts with any reason', () => {
    test('a signal aborted before send with a primitive reason rejects with that reason as-is, sending nothing', async () => {
      const { origin, heads } = await rawServer(() => {});
      const controller = new AbortController();
      controller.abort('stop now');
      const error = await failure(transport().send(get(`${origin}/pre`, { signal: controller.signal })));
      expect(error).toBe('stop now');
      expect(heads).toHaveLength(0);
    });

    test('an abort while waiting for headers with an object reason rejects with that very object', async () => {
      const { origin } = await rawServer(() => {});
      const controller = new AbortController();
      const reason = { why: 'user left' };
      const sending = transport().send(get(`${origin}/headers`, { signal: controller.signal }));
      setTimeout(() => controller.abort(reason), 100);
      expect(await failure(sending)).toBe(reason);
    });

    test('an abort during the body with undefined gives the platform AbortError', async () => {
      const { origin } = await rawServer((socket) =>
        socket.write('HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nhal'),
      );
      const controller = new AbortController();
      const response = await transport().send(get(`${origin}/body`, { signal: controller.signal }));
      const reading = response.text();
      controller.abort();
      const error = await failure(reading);
      expect((error as Error).name).toBe('AbortError');
    });
  });

  test('close() while one exchange waits for headers and another reads its body: both settle typed (at their deadline at the latest), later sends get ClientClosedError', async () => {
    const { origin } = await rawServer((socket, head) => {
      if (head.startsWith('GET /body')) socket.write('HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nhal');
    });
    const sender = make();
    const waiting = sender.send(get(`${origin}/headers`, { timeoutMs: 1500 })).then(
      () => 'resolved',
      (error: unknown) => error,
    );
    const response = await sender.send(get(`${origin}/body`, { timeoutMs: 1500 }));
    const reading = response.text().then(
      () => 'resolved',
      (error: unknown) => error,
    );
    await sender.close();
    const [first, second] = await Promise.all([waiting, reading]);
    for (const outcome of [first, second]) {
      expect(
        isTimeoutError(outcome) || isNetworkError(outcome) || isClientClosedError(outcome),
        String(outcome),
      ).toBe(true);
    }
    expect(isClientClosedError(await failure(sender.send(get(`${origin}/later`))))).toBe(true);
  });

  describe('hostile response heads', () => {
    test('an obs-fold header line is folded into the value or refused typed, never a header of its own', async () => {
      const { origin } = await rawServer((socket) =>
        socket.write('HTTP/1.1 200 OK\r\nX-Fold: a\r\n Injected: yes\r\nContent-Length: 2\r\n\r\nhi'),
      );
      const outcome = await transport()
        .send(get(`${origin}/fold`))
        .then(
          (response) => response,
          (error: unknown) => error,
        );
      if (isNetworkError(outcome)) {
        expect(outcome.code).toBe('HPE_INVALID_RESPONSE');
        expect(outcome.beforeResponse).toBe(false);
      } else {
        const response = outcome as Awaited<ReturnType<Transport['send']>>;
        expect(response.headers.get('injected')).toBeNull();
        expect(await response.text()).toBe('hi');
      }
    });

    test('two identical Content-Length values give the body, or are refused typed, on every transport', async () => {
      const { origin } = await rawServer((socket, head) => {
        if (head.startsWith('GET /list')) socket.write('HTTP/1.1 200 OK\r\nContent-Length: 2, 2\r\n\r\nhi');
        else socket.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\nhi');
      });
      const sender = transport();
      for (const path of ['/lines', '/list']) {
        const outcome = await sender.send(get(`${origin}${path}`)).then(
          (response) => response.text(),
          (error: unknown) => error,
        );
        if (typeof outcome === 'string') expect(outcome).toBe('hi');
        else expect(isNetworkError(outcome) && outcome.beforeResponse === false, String(outcome)).toBe(true);
      }
    });

    test('content codings are read case-insensitively, with list whitespace and empty elements, x-gzip as gzip', async () => {
      const coded = gzipSync('hello');
      const { origin } = await rawServer((socket, head) => {
        const coding = decodeURIComponent(head.split(' ')[1]?.slice(1) ?? '');
        socket.write(
          `HTTP/1.1 200 OK\r\nContent-Encoding: ${coding}\r\nContent-Length: ${coded.length}\r\n\r\n`,
        );
        socket.write(coded);
      });
      const sender = transport();
      for (const coding of ['GZip', ' gzip ', 'gzip,', ',gzip', 'X-GZIP', 'identity, gzip']) {
        const response = await sender.send(get(`${origin}/${encodeURIComponent(coding)}`));
        expect(await response.text(), coding).toBe('hello');
      }
    });

    test('an empty gzip-coded body (Content-Length 0) reads as empty text', async () => {
      const { origin } = await rawServer((socket) =>
        socket.write('HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: 0\r\n\r\n'),
      );
      const response = await transport().send(get(`${origin}/empty-gzip`));
      expect(await response.text()).toBe('');
    });
  });
});

test('a TLS verification failure is a NetworkError that is never retryable, on both transports', async () => {
  const certificates = createTestCertificates();
  const server = createHttpsServer(certificates.selfSigned, (_request, response) => response.end('no'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  try {
    for (const sender of [
      createUndiciTransport({ proxy: false, undici, ca: certificates.ca }),
      createFetchTransport(),
    ]) {
      transports.push(sender);
      const error = await failure(
        sender.send({
          method: 'GET',
          url: `https://127.0.0.1:${port}/x?token=${SECRET}`,
          headers: {},
          timeoutMs: 5000,
        }),
      );
      expect(isNetworkError(error), `${sender.name}: ${String(error)}`).toBe(true);
      expect((error as NetworkError).beforeResponse).toBe(true);
      expect((error as NetworkError).retryable).toBe(false);
      expectNoSecret(error);
    }
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

test('the undici transport builds no WHATWG Request, Response, Headers or AbortController per request', async () => {
  const { origin } = await rawServer((socket) =>
    socket.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok'),
  );
  const sender = createUndiciTransport({ proxy: false, undici });
  transports.push(sender);
  // Warm up first: module loading may build such objects once; what counts is the cost per request.
  await (await sender.send({ method: 'GET', url: `${origin}/warm`, headers: {}, timeoutMs: 5000 })).text();
  const signal = new AbortController().signal;
  const names = ['Request', 'Response', 'Headers', 'AbortController'] as const;
  const originals = names.map((name) => globalThis[name]);
  const built: string[] = [];
  names.forEach((name, index) => {
    const Original = originals[index] as unknown as new (...args: unknown[]) => object;
    globalThis[name] = class extends Original {
      constructor(...args: unknown[]) {
        super(...args);
        built.push(name);
      }
    } as never;
  });
  try {
    for (let index = 0; index < 5; index += 1) {
      const response = await sender.send({
        method: 'POST',
        url: `${origin}/cheap`,
        headers: { 'content-type': 'application/json' },
        body: '{}',
        signal,
        timeoutMs: 5000,
      });
      expect(await response.text()).toBe('ok');
    }
  } finally {
    names.forEach((name, index) => {
      globalThis[name] = originals[index] as never;
    });
  }
  expect(built).toEqual([]);
});

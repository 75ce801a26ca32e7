import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { gzipSync } from 'node:zlib';
import {
  isNetworkError,
  isResponseParseError,
  isResponseTooLargeError,
  isTimeoutError,
  type NetworkError,
  type TimeoutError,
} from '@meta/errors';
import { createFetchTransport, type Transport, type TransportRequest } from '@meta/transport';
import { createTestingTransport } from '@meta/transport/testing';
import { createUndiciTransport } from '@meta/transport/undici';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { type RawReply, type RawServer, startRawServer } from './raw-server.js';
import { undici } from './undici-module.js';

// Black-box probes of SPEC section 2 on both real adapters, against hostile raw `net` servers.
const servers: Server[] = [];
const sockets = new Set<Socket>();
const rawServers: RawServer[] = [];
const transports: Transport[] = [];

afterEach(async () => {
  await Promise.all(transports.splice(0).map((transport) => transport.close()));
  for (const socket of sockets) socket.destroy();
  await Promise.all(rawServers.splice(0).map((server) => server.close()));
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

/** A raw server closed after the test: `reply` gets each request head. */
async function rawServer(reply: RawReply): Promise<RawServer> {
  const server = await startRawServer(reply);
  rawServers.push(server);
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

const ADAPTERS: ReadonlyArray<readonly [string, () => Transport]> = [
  ['undici', () => createUndiciTransport({ proxy: false, undici })],
  ['fetch', () => createFetchTransport()],
];

describe.each(ADAPTERS)('%s adapter', (_name, make) => {
  function transport(): Transport {
    const made = make();
    transports.push(made);
    return made;
  }
  const get = (url: string, extra: Partial<TransportRequest> = {}): TransportRequest => ({
    method: 'GET',
    url,
    headers: {},
    timeoutMs: 3000,
    ...extra,
  });

  test('skips a flood of 103/102 interim responses and returns the final status and body', async () => {
    const interim = 'HTTP/1.1 103 Early Hints\r\nLink: </a.css>\r\n\r\nHTTP/1.1 102 Processing\r\n\r\n';
    const server = await rawServer((socket) =>
      socket.write(`${interim.repeat(200)}HTTP/1.1 201 Created\r\ncontent-length: 2\r\n\r\nok`),
    );
    const response = await transport().send(get(`${server.origin}/x`));
    expect([response.status, await response.text()]).toEqual([201, 'ok']);
  });

  test('1xx forever ends at the deadline as TimeoutError phase headers', async () => {
    const server = await rawServer((socket) => {
      const timer = setInterval(() => socket.write('HTTP/1.1 102 Processing\r\n\r\n'), 10);
      socket.on('close', () => clearInterval(timer));
    });
    const error = (await failure(
      transport().send(get(`${server.origin}/x`, { timeoutMs: 300 })),
    )) as TimeoutError;
    expect([isTimeoutError(error), error.phase]).toEqual([true, 'headers']);
  });

  test.each([
    [
      'an unsolicited 100 Continue',
      'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n',
      'ERR_BAD_RESPONSE',
    ],
    [
      'a 101 to a request without Upgrade',
      'HTTP/1.1 101 Switching Protocols\r\nUpgrade: x\r\n\r\n',
      'ERR_BAD_RESPONSE',
    ],
    [
      'a status line without a number',
      'HTTP/1.1 abc Nope\r\ncontent-length: 0\r\n\r\n',
      'HPE_INVALID_RESPONSE',
    ],
    [
      'a three-digit status below 100',
      'HTTP/1.1 099 Low\r\ncontent-length: 0\r\n\r\n',
      'HPE_INVALID_RESPONSE',
    ],
    ['a header name holding a space', 'HTTP/1.1 200 OK\r\nx y: z\r\n\r\n', 'HPE_INVALID_RESPONSE'],
    ['a header name holding a tab', 'HTTP/1.1 200 OK\r\nx\ty: z\r\n\r\n', 'HPE_INVALID_RESPONSE'],
    [
      'two different Content-Lengths',
      'HTTP/1.1 200 OK\r\ncontent-length: 1\r\ncontent-length: 2\r\n\r\nab',
      'HPE_INVALID_RESPONSE',
    ],
    [
      'Content-Length with chunked',
      'HTTP/1.1 200 OK\r\ncontent-length: 3\r\ntransfer-encoding: chunked\r\n\r\n0\r\n\r\n',
      'HPE_INVALID_RESPONSE',
    ],
    [
      'an unknown transfer coding',
      'HTTP/1.1 200 OK\r\ntransfer-encoding: zz, chunked\r\n\r\n0\r\n\r\n',
      'HPE_INVALID_TRANSFER_ENCODING',
    ],
  ])(
    '%s is a NetworkError with the same stable code on every adapter, not retryable',
    async (_case, wire, code) => {
      const server = await rawServer((socket) => socket.end(wire));
      const error = await failure(
        transport()
          .send(get(`${server.origin}/x`))
          .then((response) => response.text()),
      );
      expect(isNetworkError(error)).toBe(true);
      expect((error as NetworkError).code).toBe(code);
      expect([(error as NetworkError).beforeResponse, (error as NetworkError).retryable]).toEqual([
        false,
        false,
      ]);
    },
  );

  test.each([
    [
      'a Content-Length that lies (FIN after 3 of 10 bytes)',
      'HTTP/1.1 200 OK\r\ncontent-length: 10\r\n\r\nabc',
      'end',
    ],
    [
      'a chunked body cut before its last chunk',
      'HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n3\r\nabc\r\n',
      'end',
    ],
    ['a reset mid-body', 'HTTP/1.1 200 OK\r\ncontent-length: 10\r\n\r\nabc', 'reset'],
  ])('%s fails the body read with a NetworkError, never short data', async (_case, wire, how) => {
    const server = await rawServer((socket) => {
      socket.write(wire);
      setTimeout(() => (how === 'end' ? socket.end() : socket.resetAndDestroy()), 20);
    });
    const response = await transport().send(get(`${server.origin}/x`));
    const error = (await failure(response.text())) as NetworkError;
    expect([isNetworkError(error), error.beforeResponse, error.retryable]).toEqual([true, false, false]);
  });

  test('a close before any response byte is a retryable ECONNRESET that names the method and redacted URL', async () => {
    const server = await rawServer((socket) => socket.destroy());
    const url = `${server.origin}/x?token=s3cr3t-value&page=2`;
    const error = (await failure(transport().send(get(url)))) as NetworkError;
    expect([error.code, error.beforeResponse, error.retryable]).toEqual(['ECONNRESET', true, true]);
    expect(error.message).toContain(`GET ${server.origin}/x?token=`);
    expect(JSON.stringify(error)).not.toContain('s3cr3t-value');
    expect(error.message).not.toContain('s3cr3t-value');
  });

  test('a body dripped past timeoutMs is TimeoutError phase body from the read', async () => {
    const server = await rawServer((socket) => {
      socket.write('HTTP/1.1 200 OK\r\ncontent-length: 1000\r\n\r\n');
      const timer = setInterval(() => socket.write('z'), 20);
      socket.on('close', () => clearInterval(timer));
    });
    const response = await transport().send(get(`${server.origin}/x`, { timeoutMs: 400 }));
    const error = (await failure(response.text())) as TimeoutError;
    expect([isTimeoutError(error), error.phase]).toEqual([true, 'body']);
  });

  test('sends Accept-Encoding gzip, deflate, br and decodes gzip; a truncated gzip body is a parse error', async () => {
    const packed = gzipSync(Buffer.from('x'.repeat(5000)));
    const server = await rawServer((socket, head) => {
      const body = head.includes('/cut') ? packed.subarray(0, packed.length - 6) : packed;
      socket.write(`HTTP/1.1 200 OK\r\ncontent-encoding: gzip\r\ncontent-length: ${body.length}\r\n\r\n`);
      socket.write(body);
    });
    const made = transport();
    expect(await (await made.send(get(`${server.origin}/whole`))).text()).toBe('x'.repeat(5000));
    expect(server.heads[0]?.toLowerCase()).toContain('accept-encoding: gzip, deflate, br');
    const error = await failure(made.send(get(`${server.origin}/cut`)).then((response) => response.text()));
    expect(isResponseParseError(error) || isNetworkError(error)).toBe(true);
  });

  test('an unknown or sixth coding rejects send() on a 2xx, but a 503 keeps its status and Retry-After', async () => {
    const server = await rawServer((socket, head) => {
      const status = head.includes('/busy') ? '503 Busy\r\nretry-after: 7' : '200 OK';
      const coding = head.includes('/six') ? `${'identity, '.repeat(5)}gzip` : 'zstd';
      socket.write(`HTTP/1.1 ${status}\r\ncontent-encoding: ${coding}\r\ncontent-length: 4\r\n\r\nabcd`);
    });
    const made = transport();
    expect(isResponseParseError(await failure(made.send(get(`${server.origin}/ok`))))).toBe(true);
    expect(isResponseParseError(await failure(made.send(get(`${server.origin}/six`))))).toBe(true);
    const busy = await made.send(get(`${server.origin}/busy`));
    expect([busy.status, busy.headers.get('retry-after')]).toEqual([503, '7']);
    expect(isResponseParseError(await failure(busy.text()))).toBe(true);
  });

  test('maxResponseBytes counts decoded bytes: a gzip bomb stops at the limit', async () => {
    const bomb = gzipSync(Buffer.alloc(8 * 1024 * 1024));
    const server = await rawServer((socket) => {
      socket.write(`HTTP/1.1 200 OK\r\ncontent-encoding: gzip\r\ncontent-length: ${bomb.length}\r\n\r\n`);
      socket.write(bomb);
    });
    const response = await transport().send(get(`${server.origin}/x`, { maxResponseBytes: 100_000 }));
    expect(isResponseTooLargeError(await failure(response.bytes()))).toBe(true);
  });

  test('does not follow a 302 or retry a 503: one exchange per send, the body is read once', async () => {
    const server = await rawServer((socket, head) =>
      socket.write(
        head.includes('/moved')
          ? 'HTTP/1.1 302 Found\r\nlocation: /x\r\ncontent-length: 0\r\n\r\n'
          : 'HTTP/1.1 503 Busy\r\ncontent-length: 4\r\n\r\nbusy',
      ),
    );
    const made = transport();
    const moved = await made.send(get(`${server.origin}/moved`));
    expect([moved.status, moved.url, moved.headers.get('location')]).toEqual([
      302,
      `${server.origin}/moved`,
      '/x',
    ]);
    await moved.cancel();
    const busy = await made.send(get(`${server.origin}/busy`));
    expect(await busy.text()).toBe('busy');
    await expect(busy.text()).rejects.toThrow(TypeError);
    expect(server.heads).toHaveLength(2);
  });

  test('bytes beyond a Content-Length or after a 204 never become the next response (no smuggling)', async () => {
    const smuggled = 'HTTP/1.1 200 OK\r\ncontent-length: 4\r\n\r\nevil';
    const server = await rawServer((socket, head) => {
      if (head.includes('/first')) socket.write(`HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok${smuggled}`);
      else if (head.includes('/empty')) socket.write(`HTTP/1.1 204 No Content\r\n\r\n${smuggled}`);
      else socket.write('HTTP/1.1 200 OK\r\ncontent-length: 4\r\n\r\ngood');
    });
    const made = transport();
    for (const first of ['/first', '/empty']) {
      await (await made.send(get(`${server.origin}${first}`))).text();
      await new Promise((resolve) => setTimeout(resolve, 30));
      const second = await made
        .send(get(`${server.origin}/next`))
        .then((response) => response.text(), String);
      expect(second).toBe('good');
    }
  });

  test('a HEAD answer declaring a length has an empty body; repeated Set-Cookie values are kept', async () => {
    const server = await rawServer((socket) =>
      socket.write(
        'HTTP/1.1 200 OK\r\ncontent-length: 99999999999\r\nset-cookie: a=1\r\nset-cookie: b=2\r\n\r\n',
      ),
    );
    const response = await transport().send(
      get(`${server.origin}/x`, { method: 'HEAD', maxResponseBytes: 10 }),
    );
    expect(await response.text()).toBe('');
    expect(response.headers.getAll('set-cookie')).toEqual(['a=1', 'b=2']);
  });

  test('a header flood is a NetworkError after the status line, never a hang or a crash', async () => {
    const server = await rawServer((socket) => {
      socket.write('HTTP/1.1 200 OK\r\n');
      for (let index = 0; index < 2000; index++) socket.write(`x-flood-${index}: ${'v'.repeat(64)}\r\n`);
      socket.end('content-length: 0\r\n\r\n');
    });
    const error = (await failure(transport().send(get(`${server.origin}/x`)))) as NetworkError;
    expect([isNetworkError(error), error.beforeResponse, error.retryable]).toEqual([true, false, false]);
  });

  test('an HTTP/1.0 close-delimited body is read whole', async () => {
    const server = await rawServer((socket) => socket.end(`HTTP/1.0 200 OK\r\n\r\n${'q'.repeat(70_000)}`));
    const response = await transport().send(get(`${server.origin}/x`));
    expect((await response.text()).length).toBe(70_000);
  });
});

test('the testing transport records requests redacted and scripts failures as the real adapters classify them', async () => {
  const transport = createTestingTransport({
    script: [
      { fail: 'network', code: 'UND_ERR_SOCKET' },
      { fail: 'network', code: 'CERT_HAS_EXPIRED' },
    ],
    handler: () => ({ status: 200, body: { ok: true } }),
  });
  const request: TransportRequest = {
    method: 'POST',
    url: 'http://user:pw@metadata.test/x?api_key=k-123',
    body: 'hello',
    headers: { Authorization: 'Bearer t-999', 'X-Api-Key': 'k-456', Cookie: 'sid=1' },
  };
  const reset = (await failure(transport.send(request))) as NetworkError;
  expect([reset.code, reset.retryable]).toEqual(['ECONNRESET', true]);
  const tls = (await failure(transport.send(request))) as NetworkError;
  expect([tls.code, tls.retryable]).toEqual(['CERT_HAS_EXPIRED', false]);
  expect(await (await transport.send(request)).json()).toEqual({ ok: true });
  const recorded = JSON.stringify(transport.requests);
  for (const secret of ['t-999', 'k-456', 'sid=1', 'k-123', ':pw@']) expect(recorded).not.toContain(secret);
  expect(transport.lastRequest?.headers.Authorization).toBe('Bearer ****');
  await transport.close();
  await expect(transport.send(request)).rejects.toMatchObject({ name: 'ClientClosedError' });
});

/** A CONNECT proxy that tunnels for `user:pa55` and answers anything else with 407; records what it saw. */
async function connectProxy(): Promise<{ url: string; connects: string[] }> {
  const connects: string[] = [];
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
    socket.once('data', (chunk) => {
      const head = chunk.toString('latin1');
      connects.push(head);
      const [, target = ''] = /^CONNECT (\S+) /.exec(head) ?? [];
      const [host = '', port = '0'] = target.split(':');
      if (!head.includes(`Basic ${Buffer.from('user:pa55').toString('base64')}`)) {
        return socket.end('HTTP/1.1 407 Proxy Authentication Required\r\ncontent-length: 0\r\n\r\n');
      }
      const upstream = createConnection(Number(port), host, () => {
        socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        socket.pipe(upstream).pipe(socket);
      });
      sockets.add(upstream);
      upstream.on('error', () => socket.destroy());
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return { url: `127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`, connects };
}

test('an explicit proxy tunnels with its credentials; a refusal is ERR_PROXY_TUNNEL without them', async () => {
  const target = await rawServer((socket) =>
    socket.write('HTTP/1.1 200 OK\r\ncontent-length: 6\r\n\r\nproxy!'),
  );
  const proxy = await connectProxy();
  const good = createUndiciTransport({ proxy: `http://user:pa55@${proxy.url}`, undici });
  const bad = createUndiciTransport({ proxy: `http://user:wrong-pa55@${proxy.url}`, undici });
  transports.push(good, bad);
  const request: TransportRequest = {
    method: 'GET',
    url: `${target.origin}/x`,
    headers: {},
    timeoutMs: 3000,
  };
  expect(await (await good.send(request)).text()).toBe('proxy!');
  expect(proxy.connects[0]).toContain(`CONNECT ${target.origin.slice(7)} `);
  const error = (await failure(bad.send(request))) as NetworkError;
  expect([error.code, error.proxyStatus, error.retryable, error.beforeResponse]).toEqual([
    'ERR_PROXY_TUNNEL',
    407,
    false,
    true,
  ]);
  const visible = `${error.message} ${error.stack} ${JSON.stringify(error)}`;
  expect(visible).not.toContain('wrong-pa55');
  expect(target.heads).toHaveLength(1);
});

test('proxy "env" reads HTTP_PROXY (lower case wins) and NO_PROXY at creation; proxy: false ignores them', async () => {
  const target = await rawServer((socket) => socket.write('HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok'));
  const proxy = await connectProxy();
  const saved = { ...process.env };
  const request: TransportRequest = {
    method: 'GET',
    url: `${target.origin}/x`,
    headers: {},
    timeoutMs: 3000,
  };
  try {
    Object.assign(process.env, { HTTP_PROXY: 'http://127.0.0.1:9', http_proxy: `user:pa55@${proxy.url}` });
    delete process.env.NO_PROXY;
    delete process.env.no_proxy;
    const viaEnv = createUndiciTransport({ undici });
    const direct = createUndiciTransport({ proxy: false, undici });
    process.env.NO_PROXY = '127.0.0.1';
    const bypassing = createUndiciTransport({ undici });
    transports.push(viaEnv, direct, bypassing);
    for (const transport of [viaEnv, direct, bypassing])
      expect(await (await transport.send(request)).text()).toBe('ok');
    expect(proxy.connects).toHaveLength(1);
  } finally {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  }
});

test('keepAliveTimeoutMs caps a server advertising a longer Keep-Alive timeout', async () => {
  let closedAt = 0;
  const server = await rawServer((socket) => {
    socket.on('close', () => {
      closedAt = performance.now();
    });
    socket.write('HTTP/1.1 200 OK\r\nkeep-alive: timeout=600\r\ncontent-length: 2\r\n\r\nok');
  });
  const transport = createUndiciTransport({ keepAliveTimeoutMs: 200, proxy: false, undici });
  transports.push(transport);
  const response = await transport.send({ method: 'GET', url: `${server.origin}/x`, headers: {} });
  await response.text();
  const readAt = performance.now();
  for (let waited = 0; closedAt === 0 && waited < 3000; waited += 20)
    await new Promise((r) => setTimeout(r, 20));
  expect(closedAt).toBeGreaterThan(0);
  expect(closedAt - readAt).toBeLessThan(2500);
});

test('both adapters read a Latin-1 header byte the same way', async () => {
  const server = await rawServer((socket) => {
    socket.write(Buffer.concat([Buffer.from('HTTP/1.1 200 OK\r\nx-name: caf'), Buffer.from([0xe9])]));
    socket.write('\r\ncontent-length: 0\r\n\r\n');
  });
  const values: Array<string | null> = [];
  for (const [, make] of ADAPTERS) {
    const transport = make();
    transports.push(transport);
    const response = await transport.send({ method: 'GET', url: `${server.origin}/x`, headers: {} });
    values.push(response.headers.get('x-name'));
    await response.cancel();
  }
  expect(values).toEqual(['caf\u00e9', 'caf\u00e9']);
});

test('the fetch transport looks up globalThis.fetch per request and refuses a bad port before any fetch', async () => {
  const transport = createFetchTransport();
  transports.push(transport);
  const original = globalThis.fetch;
  const seen: string[] = [];
  globalThis.fetch = (async (input: RequestInfo | URL) => {
    seen.push(String(input));
    return new Response('stub', { status: 200 });
  }) as typeof fetch;
  try {
    const response = await transport.send({ method: 'GET', url: 'http://metadata.test/x', headers: {} });
    expect(await response.text()).toBe('stub');
    const error = (await failure(
      transport.send({ method: 'GET', url: 'http://127.0.0.1:10080/x', headers: {} }),
    )) as NetworkError;
    expect([error.code, error.retryable, error.beforeResponse]).toEqual(['ERR_FORBIDDEN_PORT', false, true]);
  } finally {
    globalThis.fetch = original;
  }
  expect(seen).toEqual(['http://metadata.test/x']);
});

test('testing transport delays obey fake timers: a delay past timeoutMs is a headers timeout; hang ends on close()', async () => {
  vi.useFakeTimers();
  try {
    const transport = createTestingTransport({
      script: [{ delayMs: 5000 }, { delayMs: 50 }, { fail: 'hang' }],
    });
    const request: TransportRequest = {
      method: 'GET',
      url: 'http://metadata.test/x',
      headers: {},
      timeoutMs: 1000,
    };
    const late = failure(transport.send(request));
    await vi.advanceTimersByTimeAsync(1000);
    expect(await late).toMatchObject({ name: 'TimeoutError', phase: 'headers' });
    const quick = transport.send(request);
    await vi.advanceTimersByTimeAsync(50);
    expect((await quick).status).toBe(200);
    const hung = failure(transport.send({ ...request, timeoutMs: undefined }));
    await vi.advanceTimersByTimeAsync(3_600_000);
    await transport.close();
    expect(await hung).toMatchObject({ name: 'ClientClosedError' });
  } finally {
    vi.useRealTimers();
  }
});

import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { isConfigError } from '@meta/errors';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { sealRequestHeaders } from '../src/adapter/index.js';
import { createTestingTransport } from '../src/testing/index.js';
import type { Transport } from '../src/transport.js';
import { createUndiciTransport } from '../src/undici/index.js';
import { undici, undiciMajor } from './undici-module.js';

interface Seen {
  readonly host: string | undefined;
  readonly url: string | undefined;
  readonly headers: IncomingHttpHeaders;
}

interface Echo {
  readonly origin: string;
  readonly seen: Seen[];
  close(): Promise<void>;
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

/** A loopback server that records the host, path and headers of every request and answers `{}`. */
async function startEcho(): Promise<Echo> {
  const seen: Seen[] = [];
  const server = createServer((request, response) => {
    seen.push({ host: request.headers.host, url: request.url, headers: request.headers });
    response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  });
  const origin = await listen(server);
  return { origin, seen, close: () => closeServer(server) };
}

/** A CONNECT proxy on 127.0.0.1:0 (undici's ProxyAgent always tunnels). */
async function startProxy(): Promise<{ origin: string; close(): Promise<void> }> {
  const server = createServer((_request, response) => response.writeHead(405).end());
  server.on('connect', (request, socket) => {
    const [host, port] = String(request.url).split(':');
    const upstream = connect(Number(port), host, () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    upstream.on('error', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
  });
  const origin = await listen(server);
  return { origin, close: () => closeServer(server) };
}

let first: Echo;
let second: Echo;

beforeAll(async () => {
  first = await startEcho();
  second = await startEcho();
});

afterAll(async () => {
  await first.close();
  await second.close();
});

async function get(transport: Transport, url: string, headers: Readonly<Record<string, string>>) {
  const response = await transport.send({ method: 'GET', url, headers });
  return response.json();
}

test('sealRequestHeaders returns a frozen copy: a getter is read once and later writes cannot reach it', () => {
  let reads = 0;
  const source = {
    accept: 'application/json',
    get 'x-trace'() {
      reads++;
      return `trace-${reads}`;
    },
  };
  const sealed = sealRequestHeaders(source);
  const readsWhileSealing = reads;
  expect(readsWhileSealing).toBe(1);
  expect(Object.isFrozen(sealed)).toBe(true);
  expect(sealed === (source as object)).toBe(false);
  expect({ ...sealed }).toEqual({ accept: 'application/json', 'x-trace': 'trace-1' });
  expect(sealed['x-trace']).toBe('trace-1');
});

test.each([
  ['a CR/LF in a value', { 'x-bad': 'a\r\nInjected: yes' }, 'headers.x-bad'],
  ['a name that is not a token', { 'bad name': 'x' }, 'headers.bad name'],
  ['Expect', { Expect: '100-continue' }, 'headers.Expect'],
])(
  'a sealed record with %s is still refused by send() with the same ConfigError',
  async (_label, headers, field) => {
    const sealed = sealRequestHeaders(headers);
    const transports = [createUndiciTransport({ undici }), createTestingTransport(() => new Response('{}'))];
    for (const transport of transports) {
      const error = await transport.send({ method: 'GET', url: `${first.origin}/x`, headers: sealed }).then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(isConfigError(error), `${transport.name}: ${String(error)}`).toBe(true);
      expect((error as { field?: string }).field).toBe(field);
      await transport.close();
    }
  },
);

test('freezing a record is not sealing it: a frozen record with a bad value is still checked per request', async () => {
  const transport = createUndiciTransport({ undici });
  const frozen = Object.freeze({ 'x-bad': 'a\nb' });
  const error = await transport.send({ method: 'GET', url: `${first.origin}/x`, headers: frozen }).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(isConfigError(error)).toBe(true);
  await transport.close();
});

test('two sealed records and unsealed ones in turn: each request carries its own headers, a bad one still fails', async () => {
  const transport = createUndiciTransport({ undici });
  const sealedA = sealRequestHeaders({ 'x-record': 'a' });
  const sealedB = sealRequestHeaders({ 'x-record': 'b' });
  const badSealed = sealRequestHeaders({ 'x-record': 'c\nd' });
  first.seen.length = 0;
  const url = `${first.origin}/turns`;
  const records = [sealedA, sealedA, { 'x-record': 'plain' }, sealedB, sealedA, sealedB, sealedB];
  for (const headers of records) await expect(get(transport, url, headers)).resolves.toEqual({});
  expect(first.seen.map((seen) => seen.headers['x-record'])).toEqual(['a', 'a', 'plain', 'b', 'a', 'b', 'b']);
  for (const seen of first.seen) expect(seen.headers['accept-encoding']).toBe('gzip, deflate, br');
  // A sealed copy that failed its check is refused, before and after good ones.
  for (const headers of [badSealed, sealedA, badSealed]) {
    const outcome = await transport.send({ method: 'GET', url, headers }).then(
      async (response) => response.json(),
      (caught: unknown) => (isConfigError(caught) ? 'refused' : caught),
    );
    expect(outcome).toEqual(headers === sealedA ? {} : 'refused');
  }
  await transport.close();
});

test('one sealed record, many requests to two origins: each gets its own host, path and accept-encoding', async () => {
  const transport = createUndiciTransport({ undici });
  const sealed = sealRequestHeaders({ 'User-Agent': 'sealed-test', Accept: 'application/json' });
  first.seen.length = 0;
  second.seen.length = 0;
  const urls = [
    `${first.origin}/a?x=1`,
    `${second.origin}/b`,
    `${first.origin}?only=query`,
    `${first.origin}/c#fragment`,
    `${second.origin}`,
  ];
  for (const url of urls) await expect(get(transport, url, sealed)).resolves.toEqual({});
  expect(first.seen.map((seen) => seen.url)).toEqual(['/a?x=1', '/?only=query', '/c']);
  expect(second.seen.map((seen) => seen.url)).toEqual(['/b', '/']);
  for (const seen of [...first.seen, ...second.seen]) {
    expect(seen.headers['user-agent']).toBe('sealed-test');
    expect(seen.headers['accept-encoding']).toBe('gzip, deflate, br');
  }
  expect(new Set(first.seen.map((seen) => seen.host))).toEqual(new Set([first.origin.slice(7)]));
  expect(new Set(second.seen.map((seen) => seen.host))).toEqual(new Set([second.origin.slice(7)]));
  await transport.close();
});

test('through a proxy, a sealed record (with its own Accept-Encoding too) is never written to by the ProxyAgent', async () => {
  const proxy = await startProxy();
  const transport = createUndiciTransport({ undici, proxy: proxy.origin });
  const plain = sealRequestHeaders({ accept: 'application/json' });
  const ownEncoding = sealRequestHeaders({ accept: 'application/json', 'Accept-Encoding': 'identity' });
  first.seen.length = 0;
  second.seen.length = 0;
  try {
    for (const headers of [plain, ownEncoding, plain, ownEncoding]) {
      await expect(get(transport, `${first.origin}/p`, headers)).resolves.toEqual({});
      await expect(get(transport, `${second.origin}/q`, headers)).resolves.toEqual({});
    }
    // The ProxyAgent adds `host` to the headers it is handed: never to the sealed records themselves.
    expect(Object.keys(plain)).toEqual(['accept']);
    expect(Object.keys(ownEncoding)).toEqual(['accept', 'Accept-Encoding']);
    expect(first.seen.every((seen) => seen.host === first.origin.slice(7))).toBe(true);
    expect(second.seen.every((seen) => seen.host === second.origin.slice(7))).toBe(true);
    expect(first.seen.map((seen) => seen.headers['accept-encoding'])).toEqual([
      'gzip, deflate, br',
      'identity',
      'gzip, deflate, br',
      'identity',
    ]);
  } finally {
    await transport.close();
    await proxy.close();
  }
});

test('an owned dispatcher gets handlers on the API of its undici: its own callbacks on 7, the controller on 8', async () => {
  const shapes: string[] = [];
  class WatchedAgent extends undici.Agent {
    override dispatch(options: object, handler: object): boolean {
      shapes.push('onRequestStart' in handler ? 'controller' : 'onConnect' in handler ? 'legacy' : 'other');
      return (undici.Agent.prototype.dispatch as (o: object, h: object) => boolean).call(
        this,
        options,
        handler,
      );
    }
  }
  const transport = createUndiciTransport({ undici: { ...undici, Agent: WatchedAgent } });
  await expect(get(transport, `${first.origin}/api`, {})).resolves.toEqual({});
  // undici 7 would wrap a controller-API handler in UnwrapHandler (a controller and a call layer per request).
  expect(shapes).toEqual([undiciMajor === 8 ? 'controller' : 'legacy']);
  await transport.close();
});

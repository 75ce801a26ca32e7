import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { isResponseParseError, isResponseTooLargeError, isTimeoutError } from '@meta/errors';
import { createFetchTransport, type FetchFunction, type TransportRequest } from '@meta/transport';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { undici } from './undici-module.js';

const GZIP_BLOCK = gzipSync(Buffer.alloc(1 << 20));

/** Streams until the client goes away. */
function endless(response: import('node:http').ServerResponse, piece: Buffer): void {
  const timer = setInterval(() => {
    if (response.destroyed) clearInterval(timer);
    else response.write(piece);
  }, 1);
}

// Round 2 of the audit (session 7): what the fetch transport still guarantees with a fetch it did not pick (npm
// undici's fetch, or a function wrapping the global fetch, as test setups do): its deadline, the caller's abort,
// maxResponseBytes and the coding check work on the Response alone, without the Node wire (README: injected fetch).
describe.each([
  ['npm undici fetch', ((input, init) => undici.fetch(input as string, init as object)) as FetchFunction],
  ['a function wrapping the global fetch', ((input, init) => globalThis.fetch(input, init)) as FetchFunction],
])('fetch transport over %s against hostile servers (audit 2)', (_name, fetch) => {
  let server: Server;
  let origin: string;
  const transport = createFetchTransport({ fetch });

  beforeAll(async () => {
    server = createServer((request, response) => {
      if (request.url === '/endless') {
        response.writeHead(200);
        endless(response, Buffer.alloc(65_536, 97));
      } else if (request.url === '/endless-gzip') {
        response.writeHead(200, { 'content-encoding': 'gzip' });
        endless(response, GZIP_BLOCK);
      } else if (request.url === '/unknown-coding') {
        response.writeHead(200, { 'content-encoding': 'zstd-nope' });
        response.end('abc');
      } else {
        response.writeHead(200, { 'content-length': '10' });
        response.write('abc');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await transport.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const outcome = (path: string, extra: Partial<TransportRequest> = {}) =>
    transport
      .send({ method: 'GET', url: `${origin}${path}`, headers: {}, timeoutMs: 10_000, ...extra })
      .then((response) => response.text())
      .catch((error: unknown) => error);

  test('an endless identity body stops at maxResponseBytes', async () => {
    expect(isResponseTooLargeError(await outcome('/endless', { maxResponseBytes: 1_000_000 }))).toBe(true);
  });

  test('an endless gzip body stops at maxResponseBytes of decoded bytes', async () => {
    expect(isResponseTooLargeError(await outcome('/endless-gzip', { maxResponseBytes: 1_000_000 }))).toBe(
      true,
    );
  });

  test('a stalled body ends at the deadline as a TimeoutError in the body phase', async () => {
    const error = await outcome('/stall', { timeoutMs: 300 });
    expect(isTimeoutError(error), String(error)).toBe(true);
    expect((error as { phase?: string }).phase).toBe('body');
  });

  test('a caller abort mid-body rejects the read with the reason', async () => {
    const controller = new AbortController();
    const response = await transport.send({
      method: 'GET',
      url: `${origin}/stall`,
      headers: {},
      signal: controller.signal,
      timeoutMs: 10_000,
    });
    const reading = response.text().catch((error: unknown) => error);
    controller.abort(new Error('caller gave up'));
    expect(((await reading) as Error).message).toBe('caller gave up');
  });

  test('an unknown content coding on a 2xx is a ResponseParseError', async () => {
    expect(isResponseParseError(await outcome('/unknown-coding'))).toBe(true);
  });
});

import type { Socket } from 'node:net';
import { gzipSync } from 'node:zlib';
import { type APIError, isAPIError, RetryException } from '@meta/errors';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { MAX_ERROR_BODY_DOWNLOAD_BYTES } from '../../src/api-error-factory.js';
import type { ClientConfig, REST } from '../../src/index.js';
import { createFakeTime } from '../helpers/fake-time.js';
import { createClient, rejectionOf, TRANSPORT_KINDS, type TransportKind } from './clients.js';
import { type FaultServer, responseHead, startFaultServer } from './fault-server.js';

/** The error page a misbehaving server sends (issue 12.7: downloaded in full, 57-76 MiB peak, on every retry). */
const BODY_BYTES = 48 * 1024 * 1024;
/** Generous: loopback socket buffers hold a few MiB, so an attempt that stopped early let far less through. */
const SENT_BOUND_BYTES = 16 * 1024 * 1024;
const MARKER = 'the rest was not downloaded';

let server: FaultServer;
const clients: REST[] = [];

beforeAll(async () => {
  server = await startFaultServer();
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close({ force: true })));
  server.reset();
});

afterAll(async () => {
  await server.close();
});

/** What the server saw of one attempt: body bytes handed to the socket, and whether the client closed it. */
interface Attempt {
  written: number;
  closed: boolean;
}

/**
 * Answer every request with a 500 whose `body` (no Content-Length) is written with backpressure until it ends or
 * the client goes away, recording each attempt. `chunked` frames it; otherwise it is close-delimited.
 */
function serveLargeError(head: Record<string, string>, body: () => Iterable<Buffer>, chunked: boolean) {
  const attempts: Attempt[] = [];
  server.fault = (_request, socket: Socket) => {
    const attempt: Attempt = { written: 0, closed: false };
    attempts.push(attempt);
    socket.once('close', () => {
      attempt.closed = true;
    });
    const framing: Record<string, string> = chunked
      ? { 'transfer-encoding': 'chunked' }
      : { connection: 'close' };
    socket.write(responseHead(500, { ...head, ...framing }));
    const blocks = body()[Symbol.iterator]();
    const pump = (): void => {
      while (!socket.destroyed) {
        const next = blocks.next();
        if (next.done) {
          if (chunked) socket.end('0\r\n\r\n');
          else socket.end();
          return;
        }
        const block = chunked
          ? Buffer.concat([
              Buffer.from(`${next.value.length.toString(16)}\r\n`),
              next.value,
              Buffer.from('\r\n'),
            ])
          : next.value;
        attempt.written += block.length;
        if (!socket.write(block)) {
          socket.once('drain', pump);
          return;
        }
      }
    };
    pump();
  };
  return attempts;
}

/** `BODY_BYTES` of text in 64 KiB blocks: `first` at the very start, `x` after it. */
function* errorPage(first = ''): Generator<Buffer> {
  const block = Buffer.alloc(64 * 1024, 'x');
  yield Buffer.concat([Buffer.from(first), block.subarray(first.length)]);
  for (let sent = block.length; sent < BODY_BYTES; sent += block.length) yield block;
}

/** Poll until every attempt's connection closed (the client cut it; a generous bound, not a timing). */
async function allClosed(attempts: readonly Attempt[]): Promise<boolean> {
  for (let waited = 0; waited < 20_000; waited += 10) {
    if (attempts.every((attempt) => attempt.closed)) return true;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return false;
}

/** A client with injected clock and sleep (no real backoff) and a quiet logger: three attempts, 500 retried. */
function clientFor(kind: TransportKind, overrides: Partial<ClientConfig> = {}): REST {
  const time = createFakeTime();
  const rest = createClient(kind, {
    baseUrl: `${server.origin}/api`,
    retry: 2,
    retryCodes: [500],
    retryWait: 1,
    timeoutMs: 30_000,
    clock: time.clock,
    sleep: time.sleep,
    logger: {},
    ...overrides,
  });
  clients.push(rest);
  return rest;
}

/** The APIError body as text, which must carry the truncation marker within the 64 KiB an APIError keeps. */
function truncatedBodyOf(error: APIError): string {
  const body = error.response?.body;
  expect(typeof body).toBe('string');
  const text = body as string;
  expect(text.length).toBeLessThanOrEqual(64 * 1024);
  expect(text.endsWith(`${MARKER}]`), text.slice(-120)).toBe(true);
  return text;
}

describe.each(TRANSPORT_KINDS)(
  'error bodies are read only as far as the APIError keeps them (%s)',
  (kind) => {
    test('a 48 MiB chunked 500 is cut after what the APIError keeps, on every retry', async () => {
      const attempts = serveLargeError(
        { 'content-type': 'text/plain' },
        () => errorPage('server exploded: '),
        true,
      );
      const error = (await rejectionOf(clientFor(kind).get('/huge-error'))) as APIError;
      expect(isAPIError(error)).toBe(true);
      expect(error.statusCode).toBe(500);
      expect(truncatedBodyOf(error).startsWith('server exploded: xxxx')).toBe(true);
      expect(attempts).toHaveLength(3);
      expect(await allClosed(attempts), 'the client closed every attempt').toBe(true);
      for (const attempt of attempts) expect(attempt.written).toBeLessThan(SENT_BOUND_BYTES);
    }, 120_000);

    test('a 48 MiB close-delimited 500 is cut after what the APIError keeps, on every retry', async () => {
      const attempts = serveLargeError({ 'content-type': 'text/html' }, () => errorPage('<html>'), false);
      const error = (await rejectionOf(clientFor(kind).get('/huge-error'))) as APIError;
      expect(error.statusCode).toBe(500);
      expect(truncatedBodyOf(error).startsWith('<html>xxxx')).toBe(true);
      expect(attempts).toHaveLength(3);
      expect(await allClosed(attempts), 'the client closed every attempt').toBe(true);
      for (const attempt of attempts) expect(attempt.written).toBeLessThan(SENT_BOUND_BYTES);
    }, 120_000);

    test('a gzip 500 without Content-Length decoding to 48 MiB is cut after 256 KiB decoded, below maxResponseBytes', async () => {
      const bomb = gzipSync(Buffer.alloc(BODY_BYTES, 'a'));
      serveLargeError({ 'content-type': 'application/json', 'content-encoding': 'gzip' }, () => [bomb], true);
      // Decoding the whole body would pass this limit: the APIError would then have no body, only the cause.
      const rest = clientFor(kind, { retry: 0, maxResponseBytes: 16 * 1024 * 1024 });
      const error = (await rejectionOf(rest.get('/bomb'))) as APIError;
      expect(error.statusCode).toBe(500);
      expect(error.cause).toBeUndefined();
      expect(truncatedBodyOf(error).startsWith('a'.repeat(60_000))).toBe(true);
    }, 120_000);

    test('a token echoed where the kept body is cut is masked whole, never half kept', async () => {
      const token = 'sekrit-token-0123456789';
      const rest = clientFor(kind, { retry: 0, accessToken: token });
      // The token repeated across the region where the 64 KiB cut falls; three shifts put the cut well inside a
      // token (4 or more of its characters before the cut) in at least one of them, whatever the marker's length.
      for (const shift of [0, 8, 16]) {
        const echo = `${'x'.repeat(64 * 1024 - 600 + shift)}${`${token} `.repeat(40)}`;
        serveLargeError({ 'content-type': 'text/plain' }, () => errorPage(echo), true);
        const error = (await rejectionOf(rest.get('/echo'))) as APIError;
        const kept = truncatedBodyOf(error).split('… [')[0]!;
        expect(kept).not.toContain('sekrit');
        for (let length = 4; length <= token.length; length++) {
          expect(kept.endsWith(token.slice(0, length)), `the first ${length} characters of the token`).toBe(
            false,
          );
        }
        expect(JSON.stringify(error)).not.toContain('sekrit');
      }
    }, 120_000);

    test('a hook that asks for a retry on a cut 500 keeps the not-downloaded marker in the APIError', async () => {
      serveLargeError({ 'content-type': 'text/plain' }, () => errorPage('hooked: '), true);
      const rest = clientFor(kind, {
        retry: 0,
        hooks: {
          afterResponse: () => {
            throw new RetryException();
          },
        },
      });
      const error = (await rejectionOf(rest.get('/hooked'))) as APIError;
      expect(error.statusCode).toBe(500);
      expect(truncatedBodyOf(error).startsWith('hooked: xxxx')).toBe(true);
    }, 120_000);

    test('an error body just under the read bound is read whole: the APIError cuts it, counting what it drops', async () => {
      const text = 'e'.repeat(MAX_ERROR_BODY_DOWNLOAD_BYTES - 1);
      serveLargeError({ 'content-type': 'text/plain' }, () => [Buffer.from(text)], true);
      const error = (await rejectionOf(clientFor(kind, { retry: 0 }).get('/big-text'))) as APIError;
      expect(error.statusCode).toBe(500);
      const body = String(error.response?.body);
      expect(body).not.toContain(MARKER);
      expect(body.endsWith(`… [${text.length - 64 * 1024} more characters]`), body.slice(-80)).toBe(true);
    }, 60_000);
  },
);

import type { Socket } from 'node:net';
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { isResponseTooLargeError } from '@meta/errors';
import type { Transport, TransportResponse } from '@meta/transport';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ConformanceHarness } from './conformance-harness.js';
import { responseHead } from './framing-bodies.js';
import { failureOf, useRawCaseRunner } from './raw-case-runner.js';
import { type RawHttpServer, type RawResponder, startRawHttpServer } from './raw-http-server.js';

const LIMIT = 256 * 1024;
const DEADLINE_MS = 10_000;

/** `length` bytes no coding can shrink (a seeded xorshift32 sequence, the same on every run). */
function randomBytes(length: number, seed: number): Buffer {
  const bytes = Buffer.alloc(length);
  let state = seed >>> 0 || 1;
  for (let index = 0; index < length; index++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    bytes[index] = state & 0xff;
  }
  return bytes;
}

const ENCODERS: Record<string, { readonly name: string; encode(bytes: Buffer): Buffer }> = {
  gzip: { name: 'gzip', encode: (bytes) => gzipSync(bytes, { level: 9 }) },
  'zlib-wrapped deflate': { name: 'deflate', encode: (bytes) => deflateSync(bytes, { level: 9 }) },
  'raw deflate': { name: 'deflate', encode: (bytes) => deflateRawSync(bytes, { level: 9 }) },
  br: { name: 'br', encode: (bytes) => brotliCompressSync(bytes) },
};

/** Write `block` again and again until the client goes away. */
function writeForever(head: Buffer, block: Buffer): RawResponder {
  return (socket: Socket) => {
    socket.write(head);
    const writeMore = () => {
      while (!socket.destroyed && socket.writable) {
        if (!socket.write(block)) return void socket.once('drain', writeMore);
      }
    };
    writeMore();
  };
}

/** One exchange on a fresh transport: `read` gets the response; the transport is closed afterwards. */
async function withFreshTransport<T>(
  harness: ConformanceHarness,
  url: string,
  read: (response: TransportResponse, transport: Transport) => Promise<T>,
): Promise<T> {
  const transport = await harness.open();
  try {
    const response = await harness.send({ url, maxResponseBytes: LIMIT, timeoutMs: DEADLINE_MS }, transport);
    return await read(response, transport);
  } finally {
    await transport.close();
  }
}

/**
 * `maxResponseBytes` counts decoded bytes, but a coded body's encoded bytes are bounded as well: a compressed
 * stream within the limit is never much longer than the limit (`encodedLimit` from `@meta/transport/adapter`).
 * So a body of incompressible bytes exactly at the limit decodes whole on every transport, while a stream of empty
 * gzip members (which decodes to nothing) fails `ResponseTooLargeError` instead of running to its deadline.
 */
export function registerCodedLimitCases(harness: ConformanceHarness): void {
  describe('encoded bytes of coded bodies (raw server)', () => {
    let raw: RawHttpServer;
    beforeAll(async () => {
      raw = await startRawHttpServer();
    });
    afterAll(() => raw.close());

    const exact = randomBytes(LIMIT, 11);
    for (const [title, { name, encode }] of Object.entries(ENCODERS)) {
      test(`a ${title} body of incompressible bytes exactly at maxResponseBytes decodes whole, though its coded form is longer`, async () => {
        const encoded = encode(exact);
        expect(encoded.length).toBeGreaterThan(LIMIT);
        const path = `/exact-${title.replace(/\W+/g, '-')}`;
        const head = responseHead('200 OK', [
          `Content-Encoding: ${name}`,
          `Content-Length: ${encoded.length}`,
          'Connection: close',
        ]);
        // The client closes the connection (Connection: close): undici's own fetch (injected) fails a body whose
        // connection the server closes while its parser is paused (README, "An injected fetch").
        raw.route(path, (socket) => socket.write(Buffer.concat([head, encoded])));
        const received = await withFreshTransport(harness, `${raw.origin}${path}`, (response) =>
          response.bytes(),
        );
        expect(received.byteLength).toBe(LIMIT);
        expect(Buffer.from(received).equals(exact), 'the decoded bytes are the ones sent').toBe(true);
      }, 30_000);
    }
  });

  // The platform decodes for a transport over an injected fetch: it sees no encoded bytes to count.
  if (harness.notApplicable.injectedFetch) return;
  describe('encoded bytes of coded bodies, counted (raw server)', () => {
    const runner = useRawCaseRunner(harness);
    const emptyMembers = Buffer.concat(Array.from({ length: 1024 }, () => gzipSync(Buffer.alloc(0))));

    test('an endless stream of empty gzip members fails ResponseTooLargeError, not at the deadline', async () => {
      const { outcome } = await runner.run({
        path: '/empty-gzip-members',
        timeoutMs: DEADLINE_MS,
        request: { maxResponseBytes: LIMIT },
        respond: writeForever(responseHead('200 OK', ['Content-Encoding: gzip']), emptyMembers),
      });
      const error = failureOf(outcome);
      expect(isResponseTooLargeError(error), String(error)).toBe(true);
    }, 30_000);

    test('a gzip stream followed by endless padding fails ResponseTooLargeError, not at the deadline', async () => {
      const head = responseHead('200 OK', ['Content-Encoding: gzip']);
      const { outcome } = await runner.run({
        path: '/gzip-then-padding',
        timeoutMs: DEADLINE_MS,
        request: { maxResponseBytes: LIMIT },
        respond: (socket) => {
          socket.write(Buffer.concat([head, gzipSync('{"ok":true}')]));
          writeForever(Buffer.alloc(0), Buffer.alloc(64 * 1024))(socket);
        },
      });
      const error = failureOf(outcome);
      expect(isResponseTooLargeError(error), String(error)).toBe(true);
    }, 30_000);
  });
}

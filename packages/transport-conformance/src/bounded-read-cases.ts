import type { Socket } from 'node:net';
import { createGzip, gzipSync } from 'node:zlib';
import { isResponseParseError, isResponseTooLargeError } from '@meta/errors';
import { readTextPrefix, type TransportRequest, type TransportTextPrefix } from '@meta/transport';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  BLOCK,
  BODY_BYTES,
  chunkedFraming,
  expectedPrefix,
  MAX_BYTES,
  repeatedBlocks,
  type ServerCount,
  streamedResponse,
} from './bounded-read-server.js';
import { type ConformanceHarness, eventually } from './conformance-harness.js';
import { flipByte, incompressibleText } from './framing-bodies.js';
import { type RawHttpServer, startRawHttpServer } from './raw-http-server.js';

/** Generous: loopback socket buffers hold a few MiB, so a client that stopped early has let far less through. */
const SENT_BOUND_BYTES = 16 * 1024 * 1024;
const DEADLINE_MS = 60_000;

/** What one bounded read came to, and whether the transport declared `textPrefix` (else the fallback ran). */
type BoundedOutcome =
  | { readonly prefix: TransportTextPrefix; readonly bounded: boolean }
  | { readonly error: unknown; readonly bounded: boolean };

/**
 * Bounded reads of error bodies (issue 12.7): `readTextPrefix` (a transport's `textPrefix`) returns the first
 * bytes of a 48 MiB body without a Content-Length (chunked, close-delimited, gzip streamed, a gzip bomb), cut at a
 * character boundary and marked truncated, and the server sees the client stop early: the connection closes with
 * far fewer than 48 MiB sent. A transport without `textPrefix` takes `readTextPrefix`'s documented fallback (the
 * whole body read with `bytes()`, then cut): same text and mark, but the early stop cannot apply to it, so those
 * assertions are made only when the transport declares `textPrefix`.
 */
export function registerBoundedReadCases(harness: ConformanceHarness): void {
  describe('bounded reads of large error bodies (raw server)', () => {
    let raw: RawHttpServer;
    beforeAll(async () => {
      raw = await startRawHttpServer();
    });
    afterAll(() => raw.close());

    /** Serve `respond` at `path`, read it bounded, and check the server-side evidence before closing. */
    async function boundedRead(
      path: string,
      respond: (socket: Socket) => void,
      count: ServerCount,
      request: Partial<TransportRequest> = {},
    ): Promise<BoundedOutcome> {
      raw.route(path, respond);
      const transport = await harness.open();
      let outcome: BoundedOutcome;
      let bounded = false;
      try {
        const response = await transport.send({
          method: 'GET',
          headers: {},
          url: `${raw.origin}${path}`,
          timeoutMs: DEADLINE_MS,
          ...request,
        });
        expect(response.status).toBe(500);
        bounded = typeof response.textPrefix === 'function';
        outcome = { prefix: await readTextPrefix(response, MAX_BYTES), bounded };
      } catch (error) {
        outcome = { error, bounded };
      }
      if (bounded) {
        // Before close(): the transport itself must drop the connection once it has what it keeps.
        expect(await eventually(() => count.closed, 20_000), 'the client never closed the connection').toBe(
          true,
        );
        expect(count.written, `bytes the server sent: ${count.written}`).toBeLessThan(SENT_BOUND_BYTES);
      }
      await transport.close();
      // A process-wide pool (the global fetch's) keeps its own idle connections past close(): not this case's.
      if (!harness.notApplicable.resourceCleanup) {
        expect(await eventually(() => raw.openSockets() === 0, 5000), 'a socket outlived close()').toBe(true);
      }
      return outcome;
    }

    function prefixOf(outcome: BoundedOutcome): TransportTextPrefix {
      expect('error' in outcome ? String(outcome.error) : undefined).toBeUndefined();
      return (outcome as { prefix: TransportTextPrefix }).prefix;
    }

    test('a 500 with a 48 MiB chunked body: the first 64 KiB, cut at a character, truncated, the rest not sent', async () => {
      const count: ServerCount = { written: 0, closed: false };
      const head = 'Content-Type: text/plain; charset=utf-8\r\nTransfer-Encoding: chunked\r\n';
      const respond = streamedResponse(count, head, () => chunkedFraming(repeatedBlocks(BODY_BYTES)));
      const prefix = prefixOf(await boundedRead('/bounded-chunked', respond, count));
      expect(prefix.truncated).toBe(true);
      expect(prefix.text === expectedPrefix(BLOCK), 'the text is the first 65,535 bytes').toBe(true);
    }, 120_000);

    test('a 500 with a 48 MiB close-delimited body: the first 64 KiB, truncated, the rest not sent', async () => {
      const count: ServerCount = { written: 0, closed: false };
      const head = 'Content-Type: text/plain; charset=utf-8\r\nConnection: close\r\n';
      const respond = streamedResponse(count, head, () => repeatedBlocks(BODY_BYTES));
      const prefix = prefixOf(await boundedRead('/bounded-close-delimited', respond, count));
      expect(prefix.truncated).toBe(true);
      expect(prefix.text === expectedPrefix(BLOCK), 'the text is the first 65,535 bytes').toBe(true);
    }, 120_000);

    test('a 500 with a 48 MiB gzip body streamed without Content-Length: decoded bytes count, the rest not sent', async () => {
      const count: ServerCount = { written: 0, closed: false };
      // 1 MiB of text deflate cannot shrink much, repeated: the compressed body is tens of MiB on the wire.
      const block = Buffer.from(incompressibleText(1024 * 1024, 7));
      const blocks = function* () {
        for (let sent = 0; sent < BODY_BYTES; sent += block.length) yield block;
      };
      const head = 'Content-Type: text/plain\r\nContent-Encoding: gzip\r\nConnection: close\r\n';
      const respond = streamedResponse(count, head, blocks, () => [createGzip({ level: 1 })]);
      const prefix = prefixOf(await boundedRead('/bounded-gzip-stream', respond, count));
      expect(prefix.truncated).toBe(true);
      expect(
        prefix.text === block.subarray(0, MAX_BYTES).toString('latin1'),
        'the first 64 KiB decoded',
      ).toBe(true);
    }, 120_000);

    test('a chunked gzip bomb error body (48 MiB decoded) stops after maxBytes decoded bytes, below maxResponseBytes', async () => {
      const count: ServerCount = { written: 0, closed: false };
      const bomb = gzipSync(Buffer.alloc(BODY_BYTES, 'a'));
      const head = 'Content-Type: text/plain\r\nContent-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n';
      const respond = streamedResponse(count, head, () => chunkedFraming([bomb]));
      // A client that decoded the whole bomb would pass 16 MiB and fail with ResponseTooLargeError.
      const outcome = await boundedRead('/bounded-gzip-bomb', respond, count, {
        maxResponseBytes: 16 * 1024 * 1024,
      });
      if ('error' in outcome && !outcome.bounded) {
        // The documented fallback (no textPrefix) reads the whole body, so it meets the limit.
        expect(isResponseTooLargeError(outcome.error), String(outcome.error)).toBe(true);
        return;
      }
      const prefix = prefixOf(outcome);
      expect(prefix).toEqual({ text: 'a'.repeat(MAX_BYTES), truncated: true });
    }, 120_000);

    test('maxResponseBytes just above maxBytes: one chunk crossing both still gives the prefix, not too large', async () => {
      const count: ServerCount = { written: 0, closed: false };
      const head = 'Content-Type: text/plain; charset=utf-8\r\nTransfer-Encoding: chunked\r\n';
      const respond = streamedResponse(count, head, () => chunkedFraming(repeatedBlocks(BODY_BYTES)));
      const outcome = await boundedRead('/bounded-near-limit', respond, count, {
        maxResponseBytes: MAX_BYTES + 1,
      });
      if ('error' in outcome && !outcome.bounded) {
        // The documented fallback (no textPrefix) reads the whole body, so it meets the limit.
        expect(isResponseTooLargeError(outcome.error), String(outcome.error)).toBe(true);
        return;
      }
      const prefix = prefixOf(outcome);
      expect(prefix.truncated).toBe(true);
      expect(prefix.text === expectedPrefix(BLOCK), 'the text is the first 65,535 bytes').toBe(true);
    }, 120_000);

    /** Serve `body` at `path` (gzip, chunked) and read it bounded; the exchange's outcome. */
    async function boundedGzip(path: string, body: Buffer): Promise<BoundedOutcome> {
      const count: ServerCount = { written: 0, closed: false };
      const head = 'Content-Type: text/plain\r\nContent-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n';
      raw.route(
        path,
        streamedResponse(count, head, () => chunkedFraming([body])),
      );
      const transport = await harness.open();
      try {
        const response = await transport.send({ method: 'GET', headers: {}, url: `${raw.origin}${path}` });
        const bounded = typeof response.textPrefix === 'function';
        return await readTextPrefix(response, MAX_BYTES).then(
          (prefix) => ({ prefix, bounded }),
          (error: unknown) => ({ error, bounded }),
        );
      } finally {
        await transport.close();
      }
    }

    test('a gzip body shorter than maxBytes is decoded whole, not truncated', async () => {
      const text = incompressibleText(20_000, 9);
      const prefix = prefixOf(await boundedGzip('/bounded-gzip-short', gzipSync(text)));
      expect(prefix).toEqual({ text, truncated: false });
    });

    if (!harness.notApplicable.injectedFetch)
      test('a corrupt gzip body shorter than maxBytes rejects with ResponseParseError, as text() does', async () => {
        const corrupt = flipByte(gzipSync(incompressibleText(20_000, 13)), 0.5);
        const outcome = await boundedGzip('/bounded-gzip-corrupt', corrupt);
        expect('error' in outcome && isResponseParseError(outcome.error), JSON.stringify(outcome)).toBe(true);
      });

    test('a chunked body of exactly maxBytes is whole, not truncated', async () => {
      const count: ServerCount = { written: 0, closed: false };
      const body = BLOCK.subarray(0, MAX_BYTES - 1);
      const head = 'Content-Type: text/plain; charset=utf-8\r\nTransfer-Encoding: chunked\r\n';
      const respond = streamedResponse(count, head, () => chunkedFraming([body, Buffer.from('z')]));
      raw.route('/bounded-exact', respond);
      const transport = await harness.open();
      try {
        const response = await transport.send({
          method: 'GET',
          headers: {},
          url: `${raw.origin}/bounded-exact`,
        });
        const prefix = await readTextPrefix(response, MAX_BYTES);
        expect(prefix.truncated).toBe(false);
        expect(prefix.text === `${'x'.repeat(MAX_BYTES - 1)}z`, 'the whole body').toBe(true);
      } finally {
        await transport.close();
      }
    });
  });
}

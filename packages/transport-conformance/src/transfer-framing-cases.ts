import { gzipSync } from 'node:zlib';
import { isMetaError, isNetworkError, type NetworkError } from '@meta/errors';
import { describe, expect, test } from 'vitest';
import type { ConformanceHarness } from './conformance-harness.js';
import { failureOf, type RawOutcome, textOf, useRawCaseRunner } from './raw-case-runner.js';

const DEADLINE_MS = 2000;
const DOCUMENT = '{"id":"0b9a4c2e","name":"orders","columns":[]}';

/** `text` as a chunked body: `size` bytes per chunk, lines ended with `eol`. */
function chunked(text: string, size: number, eol = '\r\n'): string {
  let body = '';
  for (let index = 0; index < text.length; index += size) {
    const chunk = text.slice(index, index + size);
    body += `${chunk.length.toString(16)}${eol}${chunk}${eol}`;
  }
  return `${body}0${eol}${eol}`;
}

/** The outcome must be the document, or a typed failure; never the framing or the coded bytes as the body. */
function expectDocumentOrTypedFailure(outcome: RawOutcome): void {
  if ('error' in outcome) {
    expect(isMetaError(outcome.error), String(outcome.error)).toBe(true);
    return;
  }
  expect(textOf(outcome, 200)).toBe(DOCUMENT);
}

/**
 * Transfer framing a client must read exactly or refuse (issues 17.3, 17.4, 17.6, 18.3, 18.4), from a raw `net`
 * server. Whitespace and empty list elements RFC 9110 allows must work; anything the client cannot parse exactly
 * is a typed error, never a body with framing or coded bytes inside.
 */
export function registerTransferFramingCases(harness: ConformanceHarness): void {
  if (harness.notApplicable.injectedFetch) return;
  describe('transfer framing (raw server)', () => {
    const runner = useRawCaseRunner(harness);

    if (!harness.notApplicable.rawHeaderValues)
      test('Transfer-Encoding "chunked<TAB>" (legal whitespace) is de-chunked (issue 18.4)', async () => {
        const { outcome } = await runner.run({
          path: '/te-tab',
          timeoutMs: DEADLINE_MS,
          respond: (socket) =>
            socket.end(`HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\t\r\n\r\n${chunked(DOCUMENT, 7)}`),
        });
        expect(textOf(outcome, 200)).toBe(DOCUMENT);
      });

    test('Transfer-Encoding "chunked," with CRLF chunk lines is de-chunked or refused, never passed through', async () => {
      const { outcome } = await runner.run({
        path: '/te-comma-crlf',
        timeoutMs: DEADLINE_MS,
        respond: (socket) =>
          socket.end(`HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked,\r\n\r\n${chunked(DOCUMENT, 9)}`),
      });
      expectDocumentOrTypedFailure(outcome);
    });

    test('Transfer-Encoding "chunked," with bare-LF chunk lines is a typed error, never the framing (issue 17.3)', async () => {
      const { outcome } = await runner.run({
        path: '/te-comma-lf',
        timeoutMs: DEADLINE_MS,
        respond: (socket) =>
          socket.end(`HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked,\r\n\r\n${chunked(DOCUMENT, 27, '\n')}`),
      });
      const error = failureOf(outcome);
      expect(isMetaError(error), String(error)).toBe(true);
      if (isNetworkError(error)) expect((error as NetworkError).beforeResponse).toBe(false);
    });

    test('Transfer-Encoding "gzip, chunked" is decoded or refused, never the gzip bytes as text (issue 17.4)', async () => {
      const gzipped = gzipSync(DOCUMENT);
      const { outcome } = await runner.run({
        path: '/te-gzip-chunked',
        timeoutMs: DEADLINE_MS,
        respond: (socket) => {
          socket.write('HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n');
          socket.write(`${gzipped.length.toString(16)}\r\n`);
          socket.write(gzipped);
          socket.end('\r\n0\r\n\r\n');
        },
      });
      expectDocumentOrTypedFailure(outcome);
    });

    test('Transfer-Encoding "compress, chunked" (a coding no transport decodes) is a typed error', async () => {
      const { outcome } = await runner.run({
        path: '/te-compress',
        timeoutMs: DEADLINE_MS,
        respond: (socket) =>
          socket.end(
            `HTTP/1.1 200 OK\r\nTransfer-Encoding: compress, chunked\r\n\r\n${chunked(DOCUMENT, 50)}`,
          ),
      });
      expect(isMetaError(failureOf(outcome))).toBe(true);
    });

    test('Content-Length "2<TAB>" (legal whitespace) gives the body, or is contained as a typed error (issue 18.4)', async () => {
      const { outcome } = await runner.run({
        path: '/cl-tab',
        timeoutMs: DEADLINE_MS,
        respond: (socket) => socket.end('HTTP/1.1 200 OK\r\nContent-Length: 2\t\r\n\r\nhi'),
      });
      if ('error' in outcome) {
        // undici's parser (llhttp) refuses it before any header reaches the adapter: see the README.
        expect(isNetworkError(outcome.error), String(outcome.error)).toBe(true);
        expect((outcome.error as NetworkError).beforeResponse).toBe(false);
      } else {
        expect(textOf(outcome, 200)).toBe('hi');
      }
    });

    test('a close-delimited br body on a connection left open completes only at close: typed at the deadline (issue 17.6)', async () => {
      const { outcome } = await runner.run({
        path: '/br-open',
        timeoutMs: 600,
        // `7` is a complete, empty brotli stream; no framing, and the server keeps the connection open.
        respond: (socket) => socket.write('HTTP/1.1 200 \r\nContent-Encoding:br\r\n\r\n7\n'),
      });
      expect(isMetaError(failureOf(outcome))).toBe(true);
    });

    test('a gzip stream shorter than its Content-Length body waits for the whole body or fails typed (issue 18.3)', async () => {
      const gzipped = gzipSync(DOCUMENT);
      const padding = Buffer.alloc(64, 0x20);
      const { outcome } = await runner.run({
        path: '/gzip-short',
        timeoutMs: DEADLINE_MS,
        respond: (socket) => {
          socket.write(
            `HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: ${gzipped.length + padding.length}\r\n\r\n`,
          );
          socket.write(gzipped);
          // The rest of the HTTP body arrives later, on a connection the server keeps open.
          setTimeout(() => socket.write(padding), 200);
        },
      });
      expectDocumentOrTypedFailure(outcome);
    });
  });
}

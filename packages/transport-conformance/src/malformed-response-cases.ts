import { isNetworkError, type NetworkError } from '@meta/errors';
import { describe, expect, test } from 'vitest';
import type { ConformanceHarness } from './conformance-harness.js';
import { failureOf, textOf, useRawCaseRunner } from './raw-case-runner.js';
import type { RawResponder } from './raw-http-server.js';

const DEADLINE_MS = 3000;
const OK_HI = 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi';

/**
 * Write `text` (latin1) and leave the connection open: the client decides when it is done (a response it reads
 * successfully says `Connection: close`, so even a process-wide pool lets its socket go).
 */
function answer(text: string): RawResponder {
  return (socket) => void socket.write(text, 'latin1');
}

/**
 * Responses an HTTP/1.1 parser refuses. Their llhttp code differs between the parsers a transport runs on (undici
 * 7 and 8 report none, Node 20's fetch a specific one, undici a Content-Length mismatch where llhttp 6 reports
 * `HPE_UNEXPECTED_CONTENT_LENGTH`), so every transport reports the one stable code `HPE_INVALID_RESPONSE`.
 */
const PARSER_FAULTS: readonly (readonly [string, string])[] = [
  ['a status below 100', 'HTTP/1.1 99 Low\r\nContent-Length: 2\r\n\r\nhi'],
  ['a status that is not a number', 'HTTP/1.1 abc Bad\r\nContent-Length: 2\r\n\r\nhi'],
  ['a response without a status line', 'hello world\r\n\r\n'],
  ['a header line without a colon', 'HTTP/1.1 200 OK\r\nX-No-Colon\r\nContent-Length: 2\r\n\r\nhi'],
  ['a NUL in a header value', 'HTTP/1.1 200 OK\r\nX-Nul: a\u0000b\r\nContent-Length: 2\r\n\r\nhi'],
  [
    'two different Content-Length headers',
    'HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\nhi!',
  ],
  [
    'Content-Length with Transfer-Encoding: chunked',
    `HTTP/1.1 200 OK\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nhi\r\n0\r\n\r\n`,
  ],
  ['a negative Content-Length', 'HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\nhi'],
];

/**
 * Malformed and unusual responses from a raw server (SPEC 3.8: protocol faults are `NetworkError`s with the same
 * code on every adapter; nothing hangs, no socket outlives the transport).
 */
export function registerMalformedResponseCases(harness: ConformanceHarness): void {
  describe('malformed responses: one class and code on every transport (raw server)', () => {
    const runner = useRawCaseRunner(harness);
    const run = (path: string, respond: RawResponder) =>
      runner.run({ path, respond, timeoutMs: DEADLINE_MS, pooledSocketMayOutlive: true });

    PARSER_FAULTS.forEach(([title, response], index) => {
      test(`${title} is a NetworkError HPE_INVALID_RESPONSE after the response began, not retryable`, async () => {
        const error = failureOf((await run(`/parser-fault-${index}`, answer(response))).outcome);
        expect(isNetworkError(error), String(error)).toBe(true);
        expect((error as NetworkError).code).toBe('HPE_INVALID_RESPONSE');
        expect((error as NetworkError).beforeResponse).toBe(false);
        expect((error as NetworkError).retryable).toBe(false);
      });
    });

    test('an unsolicited 101 before a 200 is a NetworkError ERR_BAD_RESPONSE, not retryable', async () => {
      const respond = answer(`HTTP/1.1 101 Switching Protocols\r\n\r\n${OK_HI}`);
      const error = failureOf((await run('/unsolicited-101', respond)).outcome);
      expect(isNetworkError(error), String(error)).toBe(true);
      expect((error as NetworkError).code).toBe('ERR_BAD_RESPONSE');
      expect((error as NetworkError).retryable).toBe(false);
    });

    test('a 101 with Upgrade to a request that asked for none is a NetworkError ERR_BAD_RESPONSE', async () => {
      const respond = answer(
        'HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\nxx',
      );
      const error = failureOf((await run('/unsolicited-upgrade', respond)).outcome);
      expect(isNetworkError(error), String(error)).toBe(true);
      expect((error as NetworkError).code).toBe('ERR_BAD_RESPONSE');
      expect((error as NetworkError).retryable).toBe(false);
    });

    test('Content-Encoding: identity leaves the body as sent', async () => {
      const respond = answer(
        'HTTP/1.1 200 OK\r\nContent-Encoding: identity\r\nContent-Length: 2\r\nConnection: close\r\n\r\nhi',
      );
      expect(textOf((await run('/identity', respond)).outcome, 200)).toBe('hi');
    });

    test('a 304 whose Content-Length describes the representation has an empty body, not a length error', async () => {
      const respond = answer(
        'HTTP/1.1 304 Not Modified\r\nContent-Length: 10\r\nETag: "v1"\r\nConnection: close\r\n\r\n',
      );
      expect(textOf((await run('/not-modified', respond)).outcome, 304)).toBe('');
    });

    test('a chunked body cut before its last chunk by the server closing is a NetworkError, never a short body', async () => {
      const respond: RawResponder = (socket) =>
        void socket.end('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nhi\r\n', 'latin1');
      const error = failureOf((await run('/chunked-cut', respond)).outcome);
      expect(isNetworkError(error), String(error)).toBe(true);
      expect((error as NetworkError).beforeResponse).toBe(false);
    });

    // A transport that trims header values reads `chunked<TAB>` as plain `chunked`; an injected fetch is used as is.
    if (!harness.notApplicable.rawHeaderValues && !harness.notApplicable.injectedFetch) {
      test('a "chunked<TAB>" body cut before its last chunk is a NetworkError HPE_INVALID_EOF_STATE on every transport', async () => {
        const respond: RawResponder = (socket) =>
          void socket.end('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\t\r\n\r\n2\r\nhi\r\n', 'latin1');
        const error = failureOf((await run('/chunked-tab-cut', respond)).outcome);
        expect(isNetworkError(error), String(error)).toBe(true);
        expect((error as NetworkError).code).toBe('HPE_INVALID_EOF_STATE');
      });
    }

    test('a chunk size past 64 bits is a NetworkError, never a body', async () => {
      const respond = answer(
        'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffffffffff\r\nhi\r\n0\r\n\r\n',
      );
      const error = failureOf((await run('/chunk-overflow', respond)).outcome);
      expect(isNetworkError(error), String(error)).toBe(true);
      expect((error as NetworkError).code).toMatch(/^HPE_/);
    });
  });
}

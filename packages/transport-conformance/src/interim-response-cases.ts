import { isNetworkError, type NetworkError } from '@meta/errors';
import { describe, expect, test } from 'vitest';
import type { ConformanceHarness } from './conformance-harness.js';
import { textOf, useRawCaseRunner } from './raw-case-runner.js';

const DEADLINE_MS = 3000;

/**
 * Interim (1xx) responses before the final one (issue 12.3): a `103 Early Hints` or `102 Processing` is never the
 * answer, and an unsolicited `100 Continue` before a 200 is either accepted (RFC 9110 section 15.2: a client must
 * accept it) or, where the platform's parser refuses it, a `NetworkError` that is not a connection failure (a
 * replay would meet the same response) and never a retryable one.
 */
export function registerInterimResponseCases(harness: ConformanceHarness): void {
  describe('interim responses (raw server)', () => {
    const runner = useRawCaseRunner(harness);

    test('a 103 Early Hints before a 200 is skipped: the 200 and its body are the answer', async () => {
      const { outcome } = await runner.run({
        path: '/interim-103',
        timeoutMs: DEADLINE_MS,
        respond: (socket) =>
          socket.end(
            'HTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload\r\n\r\n' +
              'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 11\r\n\r\n{"ok":true}',
          ),
      });
      expect(textOf(outcome, 200)).toBe('{"ok":true}');
    });

    test('a 102 Processing before a 201 to a POST is skipped: the POST is reported as completed', async () => {
      const { outcome } = await runner.run({
        path: '/interim-102',
        timeoutMs: DEADLINE_MS,
        request: { method: 'POST', body: '{"name":"t"}', headers: { 'content-type': 'application/json' } },
        respond: (socket) => {
          socket.write('HTTP/1.1 102 Processing\r\n\r\n');
          setTimeout(() => socket.end('HTTP/1.1 201 Created\r\nContent-Length: 9\r\n\r\n{"id":42}'), 50);
        },
      });
      expect(textOf(outcome, 201)).toBe('{"id":42}');
    });

    test('two interim responses before a 429 leave the 429 as the answer', async () => {
      const { outcome } = await runner.run({
        path: '/interim-429',
        timeoutMs: DEADLINE_MS,
        respond: (socket) =>
          socket.end(
            'HTTP/1.1 103 Early Hints\r\n\r\nHTTP/1.1 102 Processing\r\n\r\n' +
              'HTTP/1.1 429 Too Many Requests\r\nRetry-After: 1\r\nContent-Length: 4\r\n\r\nslow',
          ),
      });
      expect(textOf(outcome, 429)).toBe('slow');
    });

    test('an unsolicited 100 Continue before a 200 is accepted, or refused as a non-retryable NetworkError', async () => {
      const { outcome } = await runner.run({
        path: '/interim-100',
        timeoutMs: DEADLINE_MS,
        respond: (socket) =>
          socket.end('HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok'),
      });
      if ('error' in outcome) {
        // undici's parser refuses it (see the transport README); a replay would meet the same response.
        expect(isNetworkError(outcome.error), String(outcome.error)).toBe(true);
        expect((outcome.error as NetworkError).beforeResponse).toBe(false);
        expect((outcome.error as NetworkError).retryable).toBe(false);
      } else {
        expect(textOf(outcome, 200)).toBe('ok');
      }
    });
  });
}

import type { Socket } from 'node:net';
import { isMetaError, isResponseParseError } from '@meta/errors';
import { describe, expect, test } from 'vitest';
import type { ConformanceHarness } from './conformance-harness.js';
import {
  encodeBody,
  type FramingCoding,
  flipByte,
  incompressibleText,
  responseHead,
} from './framing-bodies.js';
import { failureOf, type RawOutcome, textOf, useRawCaseRunner } from './raw-case-runner.js';
import type { RawResponder } from './raw-http-server.js';

/** The per-attempt deadline of every framing case, and the slack allowed past it for settling. */
const DEADLINE_MS = 3000;
const SETTLE_SLACK_MS = 10_000;

/** What a framing case requires of the outcome. */
type Expectation =
  | { readonly kind: 'body'; readonly status: number; readonly text: string }
  | { readonly kind: 'parse-error' }
  | { readonly kind: 'typed-error' };

interface FramingCase {
  readonly title: string;
  /** True when the outcome depends on decoding the content coding exactly (see `injectedFetch`). */
  readonly decoding: boolean;
  readonly respond: RawResponder;
  readonly expected: Expectation;
}

const LARGE_TEXT = incompressibleText(300 * 1024, 7);
const CODINGS: readonly FramingCoding[] = ['gzip', 'deflate', 'br'];

/** Write the head and body, then close the connection (FIN) once the bytes are flushed. */
function sendAndClose(head: Buffer, body: Buffer): RawResponder {
  return (socket: Socket) => {
    socket.write(head);
    socket.end(body);
  };
}

function codedCases(coding: FramingCoding): FramingCase[] {
  const encoded = encodeBody(LARGE_TEXT, coding);
  const cut = encoded.subarray(0, Math.floor(encoded.length * 0.6));
  const headers = (length: number | undefined) => [
    `Content-Encoding: ${coding}`,
    'Content-Type: text/plain',
    ...(length === undefined ? [] : [`Content-Length: ${length}`]),
  ];
  return [
    {
      title: `a valid ${coding} body of ${encoded.length} bytes delimited by the connection closing decodes in full (issue 18.1)`,
      respond: sendAndClose(responseHead('200 OK', headers(undefined)), encoded),
      expected: { kind: 'body', status: 200, text: LARGE_TEXT },
      decoding: true,
    },
    {
      title: `a valid ${coding} body of ${encoded.length} bytes with Content-Length, then the server closing, decodes in full (issue 18.2)`,
      respond: sendAndClose(responseHead('200 OK', headers(encoded.length)), encoded),
      expected: { kind: 'body', status: 200, text: LARGE_TEXT },
      decoding: true,
    },
    {
      title: `a ${coding} stream cut short with a Content-Length matching the cut is a ResponseParseError, never truncated text (issue 12.4)`,
      respond: sendAndClose(responseHead('200 OK', headers(cut.length)), cut),
      expected: { kind: 'parse-error' },
      decoding: true,
    },
    {
      title: `a close-delimited ${coding} stream cut by the server's FIN is a ResponseParseError, never truncated text (issue 12.4)`,
      respond: sendAndClose(responseHead('200 OK', headers(undefined)), cut),
      expected: { kind: 'parse-error' },
      decoding: true,
    },
    {
      title: `a large ${coding} body with one corrupt byte settles typed before its deadline (issues 12.1, 12.4)`,
      respond: sendAndClose(responseHead('200 OK', headers(encoded.length)), flipByte(encoded, 0.5)),
      expected: { kind: 'typed-error' },
      decoding: false,
    },
  ];
}

const FRAMING_CASES: readonly FramingCase[] = [
  ...CODINGS.flatMap(codedCases),
  {
    title:
      'a 504 announcing gzip with a two-byte body then FIN settles typed and close() returns (issue 17.1)',
    respond: (socket) => socket.end('HTTP/1.1 504 \r\nContent-Encoding:gzip\r\n\r\nup', 'latin1'),
    expected: { kind: 'typed-error' },
    decoding: false,
  },
  {
    title:
      'six identity codings and a body shorter than its Content-Length are typed, with no uncaught error (issue 17.2)',
    respond: (socket) =>
      socket.end(
        'HTTP/1.1 200 OK\r\nContent-Encoding: identity, identity, identity, identity, identity, identity\r\n' +
          'Content-Length: 40\r\n\r\n{"short":',
        'latin1',
      ),
    expected: { kind: 'typed-error' },
    decoding: false,
  },
  {
    title:
      'Content-Encoding "gzip, identity" over a body that is not gzip is a ResponseParseError (issue 17.5)',
    respond: (socket) =>
      socket.end(
        'HTTP/1.1 200 OK\r\nContent-Encoding: gzip, identity\r\nContent-Length: 14\r\n\r\n{"plain":true}',
        'latin1',
      ),
    expected: { kind: 'parse-error' },
    decoding: true,
  },
];

function checkOutcome(outcome: RawOutcome, expected: Expectation): void {
  if (expected.kind === 'body') {
    const text = textOf(outcome, expected.status);
    // Length, then identity: a diff of a 300 KiB text would bury the failure.
    expect(text.length).toBe(expected.text.length);
    expect(text === expected.text).toBe(true);
    return;
  }
  const error = failureOf(outcome);
  if (expected.kind === 'parse-error') expect(isResponseParseError(error), String(error)).toBe(true);
  else expect(isMetaError(error), String(error)).toBe(true);
}

/**
 * Responses whose framing or content coding is broken (or valid but awkward: close-delimited, compressed and
 * large), from a raw `net` server. Every case holds the same four invariants on every transport: the typed
 * outcome, settling before the deadline, no uncaught exception or unhandled rejection, and no socket left once
 * the transport is closed.
 */
export function registerFramingCases(harness: ConformanceHarness): void {
  describe('framing and content-coding faults (raw server)', () => {
    // The runner holds the invariants: settled by the deadline plus slack, close() returns (issue 17.1: it hung),
    // no socket outlives it, and no uncaught exception or unhandled rejection.
    const runner = useRawCaseRunner(harness);

    FRAMING_CASES.forEach((framingCase, index) => {
      if (framingCase.decoding && harness.notApplicable.injectedFetch) return;
      test(
        framingCase.title,
        async () => {
          const { outcome } = await runner.run({
            path: `/framing-${index}`,
            respond: framingCase.respond,
            timeoutMs: DEADLINE_MS,
            settleSlackMs: SETTLE_SLACK_MS,
          });
          checkOutcome(outcome, framingCase.expected);
        },
        DEADLINE_MS + SETTLE_SLACK_MS + 8000,
      );
    });
  });
}

import type { Socket } from 'node:net';
import { isMetaError, isResponseParseError } from '@meta/errors';
import type { Transport } from '@meta/transport';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ConformanceHarness } from './conformance-harness.js';
import { eventually } from './conformance-harness.js';
import {
  encodeBody,
  type FramingCoding,
  flipByte,
  incompressibleText,
  responseHead,
} from './framing-bodies.js';
import { type RawHttpServer, type RawResponder, startRawHttpServer } from './raw-http-server.js';

/** The per-attempt deadline of every framing case, and the slack allowed past it for settling. */
const DEADLINE_MS = 3000;
const SETTLE_SLACK_MS = 10_000;

/** What one exchange came to: the status and decoded text, or the rejection. */
type Outcome = { status: number; text: string } | { error: unknown };

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

/** Send, read the body as text, and capture what happened, with the elapsed time. */
async function exchange(transport: Transport, url: string): Promise<{ outcome: Outcome; elapsedMs: number }> {
  const started = Date.now();
  let outcome: Outcome;
  try {
    const response = await transport.send({ method: 'GET', url, headers: {}, timeoutMs: DEADLINE_MS });
    outcome = { status: response.status, text: await response.text() };
  } catch (error) {
    outcome = { error };
  }
  return { outcome, elapsedMs: Date.now() - started };
}

function checkOutcome(outcome: Outcome, expected: Expectation): void {
  if (expected.kind === 'body') {
    expect('error' in outcome ? String(outcome.error) : undefined).toBeUndefined();
    const { status, text } = outcome as { status: number; text: string };
    expect(status).toBe(expected.status);
    expect(text.length).toBe(expected.text.length);
    expect(text === expected.text).toBe(true);
    return;
  }
  expect('error' in outcome, 'the exchange must fail, not resolve with a body').toBe(true);
  const error = (outcome as { error: unknown }).error;
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
    let raw: RawHttpServer;
    const uncaught: unknown[] = [];
    const record = (error: unknown) => void uncaught.push(error);

    beforeAll(async () => {
      raw = await startRawHttpServer();
      process.on('uncaughtException', record);
      process.on('unhandledRejection', record);
    });

    afterAll(async () => {
      process.off('uncaughtException', record);
      process.off('unhandledRejection', record);
      await raw.close();
    });

    FRAMING_CASES.forEach((framingCase, index) => {
      if (framingCase.decoding && harness.notApplicable.injectedFetch) return;
      test(
        framingCase.title,
        async () => {
          uncaught.length = 0;
          const path = `/framing-${index}`;
          raw.route(path, framingCase.respond);
          const transport = await harness.open();
          const { outcome, elapsedMs } = await exchange(transport, `${raw.origin}${path}`);
          checkOutcome(outcome, framingCase.expected);
          expect(elapsedMs).toBeLessThan(DEADLINE_MS + SETTLE_SLACK_MS);
          // close() must return (issue 17.1: it hung), then the client side of every socket must close.
          await transport.close();
          expect(await eventually(() => raw.openSockets() === 0, 5000), 'a socket outlived close()').toBe(
            true,
          );
          // Give late errors (a socket failing after the exchange settled) a turn to surface.
          await new Promise((resolve) => setTimeout(resolve, 50));
          expect(uncaught.map(String)).toEqual([]);
        },
        DEADLINE_MS + SETTLE_SLACK_MS + 8000,
      );
    });
  });
}

import type { Socket } from 'node:net';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { isMetaError } from '@meta/errors';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createClient, TRANSPORT_KINDS } from './clients.js';
import { type FaultServer, startFaultServer } from './fault-server.js';

/**
 * A seeded response fuzzer (issue 17): a few hundred mutated HTTP/1.1 responses per transport (byte flips,
 * truncations, header duplication and reordering, bare CR/LF, bad chunking, coding stacks, split writes, early
 * close) from a raw `net` server, through `REST`. Invariants for every case: the call settles before its deadline,
 * rejects with a typed @meta error or resolves with a correct body, no uncaught exception or unhandled rejection
 * ever, and no socket left once the client is closed. The seed is fixed, so a failure replays exactly.
 */

/** xorshift32: tiny, deterministic, good enough to pick mutations. */
function random(seed: number): (limit: number) => number {
  let state = seed >>> 0 || 1;
  return (limit) => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) % limit;
  };
}

const SEED = 0x5eed_1701;
const CASES_PER_TRANSPORT = 240;
const CONCURRENCY = 16;
const TIMEOUT_MS = 3000;
const TOTAL_TIMEOUT_MS = 4000;
/** Generous: a loaded CI machine can stall for seconds; a hang is what must never pass. */
const SETTLE_SLACK_MS = 15_000;
const DOCUMENT = {
  id: '0b9a4c2e',
  name: 'orders',
  columns: Array.from({ length: 40 }, (_, index) => `c${index}`),
};
const DOCUMENT_TEXT = JSON.stringify(DOCUMENT);
/**
 * A large text body (about 210 KB of pseudo-random words, more than 80 KiB once compressed) for the backpressure
 * and close-delimited paths (issues 18.1, 18.2).
 */
const LARGE_TEXT = (() => {
  const next = random(0x1a26e);
  return Array.from({ length: 30_000 }, () => next(2 ** 31).toString(36)).join(' ');
})();

type Coding = 'identity' | 'gzip' | 'deflate' | 'br' | 'gzip, br';

interface FuzzCase {
  readonly coding: Coding;
  /** The body the client must resolve with, if it resolves: the JSON document, or text. */
  readonly expected: string;
  readonly json: boolean;
  readonly head: string[];
  body: Buffer;
  /** Compressed or length-framed: any change to the body bytes must fail typed, never resolve with other data. */
  readonly bodyIsChecked: boolean;
  /** A mutation HTTP cannot detect (identity byte flip, header flip, close-delimited cut): any typed value goes. */
  undetectable: boolean;
  /**
   * Still a valid response (only headers reordered, writes split, an inert header repeated): a 200 must then
   * resolve with the whole body, never fail (issues 18.1, 18.2: valid compressed bodies that failed).
   */
  valid: boolean;
  readonly status: string;
  /** How the bytes go out: pieces written apart, and whether the server closes afterwards. */
  pieces: number;
  close: boolean;
}

function encode(coding: Coding, text: string): Buffer {
  const raw = Buffer.from(text);
  if (coding === 'gzip') return gzipSync(raw);
  if (coding === 'deflate') return deflateSync(raw);
  if (coding === 'br') return brotliCompressSync(raw);
  // Codings are listed in the order applied: gzip first, then br.
  if (coding === 'gzip, br') return brotliCompressSync(gzipSync(raw));
  return raw;
}

function chunkedBody(body: Buffer, size: number): Buffer {
  const parts: Buffer[] = [];
  for (let index = 0; index < body.length; index += size) {
    const piece = body.subarray(index, index + size);
    parts.push(Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from('0\r\n\r\n'));
  return Buffer.concat(parts);
}

/** A valid response to start from: a coding, a framing (length, chunked, close) and a status. */
function baseCase(pick: (limit: number) => number): FuzzCase {
  const coding = (['identity', 'gzip', 'deflate', 'br', 'gzip, br'] as const)[pick(5)]!;
  const framing = (['length', 'chunked', 'close'] as const)[pick(3)]!;
  const status = ['200 OK', '200 OK', '200 OK', '404 Not Found', '503 Service Unavailable'][pick(5)]!;
  // Text bodies show truncation as a shorter string (a cut JSON document fails to parse anyway).
  const kind = (['json', 'json', 'text', 'large'] as const)[pick(4)]!;
  const expected = kind === 'json' ? DOCUMENT_TEXT : kind === 'text' ? DOCUMENT_TEXT.repeat(3) : LARGE_TEXT;
  const encoded = encode(coding, expected);
  const type = kind === 'json' ? 'application/json' : 'text/plain; charset=utf-8';
  const head = [`HTTP/1.1 ${status}`, `Content-Type: ${type}`, 'X-Request-Id: fuzz', 'Connection: close'];
  if (coding !== 'identity') head.push(`Content-Encoding: ${coding}`);
  if (framing === 'length') head.push(`Content-Length: ${encoded.length}`);
  if (framing === 'chunked') head.push('Transfer-Encoding: chunked');
  const body = framing === 'chunked' ? chunkedBody(encoded, 1 + pick(64)) : encoded;
  return {
    coding,
    expected,
    json: kind === 'json',
    head,
    body,
    bodyIsChecked: coding !== 'identity' || framing !== 'close',
    undetectable: false,
    valid: true,
    status,
    pieces: 1,
    close: true,
  };
}

const MUTATIONS: ReadonlyArray<(fuzz: FuzzCase, pick: (limit: number) => number) => void> = [
  function flipBodyByte(fuzz, pick) {
    if (fuzz.body.length === 0) return;
    fuzz.body = Buffer.from(fuzz.body);
    const index = pick(fuzz.body.length);
    fuzz.body[index] = fuzz.body[index]! ^ (1 + pick(255));
    if (!fuzz.bodyIsChecked || fuzz.head.some((line) => !/^Content-Encoding/i.test(line)))
      fuzz.undetectable = true;
  },
  function truncateBody(fuzz, pick) {
    fuzz.body = fuzz.body.subarray(0, pick(fuzz.body.length + 1));
    if (!fuzz.bodyIsChecked) fuzz.undetectable = true;
  },
  function duplicateHeader(fuzz, pick) {
    const line = fuzz.head[1 + pick(fuzz.head.length - 1)]!;
    fuzz.head.push(line);
    if (!line.startsWith('X-Request-Id')) fuzz.valid = false;
  },
  function reorderHeaders(fuzz, pick) {
    const rest = fuzz.head.slice(1);
    for (let index = rest.length - 1; index > 0; index--) {
      const other = pick(index + 1);
      [rest[index], rest[other]] = [rest[other]!, rest[index]!];
    }
    fuzz.head.splice(1, rest.length, ...rest);
  },
  function bareLineBreak(fuzz, pick) {
    const index = 1 + pick(fuzz.head.length - 1);
    const line = fuzz.head[index]!;
    const at = pick(line.length + 1);
    fuzz.head[index] = `${line.slice(0, at)}${pick(2) === 0 ? '\r' : '\n'}${line.slice(at)}`;
    fuzz.undetectable = true;
  },
  function flipHeaderByte(fuzz, pick) {
    const index = pick(fuzz.head.length);
    const line = fuzz.head[index]!;
    const at = pick(line.length);
    fuzz.head[index] = `${line.slice(0, at)}${String.fromCharCode(32 + pick(95))}${line.slice(at + 1)}`;
    fuzz.undetectable = true;
  },
  function badChunking(fuzz, pick) {
    fuzz.head.push('Transfer-Encoding: chunked');
    fuzz.body = Buffer.concat([
      Buffer.from(`${['zz', '-1', 'ffffffffffffff', '5;x\n'][pick(4)]}\r\n`),
      fuzz.body,
    ]);
  },
  function stackCodings(fuzz, pick) {
    fuzz.head.push(
      `Content-Encoding: ${['identity', 'gzip', 'br, deflate', 'compress', 'gzip, gzip, gzip, gzip, gzip, gzip'][pick(5)]}`,
    );
  },
  function splitWrites(fuzz, pick) {
    fuzz.pieces = 2 + pick(12);
  },
  function keepOpen(fuzz) {
    fuzz.close = false;
  },
];

/** Mutations that leave a valid response valid (duplicateHeader decides for itself). */
const VALIDITY_PRESERVING: ReadonlySet<string> = new Set([
  'reorderHeaders',
  'splitWrites',
  'duplicateHeader',
]);

function serialise(fuzz: FuzzCase): Buffer {
  return Buffer.concat([Buffer.from(`${fuzz.head.join('\r\n')}\r\n\r\n`, 'latin1'), fuzz.body]);
}

/** Write `bytes` in `pieces` parts a few milliseconds apart, then close (or not). */
function writeCase(socket: Socket, bytes: Buffer, fuzz: FuzzCase): void {
  const size = Math.ceil(bytes.length / fuzz.pieces);
  let offset = 0;
  const next = () => {
    if (socket.destroyed) return;
    const piece = bytes.subarray(offset, offset + size);
    offset += size;
    if (offset >= bytes.length) {
      if (fuzz.close) socket.end(piece);
      else socket.write(piece);
    } else socket.write(piece, () => setTimeout(next, 2));
  };
  next();
}

describe.each(TRANSPORT_KINDS)('response fuzzing on the %s transport', (kind) => {
  let server: FaultServer;
  const uncaught: unknown[] = [];
  const record = (error: unknown) => void uncaught.push(error);
  const cases = new Map<string, FuzzCase>();

  beforeAll(async () => {
    server = await startFaultServer();
    server.fault = (request, socket) => {
      // REST prefixes the API version (`/v1`): the case is named by the path's tail.
      const fuzz = cases.get(request.path.slice(request.path.indexOf('/fuzz/')));
      if (fuzz === undefined) socket.destroy();
      else writeCase(socket, serialise(fuzz), fuzz);
    };
    process.on('uncaughtException', record);
    process.on('unhandledRejection', record);
  });

  afterAll(async () => {
    process.off('uncaughtException', record);
    process.off('unhandledRejection', record);
    await server.close();
  });

  test(`${CASES_PER_TRANSPORT} seeded mutated responses: typed or correct, in time, no crash, no socket left`, async () => {
    const pick = random(SEED);
    const rest = createClient(kind, {
      baseUrl: server.origin,
      retry: 0,
      timeoutMs: TIMEOUT_MS,
      totalTimeoutMs: TOTAL_TIMEOUT_MS,
      logger: {},
    });
    const problems: string[] = [];
    // Every case is built up front, in index order from one generator: the run is the same whatever the timing.
    const built = Array.from({ length: CASES_PER_TRANSPORT }, () => {
      const fuzz = baseCase(pick);
      const applied: string[] = [];
      for (let count = 1 + pick(3); count > 0; count--) {
        const mutation = MUTATIONS[pick(MUTATIONS.length)]!;
        mutation(fuzz, pick);
        if (!VALIDITY_PRESERVING.has(mutation.name)) fuzz.valid = false;
        applied.push(mutation.name);
      }
      return { fuzz, applied };
    });
    const runCase = async (index: number) => {
      const { fuzz, applied } = built[index]!;
      const path = `/fuzz/${index}`;
      cases.set(path, fuzz);
      const started = Date.now();
      const outcome = await rest.get(path).then(
        (value: unknown) => ({ value }),
        (error: unknown) => ({ error }),
      );
      const elapsed = Date.now() - started;
      const label = `case ${index} [${applied.join(', ')}]`;
      if (elapsed > TOTAL_TIMEOUT_MS + SETTLE_SLACK_MS)
        problems.push(`${label}: settled after ${elapsed} ms`);
      if ('error' in outcome) {
        if (!isMetaError(outcome.error)) problems.push(`${label}: untyped ${String(outcome.error)}`);
        else if (fuzz.valid && fuzz.status === '200 OK') {
          problems.push(`${label}: a valid 200 failed with ${String(outcome.error).slice(0, 120)}`);
        }
      } else if (
        !fuzz.undetectable &&
        (fuzz.json ? JSON.stringify(outcome.value) : outcome.value) !== fuzz.expected
      ) {
        problems.push(`${label}: resolved with a wrong body ${JSON.stringify(outcome.value).slice(0, 80)}`);
      }
    };
    // A pool of workers, so a case that waits for its deadline holds up no other.
    let next = 0;
    const worker = async () => {
      while (next < CASES_PER_TRANSPORT) await runCase(next++);
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    await rest.close();
    const socketsClosed = await Promise.race([
      server.socketsClosed().then(() => true),
      new Promise<boolean>((resolve) => setTimeout(resolve, 5000, false)),
    ]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(problems).toEqual([]);
    expect(uncaught.map(String)).toEqual([]);
    expect(socketsClosed, 'a socket outlived close()').toBe(true);
  }, 180_000);
});

import type { Socket } from 'node:net';
import {
  isMetaError,
  isNetworkError,
  isResponseParseError,
  isResponseTooLargeError,
  isTimeoutError,
} from '@meta/errors';
import { createFetchTransport, type Transport } from '@meta/transport';
import { createUndiciTransport } from '@meta/transport/undici';
import { type RawReplyServer, startRawReplyServer } from '../src/raw-http-server.js';
import { type Expected, type Reader, type ResponseCase, render } from './http-response-generator.js';
import { undici, undiciMajor } from './undici-module.js';

/** The per-attempt deadline of every fuzzed exchange: loopback answers take milliseconds, hangs end here. */
export const FUZZ_TIMEOUT_MS = 1000;
/** How long past its deadline a call may take to settle before it counts as a hang (a busy 2-core machine). */
const SETTLE_SLACK_MS = 5000;

const NODE_MAJOR = Number(process.versions.node.split('.')[0]);

/** `NetworkError` codes the README's error tables document for a response from a plain HTTP/1.1 server. */
const DOCUMENTED_NETWORK_CODES = new Set([
  'ECONNRESET',
  'HPE_INVALID_RESPONSE',
  'HPE_INVALID_TRANSFER_ENCODING',
  'HPE_INVALID_CHUNK_SIZE',
  'HPE_INVALID_EOF_STATE',
  'ERR_BAD_RESPONSE',
  'UND_ERR_HEADERS_OVERFLOW',
]);

export type Outcome =
  | { readonly ok: true; readonly status: number; readonly value: string; readonly elapsedMs: number }
  | {
      readonly ok: false;
      readonly stage: 'send' | 'read';
      readonly error: unknown;
      readonly elapsedMs: number;
    };

/** What a read gives, as one comparable string (hex for bytes, the text, or the parsed JSON re-serialised). */
export function normalise(reader: Reader, bytes: Uint8Array): string {
  if (reader === 'bytes') return Buffer.from(bytes).toString('hex');
  const text = new TextDecoder().decode(bytes);
  return reader === 'text' ? text : JSON.stringify(JSON.parse(text));
}

/** Serve `bytes[0..deliver)` in fragments with small delays, then end as the case says. */
function startServer(c: ResponseCase, bytes: Buffer, deliver: number): Promise<RawReplyServer> {
  const cuts = [...new Set(c.fragments.map((x) => Math.floor(x * deliver)))].filter(
    (x) => x > 0 && x < deliver,
  );
  cuts.sort((a, b) => a - b);
  const write = async (socket: Socket) => {
    let start = 0;
    let index = 0;
    for (const end of [...cuts, deliver]) {
      if (socket.destroyed) return;
      socket.write(bytes.subarray(start, end));
      start = end;
      const delay = c.delaysMs[index++ % c.delaysMs.length] ?? 0;
      if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    }
    if (socket.destroyed) return;
    if (c.ending === 'end') socket.end();
    else if (c.ending === 'reset') socket.resetAndDestroy();
  };
  return startRawReplyServer((socket) => void write(socket), { firstRequestOnly: true });
}

async function exchange(transport: Transport, url: string, c: ResponseCase): Promise<Outcome> {
  const started = Date.now();
  let stage: 'send' | 'read' = 'send';
  try {
    const response = await transport.send({
      method: c.method,
      url,
      headers: {},
      timeoutMs: FUZZ_TIMEOUT_MS,
      ...(c.maxResponseBytes === undefined ? {} : { maxResponseBytes: c.maxResponseBytes }),
    });
    stage = 'read';
    let value: string;
    if (c.reader === 'bytes') value = normalise('bytes', await response.bytes());
    else if (c.reader === 'text') value = await response.text();
    else value = JSON.stringify(await response.json());
    return { ok: true, status: response.status, value, elapsedMs: Date.now() - started };
  } catch (error) {
    return { ok: false, stage, error, elapsedMs: Date.now() - started };
  }
}

export type TransportName = 'fetch' | 'undici';

export function createTransport(name: TransportName): Transport {
  return name === 'fetch' ? createFetchTransport() : createUndiciTransport({ undici });
}

/** Run one case on one transport against a fresh server (a fresh origin: no pooled connection is shared). */
export async function runOn(name: TransportName, c: ResponseCase): Promise<Outcome> {
  const { bytes, deliver } = render(c);
  const server = await startServer(c, bytes, deliver);
  const transport = createTransport(name);
  try {
    return await exchange(transport, `${server.origin}/fuzz`, c);
  } finally {
    await transport.close();
    await server.close();
    // The client sees the server's close a moment later: an error it throws then belongs to this case.
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** One comparable line: `200 <value>`, or `send|read Class code[/phase]`. */
export function signature(outcome: Outcome): string {
  if (outcome.ok) return `${outcome.status} ${outcome.value}`;
  const error = outcome.error as { name?: string; code?: string; phase?: string };
  const phase = isTimeoutError(outcome.error) ? `/${error.phase}` : '';
  return `${outcome.stage} ${error?.name} ${error?.code}${phase}`;
}

/** Invariant 2: a documented, typed error with a stable code (never a raw TypeError or undici error). */
export function undocumentedFailure(outcome: Outcome): string | undefined {
  if (outcome.ok) return undefined;
  const { error } = outcome;
  if (!isMetaError(error)) return `not a @meta/errors error: ${String(error)}`;
  if (isNetworkError(error)) {
    return DOCUMENTED_NETWORK_CODES.has(error.code)
      ? undefined
      : `undocumented NetworkError code ${error.code}: ${error.message}`;
  }
  if (isTimeoutError(error) || isResponseParseError(error) || isResponseTooLargeError(error))
    return undefined;
  return `unexpected error class ${error.name}: ${error.message}`;
}

/** Invariants 1 and 5: the oracle's verdict on one outcome (`undefined` when it holds). */
export function oracleViolation(c: ResponseCase, expected: Expected, outcome: Outcome): string | undefined {
  if (expected.kind === 'any') return undefined;
  if (expected.kind === 'failure') {
    return outcome.ok
      ? `succeeded (${outcome.status}, ${outcome.value.slice(0, 80)}) where ${expected.why}`
      : undefined;
  }
  if (!outcome.ok) return `failed (${signature(outcome)}) on a valid response: ${String(outcome.error)}`;
  const value = normalise(c.reader, expected.bytes);
  if (outcome.status !== expected.status) return `status ${outcome.status}, expected ${expected.status}`;
  if (outcome.value !== value)
    return `body ${outcome.value.slice(0, 80)} is not the declared ${value.slice(0, 80)}`;
  return undefined;
}

/** Invariant 3: settled by the deadline plus slack. */
export function hung(outcome: Outcome): string | undefined {
  return outcome.elapsedMs > FUZZ_TIMEOUT_MS + SETTLE_SLACK_MS
    ? `settled after ${outcome.elapsedMs} ms`
    : undefined;
}

/** Whether the response says the connection ends with it (undici's `shouldKeepAlive` is false). */
function closesConnection(c: ResponseCase): boolean {
  return c.connection === 'close' || (c.version === 'HTTP/1.0' && c.connection !== 'keep-alive');
}

/**
 * Differences the transport README documents (its "Node 20's fetch only" list). Where one
 * applies, only the fetch side is excused: the undici transport is still held to the oracle.
 */
export function documentedDifference(c: ResponseCase): string | undefined {
  if (undiciMajor === 8 && c.framing.kind === 'length' && c.framing.variant === 'trailing-space') {
    return "undici 8's llhttp refuses whitespace after a Content-Length value";
  }
  if (NODE_MAJOR !== 20 || c.method === 'HEAD' || c.status === 204 || c.status === 304) return undefined;
  const { cutInBody } = render(c);
  if (c.framing.kind === 'chunked') {
    if (c.framing.extension === 'valued-then-more') {
      return "Node 20's llhttp refuses a chunk extension after one with a value";
    }
  }
  if (c.framing.kind === 'chunked' && c.framing.withLength) {
    return "Node 20's fetch parser refuses Content-Length with Transfer-Encoding only at the head's end";
  }
  if (c.framing.kind === 'length' && cutInBody && c.ending === 'reset' && closesConnection(c)) {
    return "Node 20's fetch reports a Content-Length body without keep-alive cut by a reset as ECONNRESET";
  }
  return undefined;
}

/**
 * Node 20's fetch throws an uncaught `AssertionError` from its socket's `end` listener (bundled undici 6.24,
 * `assert((this.headers.length & 1) === 0)`) when the connection of a chunked response without keep-alive ends
 * inside a trailer field: a body cut there, or a whole one whose server closes (here: when the case ends) before
 * the trailer's last packet was parsed, as after a 204 that needs no read. No transport can catch it, so the
 * fuzzer sends no such case to the fetch transport there (documented in the transport README; the undici
 * transport is still checked).
 */
export function crashesNode20Fetch(c: ResponseCase): boolean {
  if (NODE_MAJOR !== 20 || c.framing.kind !== 'chunked' || !c.framing.trailer) return false;
  return closesConnection(c);
}

export interface CaseReport {
  readonly fetch: Outcome;
  readonly undici: Outcome;
  readonly problems: readonly string[];
}

/** Run a case on both transports (concurrently, each on its own server) and list every invariant it breaks. */
export async function checkCase(c: ResponseCase): Promise<CaseReport> {
  const { expected } = render(c);
  const documented = documentedDifference(c) ?? (crashesNode20Fetch(c) ? 'Node 20 fetch crash' : undefined);
  const skipFetch = crashesNode20Fetch(c);
  const [fetchOutcome, undiciOutcome] = await Promise.all([
    skipFetch ? runOn('undici', c) : runOn('fetch', c),
    runOn('undici', c),
  ]);
  const problems: string[] = [];
  for (const [name, outcome] of [
    ['fetch', fetchOutcome],
    ['undici', undiciOutcome],
  ] as const) {
    const oracle = name === 'fetch' && documented ? undefined : oracleViolation(c, expected, outcome);
    for (const problem of [undocumentedFailure(outcome), oracle, hung(outcome)]) {
      if (problem) problems.push(`${name}: ${problem}`);
    }
  }
  const a = signature(fetchOutcome);
  const b = signature(undiciOutcome);
  if (a !== b && !documented) problems.push(`disagree: fetch ${a.slice(0, 160)} | undici ${b.slice(0, 160)}`);
  return { fetch: fetchOutcome, undici: undiciOutcome, problems };
}

import { type AddressInfo, createServer, type Socket } from 'node:net';
import { isNetworkError } from '@meta/errors';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  checkCase,
  createTransport,
  type Outcome,
  runOn,
  signature,
  type TransportName,
} from './differential-fuzz-harness.js';
import { type ResponseCase, responseCaseArb } from './http-response-generator.js';

// One seed, so the gate is deterministic; `FUZZ_SEED=<n>` explores others.
fc.configureGlobal({ seed: Number(process.env.FUZZ_SEED ?? 1) });

// A differential fuzzer of the fetch and undici transports (SPEC 2, 3.8): generated HTTP/1.1 response byte
// streams (interim responses, status lines, Content-Length variants, chunked framing with extensions, trailers and
// bad sizes, transfer and content codings valid or corrupt, bodies cut short then closed, reset or left hanging,
// delivered in random fragments with small delays) go to both transports through their public API, and every
// case must keep five invariants: no silent truncation (a success has exactly the bytes the framing declares),
// only documented typed errors, every call settles, both transports agree (or the README documents why not), and
// `maxResponseBytes` holds. See differential-fuzz-harness.ts for the checks and http-response-generator.ts for
// the generator and its oracle.

const NODE_MAJOR = Number(process.versions.node.split('.')[0]);
/** About 25 s on Node 20 on a busy 2-core machine; Node 24 runs a smaller sample. */
const NUM_RUNS = NODE_MAJOR === 20 ? 500 : 150;

const uncaught: unknown[] = [];
const record = (error: unknown) => void uncaught.push(error);
beforeAll(() => {
  process.on('uncaughtException', record);
  process.on('unhandledRejection', record);
});
afterAll(() => {
  process.off('uncaughtException', record);
  process.off('unhandledRejection', record);
});

test('property: both transports keep the five invariants on generated HTTP/1.1 responses', async () => {
  await fc.assert(
    fc.asyncProperty(responseCaseArb, async (c) => {
      const report = await checkCase(c);
      expect(report.problems).toEqual([]);
      // An uncaught error during the exchange (a platform listener throwing) belongs to this case.
      expect(uncaught.splice(0).map(String)).toEqual([]);
    }),
    { numRuns: NUM_RUNS },
  );
  // Give late errors (a socket failing after its exchange settled) a turn to surface.
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(uncaught.map(String)).toEqual([]);
}, 180_000);

/** A plain response: 200, `hello world`, Content-Length, written at once and closed. */
const BASE: ResponseCase = {
  interim: [],
  version: 'HTTP/1.1',
  status: 200,
  reason: 'OK',
  contentType: 'text',
  connection: 'none',
  body: 'hello world, this is a body',
  coding: 'none',
  corruption: 'none',
  flipAt: 0,
  framing: { kind: 'length', delta: 0, variant: 'plain' },
  cutAt: 1,
  ending: 'end',
  fragments: [0.5],
  delaysMs: [5, 5, 5, 5, 5, 5],
  maxResponseBytes: undefined,
  reader: 'text',
  method: 'GET',
};

function chunked(overrides: Partial<Extract<ResponseCase['framing'], { kind: 'chunked' }>> = {}) {
  return {
    kind: 'chunked',
    cuts: [0.5],
    extension: 'none',
    trailer: false,
    badSize: 'none',
    transferCoding: 'none',
    withLength: false,
    ...overrides,
  } as const;
}

function expectFailure(outcome: Outcome, code: string): void {
  expect(outcome.ok, signature(outcome)).toBe(false);
  const { error } = outcome as { error: unknown };
  expect(isNetworkError(error), String(error)).toBe(true);
  expect((error as { code: string }).code).toBe(code);
}

// Counterexamples the fuzzer found, pinned by name.
describe('differential fuzz counterexamples', () => {
  test('a HEAD response naming a transfer coding no transport decodes resolves empty on both transports', async () => {
    // Found with seed 2: fetch's wire read `Transfer-Encoding: br, chunked` on a HEAD response (which has no body)
    // and failed send() with HPE_INVALID_TRANSFER_ENCODING; the undici transport resolves it, as for 204 and 304.
    const c: ResponseCase = {
      ...BASE,
      method: 'HEAD',
      status: 201,
      body: 'x',
      framing: chunked({ transferCoding: 'br' }),
      ending: 'hang',
    };
    const report = await checkCase(c);
    expect(report.problems).toEqual([]);
    expect(signature(report.fetch)).toBe('201 ');
  });

  test('a chunked body without keep-alive cut short by a close or reset fails on both transports', async () => {
    // Seed 1: Node 20's fetch handed over the part as the whole body. Its bundled undici (6.24) completes a response
    // without keep-alive (`Connection: close`, HTTP/1.0) when the socket ends or resets, without asking llhttp
    // whether the chunked body got its last chunk (Node 22+ asks). The wire now refuses such a completion.
    for (const c of [
      { ...BASE, connection: 'close', framing: chunked(), cutAt: 0.9 },
      { ...BASE, connection: 'close', framing: chunked(), cutAt: 0.9, ending: 'reset' },
      { ...BASE, version: 'HTTP/1.0', framing: chunked({ trailer: true }), cutAt: 0.8 },
    ] satisfies ResponseCase[]) {
      expectFailure(await runOn('undici', c), 'HPE_INVALID_RESPONSE');
      expectFailure(await runOn('fetch', c), 'HPE_INVALID_RESPONSE');
    }
    // The whole body still reads, ended by the server's close as well as by the last chunk.
    const whole: ResponseCase = { ...BASE, connection: 'close', framing: chunked({ trailer: true }) };
    expect(signature(await runOn('fetch', whole))).toBe(`200 ${BASE.body}`);
    expect(signature(await runOn('fetch', { ...whole, ending: 'hang' }))).toBe(`200 ${BASE.body}`);
  });

  test('a whole chunked body without keep-alive still reads on fetch whatever Error.stackTraceLimit the process set', async () => {
    // The Node 20 check reads the call stack; a limit cutting it short must never turn a good body into a failure.
    const whole: ResponseCase = { ...BASE, connection: 'close', framing: chunked({ trailer: true }) };
    const limit = Error.stackTraceLimit;
    try {
      for (const depth of [0, 1, 2, 3, 4, 5, 6, 7, 8]) {
        Error.stackTraceLimit = depth;
        expect(signature(await runOn('fetch', whole)), `stackTraceLimit ${depth}`).toBe(`200 ${BASE.body}`);
      }
    } finally {
      Error.stackTraceLimit = limit;
    }
  });

  test('a 205 is complete at its head on both transports: bytes sent with it are never read or waited for', async () => {
    // Seed 2, once the README's 205 exemption was dropped: the undici transport read a 205's body by its framing
    // (handing the bytes over, failing a cut one, waiting for the close of one without a length, refusing a
    // transfer coding), where Node's fetch completes a 205 at its head. Both now hand over an empty 205.
    const reset = { ...BASE, status: 205, reason: 'Reset Content' } satisfies ResponseCase;
    for (const c of [
      reset,
      { ...reset, framing: { kind: 'length', delta: 1, variant: 'plain' } },
      { ...reset, connection: 'keep-alive', framing: { kind: 'close' }, ending: 'hang' },
      { ...reset, connection: 'close', framing: chunked({ transferCoding: 'br' }) },
    ] satisfies ResponseCase[]) {
      expect(signature(await runOn('undici', c)), JSON.stringify(c.framing)).toBe('205 ');
      expect(signature(await runOn('fetch', c)), JSON.stringify(c.framing)).toBe('205 ');
    }
  });

  test('a chunk extension after one with a value is read as RFC 9112 allows on the undici transport', async () => {
    // Seed 1: `5;name=value;flag` is refused by Node 20's fetch parser (documented), read by undici and Node 22+.
    const c: ResponseCase = { ...BASE, framing: chunked({ extension: 'valued-then-more' }) };
    expect(signature(await runOn('undici', c))).toBe(`200 ${BASE.body}`);
    if (NODE_MAJOR >= 22) expect(signature(await runOn('fetch', c))).toBe(`200 ${BASE.body}`);
  });

  test('a close-delimited body ended by a reset is handed over whole on both transports (undici rule, documented)', async () => {
    // Seed 1: RFC 9112 8 would call it incomplete; undici takes a reset after a response without keep-alive as its
    // end (a macOS peer resets after a whole body). Both transports agree, and a Content-Length body is checked.
    const c: ResponseCase = { ...BASE, framing: { kind: 'close' }, ending: 'reset' };
    const report = await checkCase(c);
    expect(report.problems).toEqual([]);
    expect(signature(report.undici)).toBe(`200 ${BASE.body}`);
    expectFailure(await runOn('undici', { ...c, framing: BASE.framing, cutAt: 0.9 }), 'ECONNRESET');
  });

  test.each([
    [421, 'GET'],
    [421, 'POST'],
    [407, 'GET'],
  ] as const)(
    'a %i to a %s is one exchange handed over as a response on both transports',
    async (status, method) => {
      // Seed 6: the Fetch standard has fetch act on these itself. On a 421 Node's fetch sent the request again (a
      // POST with its body too: transports never retry), on a 407 it failed with ERR_NETWORK. The wire shows fetch
      // another status and the transport reports the server's.
      for (const name of ['fetch', 'undici'] satisfies TransportName[]) {
        const { origin, requests, close } = await countingServer(
          `HTTP/1.1 ${status} Odd\r\nContent-Length: 2\r\nConnection: keep-alive\r\n\r\nhi`,
        );
        const transport = createTransport(name);
        try {
          const response = await transport.send({
            method,
            url: `${origin}/once`,
            headers: {},
            ...(method === 'POST' ? { body: 'x=1' } : {}),
            timeoutMs: 5000,
          });
          expect([name, response.status, response.statusText, await response.text()]).toEqual([
            name,
            status,
            'Odd',
            'hi',
          ]);
          expect([name, requests()]).toEqual([name, 1]);
        } finally {
          await transport.close();
          await close();
        }
      }
    },
  );
});

/** A server answering every request head on every connection with `response`, counting the requests. */
async function countingServer(response: string) {
  let count = 0;
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    let pending = '';
    socket.on('data', (chunk: Buffer) => {
      pending += chunk.toString('latin1');
      for (let end = pending.indexOf('\r\n\r\n'); end !== -1; end = pending.indexOf('\r\n\r\n')) {
        const head = pending.slice(0, end);
        const length = Number(/content-length: *(\d+)/i.exec(head)?.[1] ?? 0);
        if (pending.length < end + 4 + length) return;
        pending = pending.slice(end + 4 + length);
        count++;
        socket.write(response, 'latin1');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests: () => count,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}

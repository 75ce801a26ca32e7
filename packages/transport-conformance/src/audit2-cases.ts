import { isClientClosedError, isNetworkError } from '@meta/errors';
import type { Transport, TransportResponse } from '@meta/transport';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ConformanceHarness } from './conformance-harness.js';
import { eventually } from './conformance-harness.js';
import { type KeepAliveRawServer, startKeepAliveRawServer } from './keep-alive-raw-server.js';
import { FAULTS, routeFaults } from './sequence-faults.js';

async function readWhole(send: () => Promise<TransportResponse>): Promise<unknown> {
  try {
    const response = await send();
    return { status: response.status, text: await response.text() };
  } catch (error) {
    return error;
  }
}

async function abortMidBody(send: () => Promise<TransportResponse>, controller: AbortController) {
  try {
    const response = await send();
    const reading = response.text();
    controller.abort(new Error('caller gave up'));
    return await reading;
  } catch (error) {
    return error;
  }
}

/**
 * Round 2 of the audit (session 7): failure classes in SEQUENCE on one transport. After each one the next request
 * to the same origin must succeed on a fresh or clean connection (no kept-alive socket reused with leftover bytes
 * read as the next response); many mixed requests leave no more sockets than were ever in use at once; `close()`
 * lets exchanges in flight finish.
 */
export function registerAudit2Cases(harness: ConformanceHarness): void {
  describe('failure classes in sequence', () => {
    let server: KeepAliveRawServer;
    let transport: Transport;
    beforeAll(async () => {
      server = await startKeepAliveRawServer();
      routeFaults(server);
      transport = await harness.open();
    });
    afterAll(async () => {
      await transport.close();
      await server.close();
    });

    const followUp = async () => {
      const response = await harness.send({ url: `${server.origin}/ok`, timeoutMs: 5000 }, transport);
      return { status: response.status, text: await response.text() };
    };

    FAULTS.forEach((fault, index) => {
      test(`after ${fault.name}, the next request to the origin reads its own response`, async () => {
        await followUp(); // a kept-alive connection exists before the fault
        const controller = new AbortController();
        const send = () =>
          harness.send(
            { url: `${server.origin}/fault-${index}`, ...fault.request, signal: controller.signal },
            transport,
          );
        const outcome = await readWhole(send);
        expect(fault.expected(outcome), `${fault.name}: ${String(outcome)} ${JSON.stringify(outcome)}`).toBe(
          true,
        );
        expect(await followUp()).toEqual({ status: 200, text: 'ok' });
        expect(await followUp()).toEqual({ status: 200, text: 'ok' });
      });
    });

    test('after a caller abort mid-body, the next request to the origin reads its own response', async () => {
      server.route('/abort-mid-body', (socket) => {
        socket.write('HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc');
        return undefined;
      });
      const controller = new AbortController();
      const send = () =>
        harness.send({ url: `${server.origin}/abort-mid-body`, signal: controller.signal }, transport);
      const outcome = await abortMidBody(send, controller);
      expect((outcome as Error).message).toBe('caller gave up');
      expect(await followUp()).toEqual({ status: 200, text: 'ok' });
    });

    test('500 mixed successes and failures leave no more open sockets than were used at once', async () => {
      const concurrency = 8;
      const kinds = ['/ok', '/ok', '/fault-1', '/ok', '/fault-3', '/fault-5', '/fault-7', '/fault-8'];
      let next = 0;
      const worker = async () => {
        while (next < 500) {
          const path = kinds[next++ % kinds.length]!;
          await readWhole(() =>
            harness.send(
              { url: `${server.origin}${path}`, timeoutMs: 5000, maxResponseBytes: 100 },
              transport,
            ),
          );
        }
      };
      await Promise.all(Array.from({ length: concurrency }, worker));
      // Failed exchanges destroy their sockets (the server sees the close a moment later); the kept-alive ones
      // that remain are at most one per concurrent worker.
      expect(await eventually(() => server.openSockets() <= concurrency)).toBe(true);
      // A transport that leaked the socket of each failure would reach about 250 here.
      expect(server.peakSockets()).toBeLessThanOrEqual(3 * concurrency);
      expect(await followUp()).toEqual({ status: 200, text: 'ok' });
    });

    test('close() with exchanges in flight settles each of them, then refuses new ones', async () => {
      const closing = await harness.open();
      const inFlight = Array.from({ length: 3 }, () =>
        harness
          .send({ url: `${server.origin}/slow`, timeoutMs: 5000 }, closing)
          .then((response) => response.text())
          .catch((error: unknown) => error),
      );
      await eventually(() => server.seen.filter((request) => request.path === '/slow').length >= 3);
      const closed = closing.close();
      const refused = await harness
        .send({ url: `${server.origin}/ok` }, closing)
        .catch((error: unknown) => error);
      expect(isClientClosedError(refused), String(refused)).toBe(true);
      // The contract lets a transport finish them (undici's graceful close) or fail them; never leave one hanging
      // or failing with something other than a typed error.
      for (const outcome of await Promise.all(inFlight)) {
        const typed = outcome === 'ok' || isNetworkError(outcome) || isClientClosedError(outcome);
        expect(typed, String(outcome)).toBe(true);
      }
      await closed;
      await expect(closing.close()).resolves.toBeUndefined();
    });
  });
}

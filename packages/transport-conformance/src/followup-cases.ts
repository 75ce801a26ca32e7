import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isResponseParseError, type ResponseParseError } from '@meta/errors';
import type { TransportResponse } from '@meta/transport';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ConformanceHarness } from './conformance-harness.js';

/** Six codings: one more than a transport accepts. */
const TOO_MANY_CODINGS = 'gzip, gzip, gzip, gzip, gzip, gzip';

/**
 * Answers `/coded?status=N&coding=C` with status N, the reason phrase `Coded Reason`, `Content-Encoding: C`,
 * `Retry-After: 1`, a `Location` and a short body that is not in that coding (nobody may decode it anyway).
 */
async function startCodedServer(): Promise<{ server: Server; origin: string }> {
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const status = Number(url.searchParams.get('status') ?? '200');
    const bodyless = request.method === 'HEAD' || status === 204 || status === 304;
    response.writeHead(status, 'Coded Reason', {
      'content-encoding': url.searchParams.get('coding') ?? 'zstdx',
      'content-type': 'application/json',
      'retry-after': '1',
      location: '/elsewhere',
      // A HEAD or 304 may declare the representation's length (RFC 9110 8.6); it still has no body.
      ...(bodyless
        ? { 'content-length': url.searchParams.get('declared') ?? '0' }
        : { 'content-length': '21' }),
    });
    response.end(bodyless ? undefined : '{"error":"not coded"}');
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

function settle<T>(promise: Promise<T>): Promise<T | { readonly rejected: unknown }> {
  return promise.catch((rejected: unknown) => ({ rejected }));
}

/** The rejection of a read that must fail with the coding error, carrying the status. */
async function expectCodingFailure(read: Promise<unknown>, status: number): Promise<void> {
  const outcome = await settle(read);
  const error = (outcome as { rejected?: unknown }).rejected;
  expect(isResponseParseError(error), `expected a ResponseParseError, got ${String(error)}`).toBe(true);
  expect((error as ResponseParseError).statusCode).toBe(status);
}

/**
 * A content coding the transports refuse (unknown, or more than five) fails what it must and no more (SPEC 3.8
 * v2): outside 2xx the status wins, so the response resolves with its status, reason phrase and headers (a
 * 503's `Retry-After` stays visible to the retry policy) and only a read of its body rejects with the
 * `ResponseParseError`; a 2xx with a body still rejects `send()`; a HEAD, 204 or 304 has no body to decode.
 */
export function registerFollowupCases(harness: ConformanceHarness): void {
  describe('what the status decides: refused codings outside 2xx, responses without a body', () => {
    let coded: Awaited<ReturnType<typeof startCodedServer>>;
    const send = (status: number, coding = 'zstdx', method = 'GET', query = '') =>
      harness.send({
        method,
        url: `${coded.origin}/coded?status=${status}&coding=${encodeURIComponent(coding)}${query}`,
        timeoutMs: 5000,
        maxResponseBytes: 1024,
      });

    beforeAll(async () => {
      coded = await startCodedServer();
    });

    afterAll(async () => {
      coded.server.closeAllConnections();
      await new Promise((resolve) => coded.server.close(resolve));
    });

    test('a 503 with an unknown coding resolves with status, reason phrase and headers; its body read fails', async () => {
      const response = await send(503);
      expect(response.status).toBe(503);
      expect(response.statusText).toBe('Coded Reason');
      expect(response.headers.get('retry-after')).toBe('1');
      expect(response.headers.get('content-encoding')).toBe('zstdx');
      await expectCodingFailure(response.text(), 503);
      // Read once, as every body: a second read is the usual TypeError.
      await expect(response.bytes()).rejects.toThrow(TypeError);
    });

    if (!harness.notApplicable.injectedFetch) {
      // An injected fetch (undici's) refuses more than five codings itself, before any status is handed over.
      test('a 500 with more than five codings resolves; its body read fails with the coding error', async () => {
        const response = await send(500, TOO_MANY_CODINGS);
        expect(response.status).toBe(500);
        expect(response.headers.get('retry-after')).toBe('1');
        await expectCodingFailure(response.json(), 500);
      });
    }

    test('a bounded read of a 502 with an unknown coding fails with the coding error; cancel() resolves', async () => {
      const response = await send(502);
      expect(response.status).toBe(502);
      const read: Promise<unknown> = response.textPrefix
        ? response.textPrefix(1024)
        : response.bytes().then((bytes) => bytes);
      await expectCodingFailure(read, 502);
      await response.cancel();
    });

    test('a 302 with an unknown coding resolves with its Location', async () => {
      const response = await send(302);
      expect(response.status).toBe(302);
      expect(response.headers.get('location')).toBe('/elsewhere');
      await response.cancel();
    });

    test('a 200 with an unknown coding still rejects send() with a ResponseParseError', async () => {
      await expectCodingFailure(send(200), 200);
      // An injected fetch (undici's) refuses more than five codings itself, before any status is handed over.
      if (!harness.notApplicable.injectedFetch) await expectCodingFailure(send(200, TOO_MANY_CODINGS), 200);
    });

    test('a 204, a 304 and a HEAD response have no body to decode: their codings are not an error', async () => {
      const answers: Array<[number, string, string]> = [
        [204, 'zstdx', 'GET'],
        [304, 'zstdx', 'GET'],
        [200, 'zstdx', 'HEAD'],
      ];
      if (!harness.notApplicable.injectedFetch) answers.push([204, TOO_MANY_CODINGS, 'GET']);
      for (const [status, coding, method] of answers) {
        const response: TransportResponse = await send(status, coding, method);
        expect(response.status, `${method} ${status} ${coding}`).toBe(status);
        expect(await response.text(), `${method} ${status} ${coding}`).toBe('');
      }
    });

    test('a HEAD or a 304 declaring a Content-Length above maxResponseBytes has no body: it reads as empty', async () => {
      for (const [status, method] of [
        [200, 'HEAD'],
        [304, 'GET'],
      ] as const) {
        const response = await send(status, 'identity', method, '&declared=1048576');
        expect(response.status, `${method} ${status}`).toBe(status);
        expect(response.headers.get('content-length')).toBe('1048576');
        expect(await response.text(), `${method} ${status}`).toBe('');
      }
    });
  });
}

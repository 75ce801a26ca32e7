import { gzipSync } from 'node:zlib';
import {
  type APIError,
  isAPIError,
  isClientClosedError,
  isResponseParseError,
  isTimeoutError,
  type ResponseParseError,
  RetryException,
  type TimeoutError,
} from '@meta/errors';
import { describe, expect, test } from 'vitest';
import { createFakeTime } from '../helpers/fake-time.js';
import { createClient, rejectionOf, TRANSPORT_KINDS } from './clients.js';
import { refusedPort, respond, respondJson, responseHead, streamForever } from './fault-server.js';
import { useFaultSuite } from './fault-suite.js';

const suite = useFaultSuite('forced');
const { clientFor } = suite;

const HTML_PAGE = '<!DOCTYPE html><html><head><title>OpenMetadata</title></head><body></body></html>';

describe.each(TRANSPORT_KINDS)('%s transport', (kind) => {
  test('with the defaults, a GET to a closed port fails after under 3 s of backoff (fail fast)', async () => {
    const port = await refusedPort();
    const time = createFakeTime();
    const rest = createClient(kind, {
      baseUrl: `http://127.0.0.1:${port}/api`,
      clock: time.clock,
      sleep: time.sleep,
      random: () => 1,
      logger: {},
    });
    suite.track(rest);
    const error = await rejectionOf(rest.get('/tables'));
    expect(error).toMatchObject({ name: 'NetworkError', code: 'ECONNREFUSED' });
    expect(time.sleeps).toEqual([250, 500, 1000]);
    expect(time.sleeps.reduce((sum, delay) => sum + delay, 0)).toBeLessThan(3000);
  });

  test('the retry warning of a network failure names the failure once, without repeating itself', async () => {
    const port = await refusedPort();
    const warnings: string[] = [];
    const { rest } = clientFor(kind, {
      baseUrl: `http://127.0.0.1:${port}/api`,
      retry: 1,
      logger: { warn: (line: string) => warnings.push(line) },
    });
    await rejectionOf(rest.get('/tables'));
    expect(warnings).toHaveLength(1);
    const url = `http://127.0.0.1:${port}/api/v1/tables`;
    expect(warnings[0]).toContain(`GET ${url} attempt 1 of 2 failed (ECONNREFUSED); retrying in`);
    expect(warnings[0]!.split(url)).toHaveLength(2);
  });

  test('an HTML 200 is a ResponseParseError ERR_HTML_RESPONSE naming the redacted URL and the likely causes', async () => {
    suite.server.fault = (_request, socket) =>
      respond(socket, 200, { 'content-type': 'text/html' }, HTML_PAGE);
    const { rest } = clientFor(kind);
    const error = (await rejectionOf(rest.get('/tables', { token: 'sekrit-value' }))) as ResponseParseError;
    expect(isResponseParseError(error)).toBe(true);
    expect(error.code).toBe('ERR_HTML_RESPONSE');
    expect(error.statusCode).toBe(200);
    expect(error.message).toContain(`${suite.server.origin}/api/v1/tables`);
    expect(error.message).toContain('/api');
    expect(error.message).toContain('login page');
    expect(error.message).not.toContain('sekrit-value');
  });

  test('an HTML page under a JSON label is still ERR_HTML_RESPONSE; rawData: true returns it as text', async () => {
    suite.server.fault = (_request, socket) =>
      respond(socket, 200, { 'content-type': 'application/json' }, HTML_PAGE);
    const { rest } = clientFor(kind);
    expect(await rejectionOf(rest.get('/tables'))).toMatchObject({ code: 'ERR_HTML_RESPONSE' });
    const raw = await rest.get('/tables', undefined, { rawData: true });
    expect(raw.data).toBe(HTML_PAGE);
  });

  test('a 500 declaring a 48 MiB body is not downloaded: APIError 500 at once, a few MiB sent at most', async () => {
    suite.server.fault = (_request, socket) => {
      socket.write(responseHead(500, { 'content-type': 'text/plain', 'content-length': 48 * 1024 * 1024 }));
      streamForever(socket, Buffer.alloc(64 * 1024, 'x'), suite.server, false);
    };
    const { rest } = clientFor(kind, { retry: 0 });
    const error = (await rejectionOf(rest.get('/huge-error'))) as APIError;
    expect(isAPIError(error)).toBe(true);
    expect(error.statusCode).toBe(500);
    await suite.server.socketsClosed();
    expect(suite.server.bytesWritten).toBeLessThan(16 * 1024 * 1024);
  });

  test('five concurrent calls rejected with one revoked token cost one provider call, all then succeed', async () => {
    let providerCalls = 0;
    suite.server.fault = (request, socket) => {
      const fresh = request.headers.authorization === 'Bearer fresh-token-0001';
      respondJson(socket, fresh ? 200 : 401, fresh ? { ok: true } : { code: 401 });
    };
    const { rest } = clientFor(kind, {
      accessToken: 'revoked-token-0001',
      authToken: async () => {
        providerCalls++;
        await new Promise((resolve) => setTimeout(resolve, 20));
        return ['fresh-token-0001', 3600];
      },
    });
    const results = await Promise.all(Array.from({ length: 5 }, (_, index) => rest.get(`/tables/${index}`)));
    expect(results).toEqual(Array.from({ length: 5 }, () => ({ ok: true })));
    expect(providerCalls).toBe(1);
  });

  test('a 401 for a token that was already replaced is replayed with the current token, without a refresh', async () => {
    let providerCalls = 0;
    let holdFirst: (() => void) | undefined;
    suite.server.fault = (request, socket) => {
      const token = request.headers.authorization;
      if (token === 'Bearer token-2') return respondJson(socket, 200, { ok: token });
      // The first request's 401 is held back until a second call has refreshed the token.
      if (holdFirst === undefined) holdFirst = () => respondJson(socket, 401, { code: 401 });
      else respondJson(socket, 401, { code: 401 });
    };
    const { rest } = clientFor(kind, {
      authToken: () => {
        providerCalls++;
        return [`token-${providerCalls}`, 3600];
      },
    });
    const first = rest.get('/a');
    while (holdFirst === undefined) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(await rest.get('/b')).toEqual({ ok: 'Bearer token-2' });
    holdFirst();
    expect(await first).toEqual({ ok: 'Bearer token-2' });
    expect(providerCalls).toBe(2);
  });

  test('a hook asking for a 7-day retry is not slept beyond maxRetryAfterMs: APIError at once with retryAfterMs', async () => {
    const sevenDaysMs = 7 * 24 * 3600 * 1000;
    const afterResponse = () => {
      throw new RetryException({ retryAfterMs: sevenDaysMs });
    };
    const { rest, sleeps } = clientFor(kind, { maxRetryAfterMs: 1000, hooks: { afterResponse } });
    const error = (await rejectionOf(rest.get('/x'))) as APIError;
    expect(isAPIError(error)).toBe(true);
    expect(error.retryAfterMs).toBe(sevenDaysMs);
    expect(sleeps).toEqual([]);
    expect(suite.server.requests).toHaveLength(1);
  });

  test("aborting while a 500's body arrives rejects with the signal's reason, not APIError", async () => {
    const controller = new AbortController();
    const reason = new Error('caller gave up');
    suite.server.fault = (_request, socket) => {
      socket.write(responseHead(500, { 'content-type': 'application/json', 'content-length': 1000 }));
      socket.write('{"code": 500, "message": "');
      setTimeout(() => controller.abort(reason), 100);
    };
    const { rest } = clientFor(kind);
    expect(await rejectionOf(rest.get('/x', undefined, { signal: controller.signal }))).toBe(reason);
    expect(suite.server.requests).toHaveLength(1);
  });

  test('totalTimeoutMs running out while the body streams is a TimeoutError in phase "total"', async () => {
    suite.server.fault = (_request, socket) => {
      socket.write(responseHead(200, { 'content-type': 'application/json', 'content-length': 1000 }));
      socket.write('{"partial": "');
    };
    const rest = createClient(kind, {
      baseUrl: `${suite.server.origin}/api`,
      timeoutMs: 10_000,
      totalTimeoutMs: 300,
      logger: {},
    });
    suite.track(rest);
    const error = (await rejectionOf(rest.get('/x'))) as TimeoutError;
    expect(isTimeoutError(error)).toBe(true);
    expect(error.phase).toBe('total');
    expect(error.timeoutMs).toBe(300);
  });

  test('a logger whose debug and warn throw changes no outcome: the 503 is retried and the 200 returned', async () => {
    let calls = 0;
    suite.server.fault = (_request, socket) => {
      calls++;
      respondJson(socket, calls === 1 ? 503 : 200, calls === 1 ? { code: 503 } : { ok: true });
    };
    const explode = () => {
      throw new Error('log sink is down');
    };
    const { rest } = clientFor(kind, { logger: { debug: explode, warn: explode } });
    expect(await rest.get('/x')).toEqual({ ok: true });
    expect(suite.server.requests).toHaveLength(2);
  });

  test('an afterResponse hook that reads the body gets it, and the call still resolves with the data', async () => {
    suite.server.fault = (_request, socket) => respondJson(socket, 200, { id: 'table-1' });
    const seen: unknown[] = [];
    const afterResponse = async (response: { json(): Promise<unknown> }) => {
      seen.push(await response.json());
    };
    const { rest } = clientFor(kind, { hooks: { afterResponse } });
    expect(await rest.get('/x')).toEqual({ id: 'table-1' });
    expect(seen).toEqual([{ id: 'table-1' }]);
  });

  test('a 503 whose gzip body is corrupt is still APIError 503 (decoding failure as cause) and is retried', async () => {
    const corrupt = gzipSync(Buffer.from('{"code": 503}'));
    corrupt[corrupt.length - 5]! ^= 0xff;
    suite.server.fault = (_request, socket) => {
      socket.write(responseHead(503, { 'content-encoding': 'gzip', 'content-length': corrupt.length }));
      socket.write(corrupt);
    };
    const { rest, sleeps } = clientFor(kind);
    const error = (await rejectionOf(rest.get('/x'))) as APIError;
    expect(isAPIError(error)).toBe(true);
    expect(error.statusCode).toBe(503);
    expect(error.cause).toBeDefined();
    expect(suite.server.requests).toHaveLength(3);
    expect(sleeps).toEqual([1000, 2000]);
  });

  test('a 404 with an unknown content coding is APIError 404, never a ResponseParseError', async () => {
    suite.server.fault = (_request, socket) =>
      respond(socket, 404, { 'content-encoding': 'x-custom' }, 'gone');
    const { rest } = clientFor(kind);
    const error = (await rejectionOf(rest.get('/x'))) as APIError;
    expect(isAPIError(error)).toBe(true);
    expect(error.statusCode).toBe(404);
  });

  test('close({ force: true }) aborts an exchange on the wire: the call rejects with ClientClosedError', async () => {
    suite.server.fault = () => {};
    // No retry and a long deadline: only the forced close can end this call.
    const { rest } = clientFor(kind, { retry: 0, timeoutMs: 60_000 });
    const call = rejectionOf(rest.get('/hang'));
    while (suite.server.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    await rest.close({ force: true });
    expect(isClientClosedError(await call)).toBe(true);
    await suite.server.socketsClosed();
  });

  test('a graceful close() followed by a forced one is upgraded: both resolve once the exchange is aborted', async () => {
    suite.server.fault = () => {};
    // No retry and a long deadline: only the forced close can end this call.
    const { rest } = clientFor(kind, { retry: 0, timeoutMs: 60_000 });
    const controller = new AbortController();
    const call = rejectionOf(rest.get('/hang', undefined, { signal: controller.signal }));
    while (suite.server.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    let gracefulDone = false;
    const graceful = rest.close().then(() => {
      gracefulDone = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(gracefulDone).toBe(false);
    await rest.close({ force: true });
    await graceful;
    expect(isClientClosedError(await call)).toBe(true);
    await suite.server.socketsClosed();
  });
});

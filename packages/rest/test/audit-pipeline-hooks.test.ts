import { isRetryException, RetryException } from '@meta/errors';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createClient, rejectionOf, TRANSPORT_KINDS } from './hardening/clients.js';
import { type LoopbackServer, sendJson, startLoopbackServer } from './helpers/loopback-server.js';

// Session 6 audit (SPEC 1, 3.6): a hook throwing RetryException asks for a retry, whichever hook throws it.

let server: LoopbackServer;
beforeAll(async () => {
  server = await startLoopbackServer();
  server.route = (_request, response) => sendJson(response, 200, { ok: true });
});
afterAll(() => server.close());

describe.each(TRANSPORT_KINDS)('%s transport', (kind) => {
  test('a beforeRequest hook throwing RetryException retries the attempt after its retryAfterMs', async () => {
    const sleeps: number[] = [];
    const sent = server.requests.length;
    const rest = createClient(kind, {
      baseUrl: `${server.origin}/api`,
      sleep: async (ms) => void sleeps.push(ms),
      logger: {},
      hooks: {
        beforeRequest: (_request, context) => {
          if (context.attempt === 1) throw new RetryException({ retryAfterMs: 40 });
        },
      },
    });
    await expect(rest.get('/tables')).resolves.toEqual({ ok: true });
    expect(sleeps).toEqual([40]);
    expect(server.requests.length - sent).toBe(1);
    await rest.close();
  });

  test('a beforeRequest RetryException on every attempt ends with that RetryException, nothing sent', async () => {
    const sent = server.requests.length;
    const rest = createClient(kind, {
      baseUrl: `${server.origin}/api`,
      retry: 2,
      sleep: async () => {},
      logger: {},
      hooks: {
        beforeRequest: (_request, context) => {
          throw new RetryException({ attempt: context.attempt });
        },
      },
    });
    const error = await rejectionOf(rest.get('/tables'));
    expect(isRetryException(error) && error.attempt).toBe(3);
    expect(server.requests.length - sent).toBe(0);
    await rest.close();
  });

  test('a beforeRequest RetryException asking for more than maxRetryAfterMs fails at once', async () => {
    const sleeps: number[] = [];
    const rest = createClient(kind, {
      baseUrl: `${server.origin}/api`,
      maxRetryAfterMs: 1000,
      sleep: async (ms) => void sleeps.push(ms),
      logger: {},
      hooks: {
        beforeRequest: () => {
          throw new RetryException({ retryAfterMs: 60_000 });
        },
      },
    });
    const error = await rejectionOf(rest.get('/tables'));
    expect(isRetryException(error) && error.retryAfterMs).toBe(60_000);
    expect(sleeps).toEqual([]);
    await rest.close();
  });

  test('a beforeRetry hook throwing RetryException lets the planned retry go ahead', async () => {
    let calls = 0;
    server.route = (_request, response) => {
      calls++;
      sendJson(response, calls === 1 ? 503 : 200, { calls });
    };
    const rest = createClient(kind, {
      baseUrl: `${server.origin}/api`,
      sleep: async () => {},
      logger: {},
      hooks: {
        beforeRetry: () => {
          throw new RetryException();
        },
      },
    });
    await expect(rest.get('/tables')).resolves.toEqual({ calls: 2 });
    await rest.close();
    server.route = (_request, response) => sendJson(response, 200, { ok: true });
  });

  test('a beforeRetry hook throwing anything else fails the call with what it threw', async () => {
    server.route = (_request, response) => sendJson(response, 503, {});
    const thrown = new TypeError('hook broke');
    const rest = createClient(kind, {
      baseUrl: `${server.origin}/api`,
      sleep: async () => {},
      logger: {},
      hooks: {
        beforeRetry: () => {
          throw thrown;
        },
      },
    });
    expect(await rejectionOf(rest.get('/tables'))).toBe(thrown);
    await rest.close();
    server.route = (_request, response) => sendJson(response, 200, { ok: true });
  });
});

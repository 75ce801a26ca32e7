import { type APIError, isAPIError, isResponseParseError, type ResponseParseError } from '@meta/errors';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createClient, rejectionOf, TRANSPORT_KINDS } from './hardening/clients.js';
import { type LoopbackServer, startLoopbackServer } from './helpers/loopback-server.js';

// Session 6 follow-up (SPEC 3.6, 3.8 v2): a non-2xx whose content coding the transports refuse (unknown, or more
// than five) is still an APIError with its status, reason phrase and headers, the decoding failure as cause, and
// a retry code is retried with the server's Retry-After, on real loopback sockets.

let server: LoopbackServer;
beforeAll(async () => {
  server = await startLoopbackServer();
});
afterAll(() => server.close());

const CODED_BODY = '{"message":"overloaded"}';

/** Answers with `status` and a refused `coding` for the first `codedAnswers` requests, then 200 with JSON. */
function answerCoded(status: number, coding: string, retryAfter: string, codedAnswers = Infinity): void {
  let answered = 0;
  server.route = (_request, response) => {
    if (answered++ >= codedAnswers) {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{"id":"t1"}');
      return;
    }
    response.writeHead(status, 'Coded Reason', {
      'content-type': 'application/json',
      'content-encoding': coding,
      'retry-after': retryAfter,
    });
    response.end(CODED_BODY);
  };
}

function apiErrorOf(error: unknown): APIError {
  if (!isAPIError(error)) throw new Error(`expected an APIError, got ${String(error)}`);
  return error;
}

describe.each(TRANSPORT_KINDS)('%s transport', (kind) => {
  test('a 503 with an unknown coding is retried after its Retry-After, then the call succeeds', async () => {
    answerCoded(503, 'zstdx', '1', 1);
    const sleeps: number[] = [];
    const rest = createClient(kind, {
      baseUrl: `${server.origin}/api`,
      retry: 2,
      sleep: async (ms: number) => void sleeps.push(ms),
      logger: { warn() {} },
    });
    const before = server.requests.length;
    await expect(rest.get('/tables')).resolves.toEqual({ id: 't1' });
    // Retry-After: 1 is 1000 ms, never the 30 s x attempt of retryWait.
    expect(sleeps).toEqual([1000]);
    expect(server.requests.length - before).toBe(2);
    await rest.close();
  });

  for (const [label, coding] of [
    ['an unknown coding', 'zstdx'],
    ['more than five codings', 'gzip, gzip, gzip, gzip, gzip, gzip'],
  ] as const) {
    test(`a 503 with ${label} on every attempt is an APIError with status, headers and the coding error as cause`, async () => {
      answerCoded(503, coding, '1');
      const sleeps: number[] = [];
      const rest = createClient(kind, {
        baseUrl: `${server.origin}/api`,
        retry: 1,
        sleep: async (ms: number) => void sleeps.push(ms),
        logger: { warn() {} },
      });
      const error = apiErrorOf(await rejectionOf(rest.get('/tables')));
      expect(error.statusCode).toBe(503);
      expect(error.message).toContain('503 Coded Reason');
      expect(error.response?.headers['retry-after']).toBe('1');
      expect(error.response?.headers['content-encoding']).toBe(coding);
      expect(sleeps).toEqual([1000]);
      // The body is absent (it could not be decoded), and why is the cause.
      expect(error.response?.body).toBeUndefined();
      expect(isResponseParseError(error.cause), String(error.cause)).toBe(true);
      expect((error.cause as ResponseParseError).statusCode).toBe(503);
      await rest.close();
    });
  }

  test('a Retry-After above maxRetryAfterMs on a coded 503 fails at once, exposing the requested delay', async () => {
    answerCoded(503, 'zstdx', '600');
    const sleeps: number[] = [];
    const rest = createClient(kind, {
      baseUrl: `${server.origin}/api`,
      retry: 3,
      sleep: async (ms: number) => void sleeps.push(ms),
      logger: { warn() {} },
    });
    const before = server.requests.length;
    const error = apiErrorOf(await rejectionOf(rest.get('/tables')));
    expect(error.statusCode).toBe(503);
    expect(error.retryAfterMs).toBe(600_000);
    expect(sleeps).toEqual([]);
    expect(server.requests.length - before).toBe(1);
    await rest.close();
  });

  test('a 404 with an unknown coding is an APIError with its reason phrase and headers', async () => {
    answerCoded(404, 'zstdx', '1');
    const rest = createClient(kind, { baseUrl: `${server.origin}/api`, retry: 2, logger: { warn() {} } });
    const error = apiErrorOf(await rejectionOf(rest.get('/tables')));
    expect(error.statusCode).toBe(404);
    expect(error.message).toContain('404 Coded Reason');
    expect(error.response?.headers['content-type']).toBe('application/json');
    expect(isResponseParseError(error.cause)).toBe(true);
    await rest.close();
  });

  test('a 200 with an unknown coding is still a ResponseParseError', async () => {
    answerCoded(200, 'zstdx', '1');
    const rest = createClient(kind, { baseUrl: `${server.origin}/api`, retry: 2, logger: { warn() {} } });
    const error = await rejectionOf(rest.get('/tables'));
    expect(isResponseParseError(error), String(error)).toBe(true);
    expect((error as ResponseParseError).statusCode).toBe(200);
    await rest.close();
  });
});

import { inspect } from 'node:util';
import { isAPIError, isNetworkError } from '@meta/errors';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { createFakeTime } from '../helpers/fake-time.js';
import { createCapturingLogger, createClient, rejectionOf, TRANSPORT_KINDS } from './clients.js';
import { type FaultServer, refusedPort, respondJson, startFaultServer } from './fault-server.js';

let server: FaultServer;

beforeAll(async () => {
  server = await startFaultServer();
});

afterEach(() => server.reset());

afterAll(async () => {
  await server.close();
});

/** Every string an error exposes: message, stack, own fields, causes, inspection and JSON, recursively. */
function everythingIn(error: unknown): string {
  const parts: string[] = [];
  const seen = new Set<unknown>();
  const visit = (value: unknown, depth: number): void => {
    if (depth > 6 || typeof value !== 'object' || value === null || seen.has(value)) return;
    seen.add(value);
    if (value instanceof Error) parts.push(value.message, String(value.stack));
    parts.push(inspect(value, { depth: 8, showHidden: true, getters: true }));
    try {
      parts.push(JSON.stringify(value));
    } catch {
      // A cause may not be serialisable; inspection already covers it.
    }
    for (const key of Reflect.ownKeys(value)) {
      const field = (value as Record<PropertyKey, unknown>)[key];
      if (typeof field === 'string') parts.push(field);
      else visit(field, depth + 1);
    }
  };
  visit(error, 0);
  return parts.join('\n');
}

function tokenProvider() {
  const issued: string[] = [];
  return {
    issued,
    // Expiry 0: every attempt refreshes, so several tokens travel during one call.
    provider: () => {
      const token = `leak-check-token-${issued.length + 1}-${'x'.repeat(12)}`;
      issued.push(token);
      return [token, 0] as const;
    },
  };
}

describe.each(TRANSPORT_KINDS)('%s transport', (kind) => {
  test('a run with redirects, a forced refresh, retries and a server that echoes credentials leaks no token', async () => {
    const { issued, provider } = tokenProvider();
    server.fault = (request, socket) => {
      const echo = { authorization: request.headers.authorization, copy: request.headers['x-token-copy'] };
      if (request.path.includes('/start')) {
        respondJson(socket, 307, { echo }, { location: '/api/v1/next?access_token=query-secret-value' });
      } else if (server.requests.length === 2) {
        respondJson(socket, 401, { code: 401, message: `bad token ${echo.authorization}` });
      } else {
        const message = `unavailable for ${echo.authorization} / ${echo.copy}`;
        respondJson(
          socket,
          503,
          { code: 503, message, echo },
          { 'retry-after': '0', 'set-cookie': `s=${echo.copy}` },
        );
      }
    };
    const time = createFakeTime();
    const { lines, logger } = createCapturingLogger();
    const rest = createClient(kind, {
      baseUrl: `${server.origin}/api`,
      authToken: provider,
      allowRedirects: true,
      retry: 2,
      retryCodes: [503],
      extraHeaders: { 'X-Token-Copy': 'copy=%(Authorization)s' },
      clock: time.clock,
      sleep: time.sleep,
      logger,
    });
    let error: unknown;
    try {
      error = await rejectionOf(rest.post('/start?token=path-secret-value', { a: 1 }));
    } finally {
      await rest.close();
    }
    expect(isAPIError(error)).toBe(true);
    expect(issued.length).toBeGreaterThanOrEqual(3);
    expect(lines.some((line) => line.startsWith('warn:'))).toBe(true);
    expect(lines.some((line) => line.startsWith('debug:'))).toBe(true);
    const exposed = `${everythingIn(error)}\n${lines.join('\n')}`;
    for (const token of issued) expect(exposed).not.toContain(token);
    expect(exposed).not.toContain('query-secret-value');
    expect(exposed).not.toContain('path-secret-value');
    // The server really did receive and echo the tokens, so the check above is not vacuous.
    expect(server.requests.at(-1)!.headers.authorization).toBe(`Bearer ${issued.at(-1)}`);
  });

  test('a network failure after a cross-origin redirect leaks no token or secret query value', async () => {
    const { issued, provider } = tokenProvider();
    const port = await refusedPort();
    server.fault = (_request, socket) =>
      respondJson(socket, 302, {}, { location: `http://127.0.0.1:${port}/x?api_key=redirect-secret-value` });
    const { lines, logger } = createCapturingLogger();
    const time = createFakeTime();
    const rest = createClient(kind, {
      baseUrl: `${server.origin}/api`,
      authToken: provider,
      allowRedirects: true,
      retry: 1,
      clock: time.clock,
      sleep: time.sleep,
      logger,
    });
    let error: unknown;
    try {
      error = await rejectionOf(rest.get('/x', { password: 'query-password-value' }));
    } finally {
      await rest.close();
    }
    expect(isNetworkError(error)).toBe(true);
    const exposed = `${everythingIn(error)}\n${lines.join('\n')}`;
    for (const token of issued) expect(exposed).not.toContain(token);
    for (const secret of ['redirect-secret-value', 'query-password-value'])
      expect(exposed).not.toContain(secret);
  });
});

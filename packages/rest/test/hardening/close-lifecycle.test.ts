import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import type { Socket } from 'node:net';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { createClient, TRANSPORT_KINDS } from './clients.js';
import { type FaultServer, respondJson, startFaultServer } from './fault-server.js';

let server: FaultServer;
/** `/slow` is answered only when released, so "on the wire" never depends on timing. */
const heldSlow: Socket[] = [];

function releaseSlow(): void {
  for (const socket of heldSlow.splice(0)) respondJson(socket, 200, { slow: 'done' });
}

beforeAll(async () => {
  server = await startFaultServer();
  server.fault = (request, socket) => {
    if (request.path.endsWith('/slow')) heldSlow.push(socket);
    else if (request.path.endsWith('/release')) {
      releaseSlow();
      respondJson(socket, 200, {}, { connection: 'close' });
      socket.end();
    } else if (request.path.endsWith('/unavailable')) {
      respondJson(socket, 503, { code: 503 }, { 'retry-after': '100' });
    } else if (request.path.endsWith('/unauthorized')) {
      respondJson(socket, 401, { code: 401 });
    } else {
      respondJson(socket, 200, {});
    }
  };
});

afterAll(async () => {
  await server.close();
});

// A forced close leaves its `/slow` exchange unanswered on the server: drop it, so the next test counts from zero.
afterEach(() => {
  for (const socket of heldSlow.splice(0)) socket.destroy();
});

/** Resolve once `condition()` holds, checking on every macrotask (the test timeout bounds it). */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}

const EXPECTED = {
  inFlight: 'resolved {"slow":"done"}',
  inBackoff: 'rejected ClientClosedError',
  onProvider: 'rejected ClientClosedError',
  afterClose: 'rejected ClientClosedError',
};

describe.each(TRANSPORT_KINDS)('%s transport', (kind) => {
  test('close(): the exchange on the wire finishes, backoff and provider waits reject, close waits for the wire', async () => {
    let providerCalls = 0;
    let retriesLogged = 0;
    const rest = createClient(kind, {
      baseUrl: server.origin,
      retryCodes: [503],
      logger: { warn: () => retriesLogged++ },
      authToken: () => {
        providerCalls++;
        return providerCalls === 1 ? ['token', 3600] : new Promise(() => {});
      },
    });
    const settle = (promise: Promise<unknown>) =>
      promise.then(
        (value) => `resolved ${JSON.stringify(value)}`,
        (error: Error) => `rejected ${error.name}`,
      );
    const inFlight = settle(rest.get('/slow'));
    const inBackoff = settle(rest.get('/unavailable'));
    const onProvider = settle(rest.get('/unauthorized'));
    // Close only once each call is where the test says: on the wire, in backoff, and waiting on the provider.
    await until(() => heldSlow.length === 1 && retriesLogged === 1 && providerCalls === 2);
    let closed = false;
    const closing = rest.close().then(() => {
      closed = true;
    });
    expect(await inBackoff).toBe(EXPECTED.inBackoff);
    expect(await onProvider).toBe(EXPECTED.onProvider);
    expect(closed).toBe(false);
    releaseSlow();
    expect(await inFlight).toBe(EXPECTED.inFlight);
    await closing;
    expect(await settle(rest.get('/slow'))).toBe(EXPECTED.afterClose);
    await rest.close();
  });

  test.each([
    ['close()', 'graceful', EXPECTED],
    ['close({ force: true })', 'force', { ...EXPECTED, inFlight: 'rejected ClientClosedError' }],
  ])(
    'a process that calls %s with calls in flight, in backoff and on the provider exits by itself',
    async (_name, mode, expected) => {
      const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
      const script = fileURLToPath(new URL('./close-and-exit.child.ts', import.meta.url));
      const child = spawn(process.execPath, ['--conditions=@meta/source', '--import', tsx, script], {
        env: { ...process.env, FAULT_ORIGIN: server.origin, TRANSPORT_KIND: kind, CLOSE_MODE: mode },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk;
      });
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk;
      });
      // 20 s is far beyond the child's ~1 s of work: only a leaked socket or timer keeps it alive that long.
      const exitCode = await new Promise<number | string>((resolve) => {
        const guard = setTimeout(() => {
          child.kill('SIGKILL');
          resolve('still running after 20 s');
        }, 20_000);
        child.on('exit', (code) => {
          clearTimeout(guard);
          resolve(code ?? 'killed');
        });
      });
      expect({ exitCode, stderr }).toEqual({ exitCode: 0, stderr: '' });
      expect(JSON.parse(stdout.trim().split('\n').at(-1)!)).toEqual(expected);
    },
    30_000,
  );
});

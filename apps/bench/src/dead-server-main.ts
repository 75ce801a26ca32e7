// How long a GET to a dead server takes to fail with REST's default config, in real time (SPEC 3.6 v2: under
// 3 s). The pass/fail tests prove the schedule with an injected clock; this measures it with real timers on both
// transports, so the README's "Retries" timeline is a measured figure. Run: `pnpm --filter @meta/bench run
// dead-server` (prints one line per transport and exits non-zero when a call takes 3 s or more).
import { createServer } from 'node:net';
import { REST } from '@meta/rest';
import { createFetchTransport, type Transport } from '@meta/transport';
import { createUndiciTransport } from '@meta/transport/undici';

const LIMIT_MS = 3000;

/** A loopback port that was listening a moment ago and is closed now: connections to it are refused. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

async function measure(name: string, transport: Transport | undefined): Promise<boolean> {
  const baseUrl = `http://127.0.0.1:${await closedPort()}/api`;
  const quiet = { debug() {}, info() {}, warn() {}, error() {} };
  const client = new REST({ baseUrl, logger: quiet, ...(transport ? { transport } : {}) });
  const started = performance.now();
  const outcome = await client.get('/tables').then(
    () => 'resolved (unexpected)',
    (error: unknown) => `${(error as Error).name} ${(error as { code?: string }).code ?? ''}`.trim(),
  );
  const elapsedMs = performance.now() - started;
  await client.close();
  const ok = elapsedMs < LIMIT_MS && outcome.startsWith('NetworkError');
  console.log(
    `${name.padEnd(22)} ${elapsedMs.toFixed(0).padStart(5)} ms  ${outcome}  ${ok ? 'ok' : 'MISSED'}`,
  );
  return ok;
}

const results = [
  await measure('REST (default)', undefined),
  await measure('REST over undici', createUndiciTransport()),
  await measure('REST over fetch', createFetchTransport()),
];
process.exitCode = results.every(Boolean) ? 0 : 1;

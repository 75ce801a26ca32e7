/**
 * Child-process entry of one burst client. Argv: `<client id> <endpoint JSON>` (`{ origin, ca }` of the burst
 * server). Loads the client's modules, sends `ready`, then on each message:
 * - `burst` `new-client`: builds a new client, sends `concurrency` GETs at once, waits for all, closes it;
 * - `prepare`: builds a client with `keepAliveTimeoutMs`, sends one unmeasured burst and keeps the client;
 * - `burst` `after-idle` or `warm`: sends the burst on the prepared client (its connections idled out meanwhile,
 *   or still open), closes it;
 * - `info`: the Node and undici copies this process runs.
 * Each burst answers `{ type: 'burst', timing }` (a {@link BurstTiming}).
 */
import type { BenchClient, CreateBenchClient, DriverContext } from '../drivers/bench-client.js';
import { DEFAULT_POOL } from '../drivers/bench-client.js';
import { runtimeInfo } from '../runner/runtime-info.js';
import type { TlsEndpoint } from '../server/start-server.js';
import { findWorkload } from '../workloads.js';
import { findBurstClient } from './burst-clients.js';
import type { BurstTiming, BurstVariant } from './burst-sample.js';

type Message =
  | { readonly type: 'burst'; readonly variant: BurstVariant; readonly concurrency: number }
  | { readonly type: 'prepare'; readonly concurrency: number; readonly keepAliveTimeoutMs: number }
  | { readonly type: 'info' }
  | { readonly type: 'close' };

const [clientId = '', endpointJson = '{}'] = process.argv.slice(2);
const endpoint = JSON.parse(endpointJson) as TlsEndpoint;
const small = findWorkload('small');
let create: CreateBenchClient | undefined;
let prepared: BenchClient | undefined;

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

function context(keepAliveTimeoutMs: number): DriverContext {
  return { origin: endpoint.origin, pool: { ...DEFAULT_POOL, keepAliveTimeoutMs }, tls: endpoint };
}

/** Send `concurrency` small GETs at once and wait for all; counts the ones that failed or were not the JSON. */
async function sendBurst(client: BenchClient, concurrency: number) {
  const outcome: { errors: number; firstError?: string } = { errors: 0 };
  const one = async () => {
    try {
      const body = await client.send({ method: 'GET', path: small.path });
      if (typeof body !== 'object' || body === null || !(small.expectedKey in body)) {
        throw new Error(`body was not the expected JSON: ${typeof body}`);
      }
    } catch (error) {
      outcome.errors += 1;
      outcome.firstError ??= describe(error);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, one));
  return outcome;
}

/** Time `work` on the monotonic clock and the process's CPU clock. */
async function measured(work: () => Promise<{ errors: number; firstError?: string }>): Promise<BurstTiming> {
  const cpuBefore = process.cpuUsage();
  const started = process.hrtime.bigint();
  const outcome = await work();
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  const cpu = process.cpuUsage(cpuBefore);
  return { wallMs, cpuMs: (cpu.user + cpu.system) / 1000, ...outcome };
}

async function burst(variant: BurstVariant, concurrency: number): Promise<BurstTiming> {
  if (create === undefined) throw new Error('the client module is not loaded');
  const factory = create;
  if (variant === 'new-client') {
    let client: BenchClient | undefined;
    // The window opens before the client is built: a new client's set-up is part of what a burst costs.
    const timing = await measured(async () => {
      client = await factory(context(DEFAULT_POOL.keepAliveTimeoutMs));
      return sendBurst(client, concurrency);
    });
    await client?.close();
    return timing;
  }
  const client = prepared;
  if (client === undefined) throw new Error(`${variant} burst without a prepared client`);
  prepared = undefined;
  const timing = await measured(() => sendBurst(client, concurrency));
  await client.close();
  return timing;
}

async function handle(message: Message): Promise<void> {
  if (message.type === 'close') {
    await prepared?.close();
    process.exit(0);
  }
  if (message.type === 'info') return void process.send?.({ type: 'info', info: runtimeInfo() });
  try {
    if (message.type === 'prepare') {
      if (create === undefined) throw new Error('the client module is not loaded');
      prepared = await create(context(message.keepAliveTimeoutMs));
      const warm = await sendBurst(prepared, message.concurrency);
      if (warm.errors > 0) throw new Error(`warm burst failed: ${warm.firstError}`);
      process.send?.({ type: 'prepared' });
      return;
    }
    process.send?.({ type: 'burst', timing: await burst(message.variant, message.concurrency) });
  } catch (error) {
    process.send?.({ type: 'error', message: `${clientId}: ${describe(error)}` });
  }
}

async function main(): Promise<void> {
  try {
    create = await findBurstClient(clientId).load();
  } catch (error) {
    process.send?.({
      type: 'error',
      message: `burst client ${clientId} failed to start: ${describe(error)}`,
    });
    process.exit(1);
  }
  process.on('disconnect', () => process.exit(0));
  process.on('message', (message: Message) => void handle(message));
  process.send?.({ type: 'ready' });
}

void main();

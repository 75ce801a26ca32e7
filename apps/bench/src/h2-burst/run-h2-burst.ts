/**
 * `pnpm bench --h2-burst`: HTTP/2 vs HTTP/1.1 where multiplexing saves something on loopback, a burst of
 * concurrent GETs from a client with no open connection (new, or idled out). Report in results/h2-burst.md.
 */
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { CliOptions } from '../cli-options.js';
import { DEFAULT_POOL } from '../drivers/bench-client.js';
import { machineLine } from '../report/machine-info.js';
import { RESULTS_DIRECTORY, writeReport } from '../report/report-files.js';
import { ChildLink } from '../runner/child-link.js';
import { instanceKey, type NodeRuntime } from '../runner/node-runtime.js';
import type { RuntimeInfo } from '../runner/runtime-info.js';
import type { TlsEndpoint } from '../server/start-server.js';
import { BURST_CLIENTS } from './burst-clients.js';
import { burstReport } from './burst-report.js';
import {
  BURST_VARIANTS,
  type BurstSample,
  type BurstTiming,
  type BurstVariant,
  countsBetween,
  roundOrder,
  type ServerCounts,
} from './burst-sample.js';
import { summarizeBursts } from './burst-summary.js';

/** SPEC 7's h2 cell: 32 concurrent small GETs. */
const CONCURRENCY = 32;
/** Unmeasured new-client bursts per process first, so modules, JIT and lazy imports are warm. */
const WARMUP_BURSTS = 5;
/** The after-idle client's keep-alive: short, so a run can wait it out. */
const IDLE_KEEP_ALIVE_MS = 250;
/** The server closes connections idle this long (undici 7 never closes an idle h2 session itself). */
const SERVER_IDLE_CLOSE_MS = 300;
/** Between the warm burst and the measured one: both idle limits passed, with margin for a loaded machine. */
const IDLE_WAIT_MS = 900;

interface ClientProcess {
  readonly instance: string;
  readonly link: ChildLink;
}

async function startServerProcess(): Promise<{ link: ChildLink; endpoint: TlsEndpoint }> {
  const { link, ready } = await ChildLink.start(new URL('./burst-server-main.ts', import.meta.url), {
    args: [String(SERVER_IDLE_CLOSE_MS)],
    readyType: 'listening',
  });
  const { origin, ca } = ready as unknown as TlsEndpoint;
  return { link, endpoint: { origin, ca } };
}

async function serverCounts(server: ChildLink): Promise<ServerCounts> {
  return (await server.call<{ type: string; counts: ServerCounts }>({ type: 'counts' }, 'counts')).counts;
}

async function startClients(runtimes: readonly NodeRuntime[], endpoint: TlsEndpoint) {
  const clients: ClientProcess[] = [];
  for (const runtime of runtimes) {
    for (const kind of BURST_CLIENTS) {
      const { link } = await ChildLink.start(new URL('./burst-client-main.ts', import.meta.url), {
        args: [kind.id, JSON.stringify(endpoint)],
        readyType: 'ready',
        execPath: runtime.execPath,
      });
      clients.push({ instance: instanceKey(kind.id, runtime), link });
    }
  }
  return clients;
}

async function burst(client: ClientProcess, variant: BurstVariant): Promise<BurstTiming> {
  const reply = await client.link.call<{ type: string; timing: BurstTiming }>(
    { type: 'burst', variant, concurrency: CONCURRENCY },
    'burst',
  );
  return reply.timing;
}

function prepare(client: ClientProcess, keepAliveTimeoutMs: number) {
  return client.link.call({ type: 'prepare', concurrency: CONCURRENCY, keepAliveTimeoutMs }, 'prepared');
}

/**
 * One round of one variant: every instance bursts once, in the round's rotated order. After-idle clients are
 * prepared together and idle together; a warm client is prepared right before its burst, so its connections
 * are open (well inside the server's idle limit) when the burst starts.
 */
async function runRound(
  server: ChildLink,
  clients: readonly ClientProcess[],
  variant: BurstVariant,
  round: number,
): Promise<BurstSample[]> {
  if (variant === 'after-idle') {
    await Promise.all(clients.map((client) => prepare(client, IDLE_KEEP_ALIVE_MS)));
    await sleep(IDLE_WAIT_MS);
  }
  const samples: BurstSample[] = [];
  for (const client of roundOrder(clients, round)) {
    if (variant === 'warm') await prepare(client, DEFAULT_POOL.keepAliveTimeoutMs);
    const before = await serverCounts(server);
    const timing = await burst(client, variant);
    const seen = countsBetween(before, await serverCounts(server));
    samples.push({ ...timing, instance: client.instance, variant, round, server: seen });
  }
  return samples;
}

async function warmUp(clients: readonly ClientProcess[]): Promise<Map<string, RuntimeInfo>> {
  const runtimes = new Map<string, RuntimeInfo>();
  for (const client of clients) {
    for (let index = 0; index < WARMUP_BURSTS; index += 1) {
      const timing = await burst(client, 'new-client');
      if (timing.errors > 0) throw new Error(`${client.instance} failed its warm-up: ${timing.firstError}`);
    }
    const reply = await client.link.call<{ type: string; info: RuntimeInfo }>({ type: 'info' }, 'info');
    runtimes.set(client.instance, reply.info);
  }
  return runtimes;
}

/**
 * Run the burst comparison and write results/h2-burst.md. It never touches docs/benchmarks.md: its section there
 * is written by hand from two such runs.
 */
export async function runH2Burst(options: CliOptions, command: string): Promise<void> {
  const startedAt = new Date();
  const { link: server, endpoint } = await startServerProcess();
  let clients: ClientProcess[] = [];
  try {
    clients = await startClients(options.plan.runtimes, endpoint);
    const runtimes = await warmUp(clients);
    const samples: BurstSample[] = [];
    for (let round = 0; round < options.bursts; round += 1) {
      for (const variant of BURST_VARIANTS)
        samples.push(...(await runRound(server, clients, variant, round)));
      process.stderr.write(`. round ${round + 1}/${options.bursts}\n`);
    }
    const instances = clients.map((client) => client.instance);
    const report = burstReport({
      command,
      machine: machineLine(),
      startedAt,
      finishedAt: new Date(),
      concurrency: CONCURRENCY,
      bursts: options.bursts,
      warmupBursts: WARMUP_BURSTS,
      keepAliveTimeoutMs: IDLE_KEEP_ALIVE_MS,
      serverIdleCloseMs: SERVER_IDLE_CLOSE_MS,
      idleWaitMs: IDLE_WAIT_MS,
      runtimes,
      rows: summarizeBursts(samples, instances, BURST_VARIANTS, CONCURRENCY),
    });
    const out = options.out ?? join(RESULTS_DIRECTORY, 'h2-burst.md');
    const written = [await writeReport(out, `# HTTP/2 vs HTTP/1.1: bursts from a new client\n\n${report}`)];
    written.push(await writeReport(`${out.replace(/\.md$/, '')}.raw.json`, JSON.stringify(samples, null, 2)));
    process.stdout.write(`${report}\nWrote ${written.join(', ')}\n`);
  } finally {
    await Promise.all(clients.map((client) => client.link.close()));
    await server.close();
  }
}

// REST's own CPU per request: `@meta/rest` over `createUndiciTransport` on an in-memory undici 7 Agent (no socket,
// no server), small GET, 32 concurrent calls. It isolates what REST and the transport add per request from the
// kernel and scheduling costs the socket benchmark also measures, so a change to the hot path shows as a stable
// A/B figure (about +-5% between runs) even on a busy machine. Run: `pnpm --filter @meta/bench run overhead
// [requests] [--floor]`; prints one JSON line: the median, min and every round's CPU microseconds per request.
// `--floor` measures the bench's floor handler (status, chunks, one concat, one `JSON.parse`) on the same agent
// instead, so REST's excess over the floor in memory can be set against the gap the socket benchmark shows.
import { REST } from '@meta/rest';
import { sealRequestHeaders } from '@meta/transport/adapter';
import { createUndiciTransport } from '@meta/transport/undici';
import { memoryUndici } from './memory-agent.js';
import { createMemoryFloorGet } from './memory-floor.js';

const CONCURRENCY = 32;
const ROUNDS = 5;
const floor = process.argv.includes('--floor');
const transportOnly = process.argv.includes('--transport');
const counts = process.argv.slice(2).filter((argument) => !argument.startsWith('--'));
const requests = Number(counts[0] ?? 100_000);
if (!Number.isInteger(requests) || requests < 1000 || counts.length > 1) {
  process.stderr.write('usage: overhead [requests >= 1000] [--floor | --transport]\n');
  process.exit(1);
}

const transport = createUndiciTransport({ undici: memoryUndici as never });
const client = new REST({ baseUrl: 'http://127.0.0.1:1/api', transport, logger: { warn() {} } });
const headers = sealRequestHeaders({ 'User-Agent': '@meta/rest', Accept: 'application/json, */*;q=0.8' });
const sendAlone = async () =>
  (
    await transport.send({
      method: 'GET',
      url: 'http://127.0.0.1:1/api/v1/system/version',
      headers,
      timeoutMs: 300_000,
    })
  ).json();
const get: () => Promise<unknown> = floor
  ? createMemoryFloorGet('http://127.0.0.1:1', '/api/v1/system/version')
  : transportOnly
    ? sendAlone
    : () => client.get('/v1/system/version');

async function run(total: number): Promise<void> {
  let left = total;
  const worker = async (): Promise<void> => {
    while (left-- > 0) await get();
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
}

const first = await get();
if ((first as { version?: unknown }).version !== '1.9.4') throw new Error('unexpected response');
// Warm-up: JIT and pools settle before the first measured round.
await run(requests / 2);
const rounds: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  const start = process.cpuUsage();
  await run(requests);
  const used = process.cpuUsage(start);
  rounds.push((used.user + used.system) / requests);
}
const sorted = [...rounds].sort((a, b) => a - b);
const round2 = (value: number) => Math.round(value * 100) / 100;
process.stdout.write(
  `${JSON.stringify({ usPerRequest: round2(sorted[Math.floor(ROUNDS / 2)]!), min: round2(sorted[0]!), rounds: rounds.map(round2) })}\n`,
);
await client.close();

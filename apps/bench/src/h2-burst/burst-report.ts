/** The burst mode's Markdown: settings, one table per variant, and the REST h2 vs h1 verdict per Node. */
import type { RuntimeInfo } from '../runner/runtime-info.js';
import { AA_CLIENT, BASELINE_CLIENT, findBurstClient } from './burst-clients.js';
import { BURST_VARIANTS, type BurstVariant } from './burst-sample.js';
import { type BurstRow, baselineOf, type Spread } from './burst-summary.js';

/** Everything the report prints besides the rows. */
export interface BurstReportInput {
  readonly command: string;
  readonly machine: string;
  readonly startedAt: Date;
  readonly finishedAt: Date;
  readonly concurrency: number;
  readonly bursts: number;
  readonly warmupBursts: number;
  /** The client's `keepAliveTimeoutMs` in the after-idle variant. */
  readonly keepAliveTimeoutMs: number;
  /** How long the server lets a connection idle before it closes it. */
  readonly serverIdleCloseMs: number;
  /** How long the after-idle variant waits between the warm burst and the measured one. */
  readonly idleWaitMs: number;
  /** The runtime each instance reported after its warm-up. */
  readonly runtimes: ReadonlyMap<string, RuntimeInfo>;
  readonly rows: readonly BurstRow[];
}

const VARIANT_TITLES: Record<BurstVariant, string> = {
  'new-client': 'New client per burst (build the client, 32 GETs at once, wait for all, close)',
  'after-idle': 'Warm client after its connections idled out (one burst, idle, then the measured burst)',
  warm: 'Warm client, connections open (one burst, then the measured burst at once): the steady state',
};

function decimals(value: number): number {
  if (value >= 100) return 0;
  return value >= 10 ? 1 : 2;
}

function number(value: number): string {
  return Number.isFinite(value) ? value.toFixed(decimals(Math.abs(value))) : 'n/a';
}

/** `32` when every burst counted the same, else `32 (0-32)`: counts are whole numbers. */
export function formatCount(value: Spread): string {
  if (!Number.isFinite(value.median)) return 'n/a';
  return value.min === value.max ? String(value.min) : `${value.median} (${value.min}-${value.max})`;
}

/** `12.3 (10.1-15.0)`. */
export function formatSpread(value: Spread, suffix = ''): string {
  if (!Number.isFinite(value.median)) return 'n/a';
  return `${number(value.median)}${suffix} (${number(value.min)}-${number(value.max)})`;
}

function clientName(instance: string): string {
  const [id = instance, node] = instance.split('@');
  return node === undefined ? `\`${id}\`` : `\`${id}\` (${node})`;
}

function tableRow(row: BurstRow): string {
  const isBaseline = row.instance === baselineOf(row.instance);
  const handshakes =
    row.resumedSessions.max > 0
      ? `${formatCount(row.handshakes)}, resumed ${formatCount(row.resumedSessions)}`
      : formatCount(row.handshakes);
  return [
    clientName(row.instance),
    `${row.bursts}${row.failedBursts > 0 ? ` (${row.failedBursts} failed)` : ''}`,
    formatSpread(row.wallMs),
    number(row.burstThroughput.median),
    isBaseline ? '1 (baseline)' : formatSpread(row.throughputVsBaseline, 'x'),
    formatSpread(row.cpuMs),
    isBaseline ? '1' : formatSpread(row.cpuVsBaseline, 'x'),
    formatSpread(row.serverCpuMs),
    handshakes,
    formatCount(row.tcpConnections),
    `${row.h2Requests} / ${row.http1Requests}`,
  ].join(' | ');
}

const HEADER = [
  '| client | bursts | wall ms, median (min-max) | burst req/s | throughput x REST h1 | client CPU ms | CPU x REST h1 | server CPU ms | TLS handshakes per burst | TCP connections per burst | requests h2 / h1 |',
  '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
];

function verdictLines(rows: readonly BurstRow[]): string[] {
  const lines: string[] = [];
  for (const row of rows) {
    const [id, node] = row.instance.split('@');
    if (id !== 'rest-undici-h2') continue;
    const aa = rows.find(
      (other) =>
        other.variant === row.variant && other.instance === (node ? `${AA_CLIENT}@${node}` : AA_CLIENT),
    );
    lines.push(
      `- ${row.variant}, ${node ?? 'host Node'}: REST over h2 finishes the burst at ` +
        `**${formatSpread(row.throughputVsBaseline, 'x')}** the throughput of REST over HTTP/1.1 TLS ` +
        `(per-round ratios; A/A ${aa === undefined ? 'n/a' : formatSpread(aa.throughputVsBaseline, 'x')}), ` +
        `${formatSpread(row.cpuVsBaseline, 'x')} its client CPU; ` +
        `${row.throughputVsBaseline.median > 1 ? 'h2 ahead' : 'h2 not ahead'}.`,
    );
  }
  return lines;
}

function runtimeLines(runtimes: ReadonlyMap<string, RuntimeInfo>): string[] {
  return [...runtimes].map(
    ([instance, info]) =>
      `- ${clientName(instance)}: Node ${info.node}, npm undici ${info.npmUndici.join(', ') || 'none'}`,
  );
}

/** The whole report (without a top-level title, so it fits a docs block too). */
export function burstReport(input: BurstReportInput): string {
  const lines = [
    `Command: \`${input.command}\``,
    '',
    `Machine: ${input.machine}. Started ${input.startedAt.toISOString()}, finished ${input.finishedAt.toISOString()}.`,
    '',
    `Each burst: ${input.concurrency} concurrent small GETs (\`/api/v1/system/version\`, ~200 B JSON) to ` +
      "`http2.createSecureServer({ allowHTTP1: true })` (Node's own server process, per-run test CA), all " +
      'bodies parsed. One process per client and Node; clients interleaved, the order rotated every round; ' +
      `${input.bursts} measured bursts per client and variant after ${input.warmupBursts} unmeasured ones. ` +
      `Ratios pair bursts of the same round against \`${BASELINE_CLIENT}\` on the same Node. After-idle: ` +
      `\`keepAliveTimeoutMs: ${input.keepAliveTimeoutMs}\`, the server closes connections idle for ` +
      `${input.serverIdleCloseMs} ms, the measured burst starts ${input.idleWaitMs} ms after the warm one. ` +
      'Server CPU: the server process over the burst (plus two counter reads, the same for every client).',
    '',
  ];
  for (const variant of BURST_VARIANTS) {
    const rows = input.rows.filter((row) => row.variant === variant);
    if (rows.length === 0) continue;
    lines.push(
      `**${VARIANT_TITLES[variant]}**`,
      '',
      ...HEADER,
      ...rows.map((row) => `| ${tableRow(row)} |`),
      '',
    );
  }
  lines.push('SPEC 7 (v2) HTTP/2 target, on bursts:', '', ...verdictLines(input.rows), '');
  lines.push(
    'Clients:',
    '',
    ...input.rows
      .filter((row, index, all) => all.findIndex((other) => other.instance === row.instance) === index)
      .map(
        (row) => `- ${clientName(row.instance)}: ${findBurstClient(row.instance.split('@')[0] ?? '').label}`,
      ),
  );
  lines.push(
    '',
    'Runtimes (read in each client process after its warm-up):',
    '',
    ...runtimeLines(input.runtimes),
  );
  return `${lines.join('\n')}\n`;
}

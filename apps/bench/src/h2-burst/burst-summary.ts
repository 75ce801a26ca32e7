/** Turns burst samples into per-client rows: medians, ranges and per-round ratios to the baseline client. */
import { median, range } from '../report/statistics.js';
import { BASELINE_CLIENT } from './burst-clients.js';
import type { BurstSample, BurstVariant, ServerCounts } from './burst-sample.js';

/** A median with the smallest and largest value it was taken from. */
export interface Spread {
  readonly median: number;
  readonly min: number;
  readonly max: number;
}

/** One client instance in one variant, summarised over its bursts. */
export interface BurstRow {
  readonly instance: string;
  readonly variant: BurstVariant;
  /** Bursts measured, failed ones included. */
  readonly bursts: number;
  /** Bursts with at least one failed request: left out of every timing figure. */
  readonly failedBursts: number;
  readonly firstError: string | undefined;
  readonly wallMs: Spread;
  readonly cpuMs: Spread;
  /** Requests per second within one burst: `concurrency / wall time`. */
  readonly burstThroughput: Spread;
  /** Per round: the baseline's wall time / this client's (above 1: this client finished the burst sooner). */
  readonly throughputVsBaseline: Spread;
  /** Per round: this client's CPU / the baseline's. */
  readonly cpuVsBaseline: Spread;
  /** Per burst, as the server counted them. */
  readonly handshakes: Spread;
  readonly resumedSessions: Spread;
  readonly tcpConnections: Spread;
  /** The server's CPU per burst (its reads around the burst included: the same small cost for every client). */
  readonly serverCpuMs: Spread;
  /** Requests over each protocol, summed over all bursts: shows that h2 was really negotiated. */
  readonly h2Requests: number;
  readonly http1Requests: number;
}

/** The median and range of the finite values. */
export function spread(values: readonly number[]): Spread {
  return { median: median(values), ...range(values) };
}

/** `rest-undici-tls` on the instance's own Node: `rest-undici-tls@node24` for `rest-undici-h2@node24`. */
export function baselineOf(instance: string): string {
  const at = instance.indexOf('@');
  return at === -1 ? BASELINE_CLIENT : BASELINE_CLIENT + instance.slice(at);
}

function pairedRatios(
  own: readonly BurstSample[],
  baseline: readonly BurstSample[],
  ratio: (mine: BurstSample, theirs: BurstSample) => number,
): number[] {
  const byRound = new Map(baseline.map((sample) => [sample.round, sample]));
  const ratios: number[] = [];
  for (const sample of own) {
    const theirs = byRound.get(sample.round);
    if (theirs !== undefined) ratios.push(ratio(sample, theirs));
  }
  return ratios;
}

function perBurst(samples: readonly BurstSample[], field: keyof ServerCounts): Spread {
  return spread(samples.map((sample) => sample.server[field]));
}

function total(samples: readonly BurstSample[], field: keyof ServerCounts): number {
  return samples.reduce((sum, sample) => sum + sample.server[field], 0);
}

/**
 * One row per instance and variant, in the order given. Timing figures use only the bursts where every request
 * succeeded; a ratio pairs a burst with the baseline's burst of the same round and variant.
 */
export function summarizeBursts(
  samples: readonly BurstSample[],
  instances: readonly string[],
  variants: readonly BurstVariant[],
  concurrency: number,
): BurstRow[] {
  const rows: BurstRow[] = [];
  for (const variant of variants) {
    const clean = (instance: string) =>
      samples.filter((sample) => sample.instance === instance && sample.variant === variant);
    for (const instance of instances) {
      const all = clean(instance);
      const own = all.filter((sample) => sample.errors === 0);
      const baseline = clean(baselineOf(instance)).filter((sample) => sample.errors === 0);
      rows.push({
        instance,
        variant,
        bursts: all.length,
        failedBursts: all.length - own.length,
        firstError: all.find((sample) => sample.firstError !== undefined)?.firstError,
        wallMs: spread(own.map((sample) => sample.wallMs)),
        cpuMs: spread(own.map((sample) => sample.cpuMs)),
        burstThroughput: spread(own.map((sample) => (concurrency * 1000) / sample.wallMs)),
        throughputVsBaseline: spread(
          pairedRatios(own, baseline, (mine, theirs) => theirs.wallMs / mine.wallMs),
        ),
        cpuVsBaseline: spread(pairedRatios(own, baseline, (mine, theirs) => mine.cpuMs / theirs.cpuMs)),
        handshakes: perBurst(all, 'tlsHandshakes'),
        resumedSessions: perBurst(all, 'resumedSessions'),
        tcpConnections: perBurst(all, 'tcpConnections'),
        serverCpuMs: perBurst(own, 'cpuMs'),
        h2Requests: total(all, 'h2Requests'),
        http1Requests: total(all, 'http1Requests'),
      });
    }
  }
  return rows;
}

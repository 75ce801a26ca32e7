import { describe, expect, test } from 'vitest';
import { burstReport, formatCount, formatSpread } from './burst-report.js';
import { type BurstSample, countsBetween, emptyServerCounts, roundOrder } from './burst-sample.js';
import { baselineOf, summarizeBursts } from './burst-summary.js';

function sample(
  instance: string,
  round: number,
  wallMs: number,
  extra: Partial<BurstSample> = {},
): BurstSample {
  const h2 = instance.includes('h2');
  return {
    instance,
    variant: 'new-client',
    round,
    wallMs,
    cpuMs: wallMs / 2,
    errors: 0,
    server: {
      ...emptyServerCounts(),
      tcpConnections: h2 ? 1 : 32,
      tlsHandshakes: h2 ? 1 : 32,
      h2Connections: h2 ? 1 : 0,
      h2Requests: h2 ? 32 : 0,
      http1Requests: h2 ? 0 : 32,
      cpuMs: h2 ? 5 : 40,
    },
    ...extra,
  };
}

describe('burst counters', () => {
  test('a burst counts only what the server saw between its two readings', () => {
    const before = {
      ...emptyServerCounts(),
      tlsHandshakes: 40,
      resumedSessions: 3,
      http1Requests: 100,
      cpuMs: 900,
    };
    const after = { ...before, tlsHandshakes: 72, resumedSessions: 35, http1Requests: 132, cpuMs: 940 };
    expect(countsBetween(before, after)).toEqual({
      ...emptyServerCounts(),
      tlsHandshakes: 32,
      resumedSessions: 32,
      http1Requests: 32,
      cpuMs: 40,
    });
  });

  test('the burst order rotates by one client per round, so no client always goes first', () => {
    const clients = ['a', 'b', 'c'];
    expect([0, 1, 2, 3].map((round) => roundOrder(clients, round).join(''))).toEqual([
      'abc',
      'bca',
      'cab',
      'abc',
    ]);
    expect(roundOrder([], 5)).toEqual([]);
  });
});

describe('burst summary', () => {
  test('pairs each client with REST over HTTP/1.1 on its own Node', () => {
    expect(baselineOf('rest-undici-h2')).toBe('rest-undici-tls');
    expect(baselineOf('undici-h2@node24')).toBe('rest-undici-tls@node24');
  });

  test('throughput ratios are per round: baseline wall time over the client wall time', () => {
    const samples = [
      sample('rest-undici-tls', 0, 60),
      sample('rest-undici-h2', 0, 20),
      sample('rest-undici-tls', 1, 120),
      sample('rest-undici-h2', 1, 30),
      sample('rest-undici-tls', 2, 50),
      sample('rest-undici-h2', 2, 25),
    ];
    const [h2] = summarizeBursts(samples, ['rest-undici-h2', 'rest-undici-tls'], ['new-client'], 32);
    expect(h2?.throughputVsBaseline).toEqual({ median: 3, min: 2, max: 4 });
    expect(h2?.wallMs.median).toBe(25);
    expect(h2?.burstThroughput.median).toBeCloseTo(1280);
    expect(h2?.handshakes).toEqual({ median: 1, min: 1, max: 1 });
    expect(h2?.h2Requests).toBe(96);
    expect(h2?.serverCpuMs.median).toBe(5);
  });

  test('a burst with a failed request is counted but left out of every timing figure', () => {
    const samples = [
      sample('rest-undici-tls', 0, 60),
      sample('rest-undici-h2', 0, 20),
      sample('rest-undici-tls', 1, 60),
      sample('rest-undici-h2', 1, 1, { errors: 32, firstError: 'NetworkError: refused' }),
    ];
    const [h2] = summarizeBursts(samples, ['rest-undici-h2'], ['new-client'], 32);
    expect(h2?.bursts).toBe(2);
    expect(h2?.failedBursts).toBe(1);
    expect(h2?.firstError).toBe('NetworkError: refused');
    expect(h2?.throughputVsBaseline).toEqual({ median: 3, min: 3, max: 3 });
  });
});

describe('burst report', () => {
  test('prints a spread as median and range, and n/a when nothing was measured', () => {
    expect(formatSpread({ median: 3.456, min: 2, max: 12.34 }, 'x')).toBe('3.46x (2.00-12.3)');
    expect(formatSpread({ median: Number.NaN, min: Number.NaN, max: Number.NaN })).toBe('n/a');
    expect(formatCount({ median: 32, min: 32, max: 32 })).toBe('32');
    expect(formatCount({ median: 32, min: 0, max: 32 })).toBe('32 (0-32)');
  });

  test('states per variant and Node whether REST over h2 is ahead, next to the A/A ratio', () => {
    const samples = [0, 1, 2].flatMap((round) => [
      sample('rest-undici-tls', round, 60),
      sample('rest-undici-tls-aa', round, 66),
      sample('rest-undici-h2', round, 20),
    ]);
    const instances = ['rest-undici-h2', 'rest-undici-tls', 'rest-undici-tls-aa'];
    const report = burstReport({
      command: 'pnpm bench --h2-burst',
      machine: 'test machine',
      startedAt: new Date(0),
      finishedAt: new Date(1000),
      concurrency: 32,
      bursts: 3,
      warmupBursts: 5,
      keepAliveTimeoutMs: 250,
      serverIdleCloseMs: 300,
      idleWaitMs: 900,
      runtimes: new Map(),
      rows: summarizeBursts(samples, instances, ['new-client'], 32),
    });
    expect(report).toContain('**3.00x (3.00-3.00)** the throughput of REST over HTTP/1.1 TLS');
    expect(report).toContain('A/A 0.91x (0.91-0.91)');
    expect(report).toContain('h2 ahead.');
    expect(report).toContain(
      '| `rest-undici-tls` | 3 | 60.0 (60.0-60.0) | 533 | 1 (baseline) | 30.0 (30.0-30.0) | 1 | 40.0 (40.0-40.0) | 32 | 32 | 0 / 96 |',
    );
  });
});

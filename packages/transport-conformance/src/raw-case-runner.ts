import type { Transport, TransportRequest } from '@meta/transport';
import { afterAll, beforeAll, expect } from 'vitest';
import type { ConformanceHarness } from './conformance-harness.js';
import { eventually } from './conformance-harness.js';
import { type RawHttpServer, type RawResponder, startRawHttpServer } from './raw-http-server.js';

const DEFAULT_SETTLE_SLACK_MS = 3000;

/** What one exchange came to: the status and decoded text, or the rejection. */
export type RawOutcome = { readonly status: number; readonly text: string } | { readonly error: unknown };

/** A raw server case: the response to script and the request to send. */
export interface RawCase {
  readonly path: string;
  readonly respond: RawResponder;
  readonly request?: Partial<TransportRequest>;
  /** The per-attempt deadline. */
  readonly timeoutMs: number;
  /** How long past `timeoutMs` the call may take to settle (large bodies on a busy machine want more). @default 3000 */
  readonly settleSlackMs?: number;
  /**
   * Skip the "no socket outlives close()" check on a transport whose connections belong to a process-wide pool
   * (`notApplicable.resourceCleanup`), for a response that pool may keep.
   * @default false
   */
  readonly pooledSocketMayOutlive?: boolean;
}

/** What a case run reports, for the case's own assertions. */
export interface RawCaseResult {
  readonly outcome: RawOutcome;
  readonly elapsedMs: number;
}

/**
 * Runs raw-server cases with the invariants every fault case holds (issues 12, 17, 18): the call settles before
 * its deadline (plus slack), `close()` returns, no socket is left once the transport is closed, and no
 * `uncaughtException` or `unhandledRejection` happens. Call inside a `describe`; `run` does the rest.
 */
export function useRawCaseRunner(harness: ConformanceHarness): {
  run(rawCase: RawCase): Promise<RawCaseResult>;
} {
  let raw: RawHttpServer;
  const uncaught: unknown[] = [];
  const record = (error: unknown) => void uncaught.push(error);

  beforeAll(async () => {
    raw = await startRawHttpServer();
    process.on('uncaughtException', record);
    process.on('unhandledRejection', record);
  });

  afterAll(async () => {
    process.off('uncaughtException', record);
    process.off('unhandledRejection', record);
    await raw.close();
  });

  return {
    async run(rawCase) {
      raw.route(rawCase.path, rawCase.respond);
      const transport = await harness.open();
      const started = Date.now();
      const outcome = await exchange(transport, {
        method: 'GET',
        headers: {},
        ...rawCase.request,
        url: `${raw.origin}${rawCase.path}`,
        timeoutMs: rawCase.timeoutMs,
      });
      const elapsedMs = Date.now() - started;
      const deadlineMs = rawCase.timeoutMs + (rawCase.settleSlackMs ?? DEFAULT_SETTLE_SLACK_MS);
      expect(elapsedMs, 'the call must settle by its deadline').toBeLessThan(deadlineMs);
      await transport.close();
      if (!rawCase.pooledSocketMayOutlive || !harness.notApplicable.resourceCleanup) {
        expect(await eventually(() => raw.openSockets() === 0, 5000), 'a socket outlived close()').toBe(true);
      }
      // Give late errors (a socket failing after the exchange settled) a turn to surface.
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(uncaught.map(String)).toEqual([]);
      return { outcome, elapsedMs };
    },
  };
}

async function exchange(transport: Transport, request: TransportRequest): Promise<RawOutcome> {
  try {
    const response = await transport.send(request);
    return { status: response.status, text: await response.text() };
  } catch (error) {
    return { error };
  }
}

/** The error of an outcome that must be a failure (fails the test when it resolved). */
export function failureOf(outcome: RawOutcome): unknown {
  expect(
    'error' in outcome ? undefined : outcome,
    'the exchange must fail, not resolve with a body',
  ).toBeUndefined();
  return (outcome as { error: unknown }).error;
}

/** The text of an outcome that must succeed with `status` (fails the test with the error otherwise). */
export function textOf(outcome: RawOutcome, status: number): string {
  expect('error' in outcome ? String(outcome.error) : undefined).toBeUndefined();
  expect((outcome as { status: number }).status).toBe(status);
  return (outcome as { text: string }).text;
}

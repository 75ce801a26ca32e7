import { isRetryException } from '@meta/errors';
import { boundsFor, type WaitContext, waitWithinBounds } from '../call-wait.js';
import type { ExponentialBackoff, SleepFunction } from '../client-config.js';
import { classifyFailure } from '../failure-class.js';
import type { RestHooks } from '../hooks.js';
import type { ResolvedLogger } from '../logger.js';
import type { NextStage, PipelineCall, PipelineOutcome, PipelinePolicy } from '../pipeline-call.js';
import { decideRetry, type FailureClass, type RetryDecision } from '../retry-decision.js';

/** The name of the {@link createRetryPolicy} policy. */
export const RETRY_POLICY_NAME = 'retry';

/** Options of {@link createRetryPolicy}; every value comes from the resolved client options. */
export interface RetryPolicyOptions {
  /** Statuses retried while attempts remain. Defaults to `[429, 503, 504]`. */
  readonly retryCodes: ReadonlySet<number>;
  /** The linear backoff unit in ms (`retryWait` seconds × 1000). Defaults to 30000. */
  readonly retryWaitMs: number;
  /** Defaults to `'linear'` (Python's `retryWait × attempt`). */
  readonly backoff: 'linear' | ExponentialBackoff;
  /** The most a server- or hook-requested delay may be before the call fails instead. Defaults to 120000. */
  readonly maxRetryAfterMs: number;
  /** Defaults to the client's `beforeRetry` hook, if any. */
  readonly beforeRetry: RestHooks['beforeRetry'];
  readonly logger: ResolvedLogger;
  /** Defaults to `Date.now`, `Math.random` and a timer-based abortable sleep. */
  readonly clock: () => number;
  readonly random: () => number;
  readonly sleep: SleepFunction;
  /** What bounds a backoff sleep: the caller's signal, `close()` and the total deadline. */
  readonly wait: WaitContext;
}

/** How an attempt ended, for the decision and for the warning line. */
interface AttemptFailure {
  readonly failure: FailureClass;
  readonly error: unknown;
  readonly status: number | undefined;
  readonly requestedDelayMs: number | undefined;
}

function fromOutcome(outcome: PipelineOutcome): AttemptFailure | undefined {
  if (outcome.kind !== 'failure') return undefined;
  return {
    failure: outcome.retryRequested ? 'hook' : 'status',
    error: outcome.error,
    status: outcome.response.status,
    requestedDelayMs: outcome.retryAfterMs,
  };
}

function fromError(error: unknown): AttemptFailure {
  // A hook's RetryException names its delay like a server's Retry-After (capped by maxRetryAfterMs the same way).
  const requestedDelayMs = isRetryException(error) ? error.retryAfterMs : undefined;
  return { failure: classifyFailure(error), error, status: undefined, requestedDelayMs };
}

/** What went wrong, in words, without repeating the method and URL the warning line already names. */
function describe(failed: AttemptFailure): string {
  if (failed.status !== undefined)
    return `HTTP ${failed.status}${failed.failure === 'hook' ? ' (retry requested by a hook)' : ''}`;
  if (failed.failure === 'hook') return 'retry requested by a hook';
  const error = failed.error as { code?: unknown; name?: unknown; phase?: unknown } | undefined;
  const code = typeof error?.code === 'string' ? error.code : undefined;
  if (typeof error?.phase === 'string') return `timed out (${error.phase})`;
  return code ?? (typeof error?.name === 'string' ? error.name : 'failed');
}

/**
 * The retry loop (SPEC 3.6): attempts = retry + 1. Each attempt's outcome goes to the one pure
 * {@link decideRetry}; on "retry after N ms" the policy warns, runs `beforeRetry`, sleeps (abortable, bounded by
 * the caller's signal, `close()` and the total deadline) and tries again; on "stop" the last error is thrown.
 */
export function createRetryPolicy(options: RetryPolicyOptions): PipelinePolicy {
  const { logger, clock } = options;
  const decide = (call: PipelineCall, failed: AttemptFailure): RetryDecision =>
    decideRetry({
      failure: failed.failure,
      status: failed.status,
      method: call.method,
      attempt: call.attempt,
      maxAttempts: call.maxAttempts,
      retryNonIdempotent: call.retryNonIdempotent,
      retryCodes: options.retryCodes,
      requestedDelayMs: failed.requestedDelayMs,
      maxRetryAfterMs: options.maxRetryAfterMs,
      remainingMs: call.deadlineMs === undefined ? undefined : call.deadlineMs - clock(),
      backoff: options.backoff,
      retryWaitMs: options.retryWaitMs,
      randomSample: options.random(),
    });

  const backoff = async (call: PipelineCall, failed: AttemptFailure, delayMs: number): Promise<void> => {
    const redactor = options.wait.redactor();
    logger.warn(
      `@meta/rest: ${call.method} ${redactor.url(call.url)} attempt ${call.attempt} of ${call.maxAttempts} ` +
        `failed (${redactor.text(describe(failed))}); retrying in ${delayMs} ms`,
    );
    if (options.beforeRetry !== undefined) {
      const request = call.request ?? { method: call.method, url: call.url, headers: {} };
      const context = {
        attempt: call.attempt,
        maxAttempts: call.maxAttempts,
        error: failed.error,
        delayMs,
        request,
      };
      try {
        await options.beforeRetry(context);
      } catch (error) {
        // A RetryException here asks for the retry that is about to happen: nothing to change. Anything else
        // fails the call with what the hook threw.
        if (!isRetryException(error)) throw error;
      }
    }
    await waitWithinBounds(boundsFor(call, options.wait), (signal) => options.sleep(delayMs, signal));
  };

  return {
    name: RETRY_POLICY_NAME,
    async send(call: PipelineCall, next: NextStage): Promise<PipelineOutcome> {
      for (;;) {
        let failed: AttemptFailure | undefined;
        try {
          const outcome = await next(call);
          failed = fromOutcome(outcome);
          if (failed === undefined) return outcome;
        } catch (error) {
          failed = fromError(error);
        }
        const decision = decide(call, failed);
        // Stopping throws the last error as is: an APIError already exposes a `Retry-After` it did not sleep.
        if (!decision.retry) throw failed.error;
        await backoff(call, failed, decision.delayMs);
        call.attempt++;
      }
    },
  };
}

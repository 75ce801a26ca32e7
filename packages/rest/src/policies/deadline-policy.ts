import { isTimeoutError, type Redactor, TimeoutError } from '@meta/errors';
import type { NextStage, PipelineCall, PipelineOutcome, PipelinePolicy } from '../pipeline-call.js';

/** The name of the {@link createDeadlinePolicy} policy. */
export const DEADLINE_POLICY_NAME = 'deadline';

/** Options of {@link createDeadlinePolicy}. */
export interface DeadlinePolicyOptions {
  /** The bound of a whole call across attempts, backoff and bodies, in ms. Defaults to the client's `totalTimeoutMs`. */
  readonly totalTimeoutMs: number;
  /** Epoch milliseconds now. Defaults to the client's `clock` (`Date.now`). */
  readonly clock: () => number;
  /** Reads the client's current redactor (tokens included). */
  readonly redactor: () => Redactor;
}

/**
 * The outermost policy, present only when `totalTimeoutMs` is set: it starts the call's total deadline, which
 * the stages below shorten their waits and exchanges to, and reports a transport timeout as `phase: "total"`
 * whenever the total deadline was the one that bound, also while a body was streaming (issue 12.12).
 */
export function createDeadlinePolicy(options: DeadlinePolicyOptions): PipelinePolicy {
  const { totalTimeoutMs, clock } = options;
  const totalTimeout = (call: PipelineCall, cause: unknown): TimeoutError =>
    new TimeoutError({
      phase: 'total',
      timeoutMs: totalTimeoutMs,
      method: call.method,
      url: call.url,
      cause,
      redactor: options.redactor(),
    });
  return {
    name: DEADLINE_POLICY_NAME,
    send(call: PipelineCall, next: NextStage): Promise<PipelineOutcome> {
      call.deadlineMs = clock() + totalTimeoutMs;
      return next(call).catch((error: unknown) => {
        const bound = isTimeoutError(error) && error.phase !== 'total' && call.totalDeadlineBinds;
        throw bound ? totalTimeout(call, error) : error;
      });
    },
  };
}

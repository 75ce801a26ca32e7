import type { Redactor } from '@meta/errors';
import type { ResolvedLogger } from '../logger.js';
import type { NextStage, PipelineCall, PipelineOutcome, PipelinePolicy } from '../pipeline-call.js';

/** The name of the {@link createLoggingPolicy} policy. */
export const LOGGING_POLICY_NAME = 'logging';

/** Options of {@link createLoggingPolicy}. */
export interface LoggingPolicyOptions {
  /** Defaults to the client's `logger`; this policy is left out of the pipeline when it has no `debug`. */
  readonly logger: ResolvedLogger;
  /** Reads the client's current redactor (tokens included). */
  readonly redactor: () => Redactor;
}

/**
 * One debug line per attempt (SPEC 3.8), never a body or a secret. It sits inside retry and outside auth, so
 * the replay after a 401 and every redirect hop belong to the attempt already logged. The logger cannot
 * change the outcome: a throwing logger is swallowed by the resolved logger (issue 12.13).
 */
export function createLoggingPolicy(options: LoggingPolicyOptions): PipelinePolicy {
  const { logger } = options;
  return {
    name: LOGGING_POLICY_NAME,
    send(call: PipelineCall, next: NextStage): Promise<PipelineOutcome> {
      const target = `${call.method} ${options.redactor().url(call.url)}`;
      logger.debug(`@meta/rest: ${target} (attempt ${call.attempt} of ${call.maxAttempts})`);
      return next(call);
    },
  };
}

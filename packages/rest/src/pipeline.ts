import type { Redactor } from '@meta/errors';
import type { Transport } from '@meta/transport';
import type { WaitContext } from './call-wait.js';
import type { NextStage, PipelinePolicy } from './pipeline-call.js';
import { createAuthPolicy } from './policies/auth-policy.js';
import { createDeadlinePolicy } from './policies/deadline-policy.js';
import { createHeadersPolicy } from './policies/headers-policy.js';
import { createHooksPolicy } from './policies/hooks-policy.js';
import { createJudgementStage } from './policies/judgement-policy.js';
import { createLoggingPolicy } from './policies/logging-policy.js';
import { createRedirectPolicy } from './policies/redirect-policy.js';
import { createRetryPolicy } from './policies/retry-policy.js';
import type { RequestHeaders } from './request-headers.js';
import type { ResolvedOptions } from './resolve-options.js';
import type { TokenState } from './token-state.js';
import { createTransportStage } from './transport-stage.js';

/** What the pipeline is built from: the resolved options and the client's live parts. */
export interface PipelineParts {
  readonly options: ResolvedOptions;
  readonly transport: Transport;
  readonly tokens: TokenState;
  readonly headers: RequestHeaders;
  readonly closeSignal: AbortSignal;
  readonly isClosed: () => boolean;
}

/** The pipeline of one client: the entry stage, and the names of its policies in order (for tests and logs). */
export interface Pipeline {
  readonly send: NextStage;
  readonly policyNames: readonly string[];
}

/** Chain `policies` (outermost first) in front of `last`, once: no closure is created per request. */
function compose(policies: readonly PipelinePolicy[], last: NextStage): NextStage {
  let next = last;
  for (let index = policies.length - 1; index >= 0; index--) {
    const policy = policies[index]!;
    const inner = next;
    next = (call) => policy.send(call, inner);
  }
  return next;
}

/**
 * The order of a call, composed once per client (in the style of Azure core-rest-pipeline's
 * `createPipelineFromOptions`). Position replaces flags: auth runs inside retry, so every attempt is signed
 * again; logging sits between them, so the replay after a 401 is not a new attempt; redirects run inside hooks,
 * so hooks see the final response; the judgement reads bodies while the attempt's deadline still runs. A policy
 * with nothing to do for this client (no `totalTimeoutMs`, no token, no hooks, redirects off) is left out.
 */
export function createPipeline(parts: PipelineParts): Pipeline {
  const { options, tokens } = parts;
  const redactor = (): Redactor => tokens.redactor;
  const { clock, logger, hooks, totalTimeoutMs } = options;
  const wait: WaitContext = { closeSignal: parts.closeSignal, totalTimeoutMs, clock, redactor };
  const policies: PipelinePolicy[] = [];
  if (totalTimeoutMs !== undefined) policies.push(createDeadlinePolicy({ totalTimeoutMs, clock, redactor }));
  policies.push(createRetryPolicy({ ...options, beforeRetry: hooks.beforeRetry, wait }));
  if (logger.debugEnabled) policies.push(createLoggingPolicy({ logger, redactor }));
  if (tokens.hasProvider || options.accessToken !== undefined)
    policies.push(createAuthPolicy({ tokens, wait }));
  policies.push(
    createHeadersPolicy({ headers: parts.headers, maxResponseBytes: options.maxResponseBytes, redactor }),
  );
  if (hooks.beforeRequest !== undefined || hooks.afterResponse !== undefined) {
    policies.push(
      createHooksPolicy({ beforeRequest: hooks.beforeRequest, afterResponse: hooks.afterResponse }),
    );
  }
  if (options.allowRedirects) {
    policies.push(createRedirectPolicy({ maxRedirects: options.maxRedirects, clock }));
  }
  const transportStage = createTransportStage({ ...parts, clock, totalTimeoutMs, redactor });
  const judgement = createJudgementStage({ allowRedirects: options.allowRedirects, clock }, transportStage);
  return {
    send: compose(policies, judgement),
    policyNames: [...policies.map((policy) => policy.name), 'judgement'],
  };
}

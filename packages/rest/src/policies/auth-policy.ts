import { boundsFor, type WaitContext, waitWithinBounds } from '../call-wait.js';
import type { NextStage, PipelineCall, PipelineOutcome, PipelinePolicy } from '../pipeline-call.js';
import type { TokenState } from '../token-state.js';

/** The name of the {@link createAuthPolicy} policy. */
export const AUTH_POLICY_NAME = 'auth';

/** Options of {@link createAuthPolicy}. */
export interface AuthPolicyOptions {
  /** The client's token: provider, preset `accessToken`, expiry and the single-flight refresh. */
  readonly tokens: TokenState;
  /** What bounds the wait for the provider: the caller's signal, `close()` and the total deadline. */
  readonly wait: WaitContext;
}

/**
 * Signs every attempt (it runs inside retry): refresh first when there is no token or it is within its margin,
 * then hand the current auth value to the headers policy. A 401 replays once per call, from here, with the
 * current token: at once when another call already replaced the rejected one, else after a forced refresh that
 * concurrent calls share (SPEC 3.3, issue 12.8). Present only when a provider or a preset token exists.
 */
export function createAuthPolicy(options: AuthPolicyOptions): PipelinePolicy {
  const { tokens, wait } = options;
  const sign = (call: PipelineCall, next: NextStage): Promise<PipelineOutcome> => {
    call.authValue = tokens.headerValue();
    return next(call);
  };
  const replayAfter401 = async (call: PipelineCall, next: NextStage, outcome: PipelineOutcome) => {
    if (outcome.kind !== 'failure' || outcome.response.status !== 401 || call.replayedAfter401)
      return outcome;
    call.replayedAfter401 = true;
    await waitWithinBounds(boundsFor(call, wait), () => tokens.refreshAfterRejection(call.authValue));
    return sign(call, next);
  };
  return {
    name: AUTH_POLICY_NAME,
    send(call: PipelineCall, next: NextStage): Promise<PipelineOutcome> {
      const first = tokens.needsRefresh()
        ? waitWithinBounds(boundsFor(call, wait), () => tokens.refresh()).then(() => sign(call, next))
        : sign(call, next);
      return tokens.hasProvider ? first.then((outcome) => replayAfter401(call, next, outcome)) : first;
    },
  };
}

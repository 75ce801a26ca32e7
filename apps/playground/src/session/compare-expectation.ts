import type { StepError, StepEvent } from './session-record.js';
import type { StepExpectation } from './session-step.js';

/** What was observed, in the terms of a {@link StepExpectation}. */
export interface StepObservation {
  readonly status: number | undefined;
  readonly attempts: number;
  readonly error: StepError | undefined;
  readonly events: readonly StepEvent[];
}

function countOf(events: readonly StepEvent[], kind: StepEvent['kind']): number {
  return events.filter((event) => event.kind === kind).length;
}

/** Every way the observation differs from the expectation, as sentences; empty when it matches. */
export function compareExpectation(expected: StepExpectation, observed: StepObservation): string[] {
  const surprises: string[] = [];
  const { error } = observed;
  if (expected.error === undefined && error) surprises.push(`failed with ${error.name}: ${error.message}`);
  if (expected.error !== undefined && !error) surprises.push(`succeeded, but ${expected.error} was expected`);
  if (expected.error !== undefined && error && error.name !== expected.error) {
    surprises.push(`${error.name} (${error.message}) instead of ${expected.error}`);
  }
  if (expected.status !== undefined && observed.status !== expected.status) {
    surprises.push(`status ${observed.status ?? 'none'}, expected ${expected.status}`);
  }
  if (expected.attempts !== undefined && observed.attempts !== expected.attempts) {
    surprises.push(`${observed.attempts} attempt(s), expected ${expected.attempts}`);
  }
  const delays = observed.events.flatMap((event) => (event.kind === 'retry' ? [event.delayMs] : []));
  if (expected.retryDelaysMs !== undefined && delays.join(',') !== expected.retryDelaysMs.join(',')) {
    surprises.push(`retry delays [${delays.join(', ')}] ms, expected [${expected.retryDelaysMs.join(', ')}]`);
  }
  const refreshes = countOf(observed.events, 'token-refresh');
  if (expected.tokenRefreshes !== undefined && refreshes !== expected.tokenRefreshes) {
    surprises.push(`${refreshes} token refresh(es), expected ${expected.tokenRefreshes}`);
  }
  const redirects = countOf(observed.events, 'redirect-followed');
  if (expected.redirectsFollowed !== undefined && redirects !== expected.redirectsFollowed) {
    surprises.push(`${redirects} redirect(s) followed, expected ${expected.redirectsFollowed}`);
  }
  return surprises;
}

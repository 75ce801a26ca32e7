import type { CallRecorder } from './call-recorder.js';
import { compareExpectation } from './compare-expectation.js';
import { describeError } from './describe-error.js';
import type { StepError, StepEvent, StepRecord, TransportName } from './session-record.js';
import type { SessionStep, StepContext, StepExpectation, StepOutcome } from './session-step.js';

// Against the mock, anything a step does not mention must not happen: no stray retry, refresh or redirect.
const MOCK_DEFAULTS: StepExpectation = { retryDelaysMs: [], tokenRefreshes: 0, redirectsFollowed: 0 };

async function act(
  step: SessionStep,
  context: StepContext,
): Promise<{ outcome: StepOutcome; elapsedMs: number }> {
  const startedAt = performance.now();
  try {
    return { outcome: { value: await step.act(context) }, elapsedMs: performance.now() - startedAt };
  } catch (error) {
    return { outcome: { error }, elapsedMs: performance.now() - startedAt };
  }
}

function eventsOf(context: StepContext, error: StepError | undefined): StepEvent[] {
  const events: StepEvent[] = [...context.observer.trace.events];
  if (error?.location !== undefined && error.statusCode !== undefined) {
    events.push({ kind: 'redirect-refused', status: error.statusCode, location: error.location });
  }
  return events;
}

/** Run one step on one transport and record what happened and whether it was what the step expected. */
export async function runStep(
  step: SessionStep,
  index: number,
  transport: TransportName,
  context: StepContext,
  recorder: CallRecorder,
): Promise<StepRecord> {
  const { observer, mock } = context;
  observer.begin();
  recorder.begin();
  if (mock && step.arrange) step.arrange(mock, context.state);
  const { outcome, elapsedMs } = await act(step, context);
  const leftoverTrouble = mock?.trouble.armedCount ?? 0;
  // Release anything the step left waiting (a slow responder), so no timer outlives the step.
  mock?.reset();
  const trace = observer.trace;
  const error = 'error' in outcome ? describeError(outcome.error, observer.redactor) : undefined;
  const events = eventsOf(context, error);
  const status = trace.statuses.at(-1) ?? error?.statusCode;
  const expected = mock ? { ...MOCK_DEFAULTS, ...step.expect } : { ...step.expect, ...step.expectLive };
  const judgement = step.judge?.(outcome, context) ?? {};
  const surprises = [
    ...compareExpectation(expected, { status, attempts: trace.attempts, error, events }),
    ...(judgement.surprises ?? []),
    ...(leftoverTrouble > 0 ? [`${leftoverTrouble} scripted trouble rule(s) were never reached`] : []),
  ];
  return {
    transport,
    index,
    id: step.id,
    title: step.title,
    shows: step.shows,
    code: step.code,
    calls: [...recorder.calls],
    requests: [...trace.requests],
    ...(status === undefined ? {} : { status }),
    attempts: trace.attempts,
    elapsedMs,
    events,
    ...(error ? { error } : {}),
    ...(judgement.summary === undefined ? {} : { summary: observer.redactor.text(judgement.summary) }),
    surprises: surprises.map((surprise) => observer.redactor.text(surprise)),
    logLines: [...trace.logLines],
  };
}

import { OpenMetadata } from '@meta/openmetadata';
import type { MockApi } from '../mock/index.js';
import { CallRecorder } from './call-recorder.js';
import { createSessionClients, type SessionAuth } from './create-session-clients.js';
import { runStep } from './run-step.js';
import { serveMock } from './serve-mock.js';
import type { StepRecord, TransportName, TransportRun } from './session-record.js';
import type { SessionState, SessionStep } from './session-step.js';
import { SESSION_STEPS } from './session-steps.js';
import { StepObserver } from './step-observer.js';

/** Where the session runs: against a mock served for the transport, or a real OpenMetadata server. */
export type SessionTarget =
  | { readonly kind: 'mock'; readonly mock: MockApi }
  | { readonly kind: 'live'; readonly baseUrl: string; readonly token: string };

/** Options of {@link runSession}. */
export interface RunSessionOptions {
  readonly transport: TransportName;
  readonly target: SessionTarget;
  /** The steps to run. @default SESSION_STEPS (only the read-only ones against a real server) */
  readonly steps?: readonly SessionStep[];
  /** Called as each step finishes, for live narration. */
  readonly onStep?: (record: StepRecord) => void;
  /** Called once the target is known, before the first step, with the clients' construction warnings. */
  readonly onStart?: (transport: TransportName, target: string, clientWarnings: readonly string[]) => void;
}

/** Run the scripted session on one transport and return every step's record. Always cleans up after itself. */
export async function runSession(options: RunSessionOptions): Promise<TransportRun> {
  const { target, transport } = options;
  const served = target.kind === 'mock' ? await serveMock(target.mock, transport) : undefined;
  const baseUrl = served?.baseUrl ?? (target.kind === 'live' ? target.baseUrl : '');
  const auth: SessionAuth =
    target.kind === 'mock' ? { kind: 'mock-login' } : { kind: 'static-token', token: target.token };
  const observer = new StepObserver();
  const clients = createSessionClients(transport, baseUrl, auth, observer);
  const description = served?.description ?? observer.redactor.url(baseUrl);
  const clientWarnings = [...observer.setupLines];
  options.onStart?.(transport, description, clientWarnings);
  const mock = target.kind === 'mock' ? target.mock : undefined;
  const steps = (options.steps ?? SESSION_STEPS).filter((step) => mock !== undefined || step.readOnly);
  const state: SessionState = {};
  const recorder = new CallRecorder();
  // The steps get recording proxies; `om` is built on the real REST client, so both share hooks and token.
  const om = recorder.wrap(new OpenMetadata(clients.client), 'om');
  const client = recorder.wrap(clients.client, 'client');
  const followClient = recorder.wrap(clients.followClient, 'followClient');
  const records: StepRecord[] = [];
  const startedAt = performance.now();
  try {
    for (const [index, step] of steps.entries()) {
      const context = { om, client, followClient, mock, state, observer };
      const record = await runStep(step, index + 1, transport, context, recorder);
      records.push(record);
      options.onStep?.(record);
    }
  } finally {
    await clients.close();
    await served?.close();
  }
  return {
    transport,
    target: description,
    clientWarnings,
    steps: records,
    elapsedMs: performance.now() - startedAt,
  };
}

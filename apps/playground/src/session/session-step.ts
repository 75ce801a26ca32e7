import type { OpenMetadata } from '@meta/openmetadata';
import type { REST } from '@meta/rest';
import type { MockApi } from '../mock/index.js';
import type { StepObserver } from './step-observer.js';

/** What steps pass on to later steps (ids and names found or created along the way). */
export interface SessionState {
  databaseName?: string | undefined;
  tableId?: string | undefined;
  tableName?: string | undefined;
  afterCursor?: string | undefined;
  createdTableId?: string | undefined;
  createdDatabaseId?: string | undefined;
  glossaryId?: string | undefined;
}

/** What a step's `act` and `judge` get. */
export interface StepContext {
  /** The `@meta/openmetadata` client over {@link client}: the catalog steps call it. */
  readonly om: OpenMetadata;
  /** The session's `@meta/rest` client: `allowRedirects: false` (the default). */
  readonly client: REST;
  /** A second client with `allowRedirects: true`. */
  readonly followClient: REST;
  /** The mock, or `undefined` when the session runs against a real server. */
  readonly mock: MockApi | undefined;
  readonly state: SessionState;
  /** The observer, whose `trace` holds what the current step sent so far. */
  readonly observer: StepObserver;
}

/** How a step ended: with a value, or with an error. */
export type StepOutcome = { readonly value: unknown } | { readonly error: unknown };

/** What the observer must have seen. Fields left out are not checked. */
export interface StepExpectation {
  /** The final HTTP status. */
  readonly status?: number;
  /** The error class the call must reject with; absent means it must succeed. */
  readonly error?: string;
  /** Attempts made (`retry + 1` at most). */
  readonly attempts?: number;
  /** The delays the client chose before each retry, in milliseconds. */
  readonly retryDelaysMs?: readonly number[];
  /** How many times the client asked the token provider. */
  readonly tokenRefreshes?: number;
  /** How many redirect hops the client followed. */
  readonly redirectsFollowed?: number;
}

/** What a step's `judge` concluded about the outcome. */
export interface StepJudgement {
  /** A short description of the result for the narration. */
  readonly summary?: string | undefined;
  /** Anything that differs from what the step should show. */
  readonly surprises?: readonly string[];
}

/** One scripted step of the session. */
export interface SessionStep {
  readonly id: string;
  readonly title: string;
  /** What the step demonstrates, in one line. */
  readonly shows: string;
  /**
   * The client code `act` runs, as printed for the reader (`await om.tables.getByName(...)`). It sits next to
   * `act` so the two are read and changed together; a test checks it names every method `act` calls.
   */
  readonly code: string;
  /** Safe to run against a real server (`--base-url`): reads only. */
  readonly readOnly: boolean;
  /** Arm the mock's scripted trouble for this step (mock runs only). */
  readonly arrange?: (mock: MockApi, state: SessionState) => void;
  /** Make the call(s). */
  readonly act: (context: StepContext) => Promise<unknown>;
  /** The expected outcome against the mock. */
  readonly expect: StepExpectation;
  /** The expected outcome against a real server, when it differs (counts and messages are unknown there). */
  readonly expectLive?: StepExpectation;
  /** Check the result or error itself and describe it. */
  readonly judge?: (outcome: StepOutcome, context: StepContext) => StepJudgement;
}

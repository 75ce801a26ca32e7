import { ClientClosedError, type Redactor, TimeoutError } from '@meta/errors';
import { subscribeAbort, unsubscribeAbort } from '../abort-fan-out.js';
import { checkedOptions, checkOption, isFunction, isObject } from '../check-options.js';
import { requestProblem } from '../check-request.js';
import { timerDelay } from '../timer-delay.js';
import type { Transport, TransportRequest, TransportResponse } from '../transport.js';
import { type RecordedRequest, recordRequest } from './recorded-request.js';
import { scriptedNetworkFailure } from './scripted-failure.js';
import { fromFetchResponse, TestingTransportResponse } from './testing-response.js';
import type { TestingHandler, TestingStep } from './testing-step.js';

/** Options of {@link createTestingTransport}. */
export interface TestingTransportOptions {
  /**
   * Answers every request the script does not.
   * @default undefined (an unscripted request rejects with an error naming it)
   */
  readonly handler?: TestingHandler | undefined;
  /**
   * Outcomes for the first requests, in order; each is used once. `enqueue()` adds more later.
   * @default []
   */
  readonly script?: readonly TestingStep[] | undefined;
  /**
   * Masks recordings of requests that carry no `redactor` of their own.
   * @default createRedactor() (the default policy)
   */
  readonly redactor?: Redactor | undefined;
}

/** The options as given (a lone handler counts as `{ handler }`), checked like the real transports' options. */
function checkedTestingOptions(
  handlerOrOptions: TestingHandler | TestingTransportOptions | null | undefined,
): TestingTransportOptions {
  if (typeof handlerOrOptions === 'function') return { handler: handlerOrOptions };
  const options = checkedOptions(
    handlerOrOptions,
    ['handler', 'script', 'redactor'],
    'createTestingTransport',
  );
  checkOption(options.handler, 'handler', isFunction, 'a function');
  checkOption(options.script, 'script', Array.isArray, 'an array of steps');
  checkOption(
    options.script,
    'script',
    (script) => (script as unknown[]).every(isObject),
    'an array of step objects',
  );
  checkOption(options.redactor, 'redactor', isObject, 'a Redactor from createRedactor()');
  return options;
}

/** A {@link Transport} that answers from a script and a handler, and records every request (secrets masked). */
export interface TestingTransport extends Transport {
  /** Every request sent so far, oldest first, redacted. */
  readonly requests: readonly RecordedRequest[];
  /** The most recent request, or `undefined`. */
  readonly lastRequest: RecordedRequest | undefined;
  /** Scripted outcomes not used yet. */
  readonly pendingSteps: number;
  /** True once `close()` was called. */
  readonly closed: boolean;
  /** Append scripted outcomes (used before the handler, first in first out). Returns the transport. */
  enqueue(...steps: TestingStep[]): TestingTransport;
  /** Forget recorded requests and unused steps; the handler stays. */
  reset(): void;
}

/**
 * Create the transport for testing code that uses `@meta/rest` (or any {@link Transport}) without a network:
 * route requests to a handler, script sequences of responses and failures, and assert on the recorded requests.
 * Delays use `setTimeout`, so vitest's fake timers control them.
 *
 * @example
 * ```ts
 * const transport = createTestingTransport({
 *   // Retry-After: 0, or REST's default backoff (retryWait: 30 s) would wait before the retry
 *   script: [{ status: 503, headers: { 'retry-after': '0' } }, { fail: 'network', code: 'ECONNRESET' }],
 *   handler: (request) => ({ status: 200, body: { id: 'table-1', url: request.url } }),
 * });
 * const client = new REST({ baseUrl: 'http://metadata.test/api', transport });
 * await client.get('/tables/table-1');
 * expect(transport.requests).toHaveLength(3);
 * ```
 */
export function createTestingTransport(
  handlerOrOptions?: TestingHandler | TestingTransportOptions | null,
): TestingTransport {
  const options = checkedTestingOptions(handlerOrOptions);
  const queue: TestingStep[] = [...(options.script ?? [])];
  const requests: RecordedRequest[] = [];
  const waiting = new Set<(error: Error) => void>();
  let closed = false;

  const wait = (ms: number | undefined, request: TransportRequest): Promise<void> =>
    new Promise((resolve, reject) => {
      const signal = request.signal;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const finish = (error?: unknown) => {
        if (timer !== undefined) clearTimeout(timer);
        if (signal) unsubscribeAbort(signal, onAbort);
        waiting.delete(onClose);
        if (error === undefined) resolve();
        else reject(error);
      };
      // Through the fan-out, so many hung requests on one shared signal (the client's force-close signal) add
      // a single listener and never trigger MaxListenersExceededWarning.
      const onAbort = { handleEvent: () => finish(signal!.reason) };
      const onClose = (error: Error) => finish(error);
      if (signal?.aborted) return finish(signal.reason);
      if (signal) subscribeAbort(signal, onAbort);
      waiting.add(onClose);
      if (ms !== undefined) timer = setTimeout(() => finish(), timerDelay(ms));
    });

  const timeout = (request: TransportRequest, phase: TimeoutError['phase']) =>
    new TimeoutError({
      phase,
      method: request.method,
      url: request.url,
      ...(request.timeoutMs === undefined ? {} : { timeoutMs: request.timeoutMs }),
      ...(request.redactor ? { redactor: request.redactor } : {}),
    });

  /** Wait `delayMs`, or until the request's own deadline when that comes first. */
  const delay = async (delayMs: number | undefined, request: TransportRequest) => {
    if (!delayMs) return;
    const deadline = request.timeoutMs;
    if (deadline !== undefined && deadline < delayMs) {
      await wait(deadline, request);
      throw timeout(request, 'headers');
    }
    await wait(delayMs, request);
  };

  const play = async (step: TestingStep, request: TransportRequest): Promise<TransportResponse> => {
    if (!('fail' in step)) {
      await delay(step.delayMs, request);
      return new TestingTransportResponse(step, request);
    }
    if (step.fail === 'hang') {
      await wait(request.timeoutMs, request);
      throw timeout(request, 'headers');
    }
    await delay(step.delayMs, request);
    if (step.fail === 'network') throw scriptedNetworkFailure(step, request);
    if (step.fail === 'timeout') throw timeout(request, step.phase ?? 'headers');
    throw step.reason ?? new DOMException('This operation was aborted', 'AbortError');
  };

  const transport: TestingTransport = {
    name: 'testing',
    get requests() {
      return requests;
    },
    get lastRequest() {
      return requests[requests.length - 1];
    },
    get pendingSteps() {
      return queue.length;
    },
    get closed() {
      return closed;
    },
    async send(request) {
      // The same checks as the real transports, so a test cannot pass with a request they would refuse.
      if (closed) throw new ClientClosedError('the testing transport is closed');
      const problem = requestProblem(request);
      if (problem) throw problem;
      if (request.signal?.aborted) throw request.signal.reason;
      requests.push(recordRequest(request, options.redactor));
      let step: TestingStep | Response | undefined = queue.shift();
      if (step === undefined && options.handler) step = await options.handler(request);
      if (step === undefined) {
        const recorded = requests[requests.length - 1]!;
        throw new Error(`testing transport: nothing scripted for ${recorded.method} ${recorded.url}`);
      }
      const init: TestingStep = step instanceof Response ? await fromFetchResponse(step) : step;
      return play(init, request);
    },
    enqueue(...steps) {
      queue.push(...steps);
      return transport;
    },
    reset() {
      requests.length = 0;
      queue.length = 0;
    },
    async close() {
      closed = true;
      for (const release of [...waiting]) release(new ClientClosedError('the testing transport was closed'));
    },
  };
  return transport;
}

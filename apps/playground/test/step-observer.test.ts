import type { HookContext, HookRequest } from '@meta/rest';
import type { TransportRequest, TransportResponse } from '@meta/transport';
import { expect, test } from 'vitest';
import { CallRecorder } from '../src/session/call-recorder.js';
import { StepObserver } from '../src/session/step-observer.js';

const ORIGIN = 'http://openmetadata.mock';

function send(observer: StepObserver, method: string, path: string, status: number, attempt = 1): void {
  const context: HookContext = { attempt, maxAttempts: 4 };
  const request = { method, url: `${ORIGIN}${path}`, headers: {} } as HookRequest;
  observer.hooks.beforeRequest?.(request, context);
  observer.hooks.afterResponse?.({ status } as TransportResponse, request as TransportRequest, context);
}

function eventKinds(observer: StepObserver): string[] {
  return observer.trace.events.map((event) => event.kind);
}

test('two calls in one step (patchFrom: GET then PATCH of the same path) are neither a replay nor a redirect', () => {
  const observer = new StepObserver();
  observer.begin();
  send(observer, 'GET', '/api/v1/tables/1', 200);
  send(observer, 'PATCH', '/api/v1/tables/1', 200);
  send(observer, 'GET', '/api/v1/tables?after=x', 200);
  expect(eventKinds(observer)).toEqual([]);
});

test('the same attempt sent again after a 401 is the replay, and after a 3xx to another path a redirect hop', () => {
  const observer = new StepObserver();
  observer.begin();
  send(observer, 'GET', '/api/v1/tables/1', 401);
  send(observer, 'GET', '/api/v1/tables/1', 200);
  send(observer, 'GET', '/api/v1/tables/name/old', 301);
  send(observer, 'GET', '/api/v1/tables/name/new', 200);
  expect(eventKinds(observer)).toEqual(['replay', 'redirect-followed']);
});

test('a redirect the hooks see only as a final response for another URL is still a redirect hop', () => {
  const observer = new StepObserver();
  observer.begin();
  const context: HookContext = { attempt: 1, maxAttempts: 4 };
  observer.hooks.beforeRequest?.(
    { method: 'GET', url: `${ORIGIN}/old`, headers: {} } as HookRequest,
    context,
  );
  const final = { method: 'GET', url: `${ORIGIN}/new`, headers: {} } as TransportRequest;
  observer.hooks.afterResponse?.({ status: 200 } as TransportResponse, final, context);
  expect(observer.trace.events).toEqual([{ kind: 'redirect-followed', attempt: 1, to: '/new' }]);
});

test('the call recorder records nested methods of a client whose members are read-only properties', () => {
  const recorder = new CallRecorder();
  const client = {};
  const tables = {
    secret: 41,
    getByName(this: { secret: number }) {
      return this.secret + 1;
    },
  };
  Object.defineProperty(client, 'tables', { value: tables, enumerable: true });
  const wrapped = recorder.wrap(client as { tables: typeof tables }, 'om');
  recorder.begin();
  expect(wrapped.tables.getByName()).toBe(42);
  expect(recorder.calls).toEqual(['om.tables.getByName']);
  recorder.begin();
  expect(recorder.calls).toEqual([]);
});

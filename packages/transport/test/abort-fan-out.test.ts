import { getEventListeners } from 'node:events';
import { expect, test } from 'vitest';
import { type AbortSubscriber, subscribeAbort, unsubscribeAbort } from '../src/abort-fan-out.js';

function counter(): AbortSubscriber & { calls: number } {
  const subscriber = {
    calls: 0,
    handleEvent() {
      subscriber.calls++;
    },
  };
  return subscriber;
}

test('subscribers of two signals used in turn are notified only by their own signal, once', () => {
  const first = new AbortController();
  const second = new AbortController();
  const onFirst = [counter(), counter()];
  const onSecond = [counter(), counter()];
  for (let index = 0; index < 2; index++) {
    subscribeAbort(first.signal, onFirst[index]!);
    subscribeAbort(second.signal, onSecond[index]!);
  }
  expect(getEventListeners(first.signal, 'abort')).toHaveLength(1);
  expect(getEventListeners(second.signal, 'abort')).toHaveLength(1);
  first.abort();
  expect(onFirst.map((subscriber) => subscriber.calls)).toEqual([1, 1]);
  expect(onSecond.map((subscriber) => subscriber.calls)).toEqual([0, 0]);
  // Unsubscribing from an aborted signal is harmless; the other signal still fans out.
  unsubscribeAbort(first.signal, onFirst[0]!);
  second.abort();
  expect(onSecond.map((subscriber) => subscriber.calls)).toEqual([1, 1]);
  expect(onFirst.map((subscriber) => subscriber.calls)).toEqual([1, 1]);
});

test('the last unsubscribe removes the listener, and a later subscriber to the same signal is notified once', () => {
  const controller = new AbortController();
  const gone = counter();
  subscribeAbort(controller.signal, gone);
  unsubscribeAbort(controller.signal, gone);
  expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  const other = new AbortController();
  const onOther = counter();
  subscribeAbort(other.signal, onOther);
  const later = counter();
  subscribeAbort(controller.signal, later);
  expect(getEventListeners(controller.signal, 'abort')).toHaveLength(1);
  controller.abort();
  expect([gone.calls, later.calls, onOther.calls]).toEqual([0, 1, 0]);
  unsubscribeAbort(other.signal, onOther);
  expect(getEventListeners(other.signal, 'abort')).toHaveLength(0);
});

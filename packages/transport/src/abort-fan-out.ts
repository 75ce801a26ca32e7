/** What {@link subscribeAbort} notifies: an object with `handleEvent`, like a DOM event listener object. */
export interface AbortSubscriber {
  handleEvent(): void;
}

const subscribersBySignal = new WeakMap<AbortSignal, Set<AbortSubscriber>>();

/**
 * `{ once: true }` without a prototype: Node's `addEventListener` also reads `signal` from its options, and a
 * planted `Object.prototype.signal` (aborted) would drop the listener silently, or (not a signal) throw.
 */
const ONCE = { __proto__: null, once: true } as AddEventListenerOptions;

function fanOut(event: Event): void {
  const signal = event.target as AbortSignal;
  const subscribers = subscribersBySignal.get(signal);
  if (subscribers === undefined) return;
  subscribersBySignal.delete(signal);
  for (const subscriber of subscribers) subscriber.handleEvent();
}

/**
 * Call `subscriber.handleEvent()` once when `signal` aborts. However many exchanges share one signal (an
 * application-wide shutdown signal across thousands of concurrent calls), the signal carries ONE listener, so it
 * never grows and Node never prints `MaxListenersExceededWarning`. Check `signal.aborted` before subscribing: as
 * with `addEventListener`, subscribing to an already aborted signal never fires.
 */
export function subscribeAbort(signal: AbortSignal, subscriber: AbortSubscriber): void {
  let subscribers = subscribersBySignal.get(signal);
  if (subscribers === undefined) {
    subscribers = new Set();
    subscribersBySignal.set(signal, subscribers);
    signal.addEventListener('abort', fanOut, ONCE);
  }
  subscribers.add(subscriber);
}

/** Stop notifying `subscriber`; the signal's one listener is removed with the last subscriber. */
export function unsubscribeAbort(signal: AbortSignal, subscriber: AbortSubscriber): void {
  const subscribers = subscribersBySignal.get(signal);
  if (subscribers === undefined || !subscribers.delete(subscriber) || subscribers.size > 0) return;
  subscribersBySignal.delete(signal);
  signal.removeEventListener('abort', fanOut);
}

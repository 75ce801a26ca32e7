/*
 * Which fetch functions are known to send through the Node wire (node-fetch-wire.ts). Node's own fetch does; a
 * fetch patched by MSW (or any interceptor installed on `globalThis.fetch`) answers without it, so it never sees
 * the wire's abort and must keep getting a signal. Keyed by the function itself: a patch installed later is a
 * new function and starts unknown.
 */

/** `true`: every response so far came through the wire; `false`: at least one did not (final). */
const carriesWireByFetch = new WeakMap<object, boolean>();

/**
 * Whether `fetchFunction` is known to send every request through the wire, so aborting the wire stops it and
 * fetch needs no signal. Unknown functions (the first request of a process, a newly patched fetch) get one.
 */
export function carriesWire(fetchFunction: object): boolean {
  return carriesWireByFetch.get(fetchFunction) === true;
}

/** Record whether a response of `fetchFunction` came through the wire; one that did not revokes trust for good. */
export function noteWireUse(fetchFunction: object, throughWire: boolean): void {
  const known = carriesWireByFetch.get(fetchFunction);
  if (known === false || known === throughWire) return;
  carriesWireByFetch.set(fetchFunction, known === undefined ? throughWire : false);
}

import type { Transport } from '@meta/transport';
import { createFetchTransport } from '@meta/transport';
import { createUndiciTransport } from '@meta/transport/undici';

/** Both real adapters, built fresh per test, as an outside checker runs every case on each. */
export const TRANSPORTS: ReadonlyArray<readonly [string, () => Transport]> = [
  ['undici', () => createUndiciTransport({ proxy: false })],
  ['fetch', () => createFetchTransport()],
];

/** Sleeps recorded instead of slept, so backoff is asserted exactly and tests never wait. */
export function recordingSleep(): {
  sleeps: number[];
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
} {
  const sleeps: number[] = [];
  return {
    sleeps,
    sleep: async (ms: number, signal?: AbortSignal) => {
      sleeps.push(ms);
      signal?.throwIfAborted();
    },
  };
}

/** Settles a promise into its rejection, failing loudly if it resolved. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to reject, but it resolved');
}

import type { Transport } from '@meta/transport';
import { createFetchTransport } from '@meta/transport';
import { createUndiciTransport } from '@meta/transport/undici';

export { rejectionOf } from '../helpers/rejection-of.js';

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

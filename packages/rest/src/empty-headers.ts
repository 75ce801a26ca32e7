import type { TransportHeaders } from '@meta/transport';

/**
 * Headers with nothing in them, for a response known only by its status (a transport refused its body's coding,
 * so the judgement stage builds a stand-in). A few plain functions rather than `createTransportHeaders({})`:
 * that general header record is otherwise unused on the browser path, and carrying it for this one Node-side
 * case cost 184 bytes of the min+gzip bundle (docs/benchmarks.md, "Browser bundle"). A new object per call, so
 * no caller can change what another one sees.
 */
export function emptyHeaders(): TransportHeaders {
  return {
    get: () => null,
    getAll: () => [],
    has: () => false,
    entries: () => [][Symbol.iterator](),
    [Symbol.iterator]: () => [][Symbol.iterator](),
    toRecord: () => ({}),
  };
}

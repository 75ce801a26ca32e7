/**
 * The clients the burst mode compares. Each reuses a bench driver's factory unchanged, so a burst client has
 * exactly the pool settings of the steady-state driver of the same name.
 */
import type { CreateBenchClient } from '../drivers/bench-client.js';

/** One client of the burst comparison. */
export interface BurstClientKind {
  /** The bench driver id it reuses (plus `-aa` for the A/A copy). */
  readonly id: string;
  /** What it is, for the report. */
  readonly label: string;
  /** Loads the driver module and returns its factory. */
  load(): Promise<CreateBenchClient>;
}

/** REST over HTTP/1.1 TLS: the baseline every ratio divides by (SPEC 7: h2 must beat it). */
export const BASELINE_CLIENT = 'rest-undici-tls';

/** The A/A copy of the baseline: how far two identical clients land apart in the same rounds. */
export const AA_CLIENT = 'rest-undici-tls-aa';

const restTls = async () => (await import('../drivers/rest-tls-drivers.js')).createRestHttp1TlsClient;

/** Every burst client, in report order. */
export const BURST_CLIENTS: readonly BurstClientKind[] = [
  {
    id: 'rest-undici-h2',
    label: 'REST, undici transport, `allowH2` (1 session)',
    load: async () => (await import('../drivers/rest-tls-drivers.js')).createRestH2Client,
  },
  { id: BASELINE_CLIENT, label: 'REST, undici transport, HTTP/1.1 keep-alive TLS', load: restTls },
  { id: AA_CLIENT, label: 'A/A: a second copy of REST over HTTP/1.1 TLS', load: restTls },
  {
    id: 'undici-h2',
    label: 'raw `undici.request`, `allowH2` (1 connection, 100 streams)',
    load: async () => (await import('../drivers/h2-ceiling-drivers.js')).createUndiciH2Client,
  },
  {
    id: 'undici-tls',
    label: 'raw `undici.request`, HTTP/1.1 keep-alive TLS',
    load: async () => (await import('../drivers/h2-ceiling-drivers.js')).createUndiciTlsClient,
  },
];

/** The burst client with this id; throws listing the valid ids. */
export function findBurstClient(id: string): BurstClientKind {
  const kind = BURST_CLIENTS.find((candidate) => candidate.id === id);
  if (kind === undefined) {
    throw new Error(`Unknown burst client "${id}": use ${BURST_CLIENTS.map((item) => item.id).join(', ')}`);
  }
  return kind;
}

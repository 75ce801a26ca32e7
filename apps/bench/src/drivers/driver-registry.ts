import type { WorkloadName } from '../workloads.js';
import type { CreateBenchClient } from './bench-client.js';

/** A benchmarked client: a stable id for flags and a label for the report. */
export interface DriverDefinition {
  readonly id: string;
  readonly label: string;
  /** Loaded inside the driver's own process only, so no process pays for another library's modules. */
  readonly load: () => Promise<CreateBenchClient>;
  /** Talks to the TLS server (HTTP/2 with HTTP/1.1 allowed) instead of the plain one. @default false */
  readonly tls?: boolean;
  /** The only routes it is measured on. @default every route of the run */
  readonly routes?: readonly WorkloadName[];
}

/** The anchor every ratio is taken against. */
export const ANCHOR_DRIVER_ID = 'undici';

/** The least any undici client can do (SPEC 7 v2): the second ratio every row carries. */
export const FLOOR_DRIVER_ID = 'floor';

/** Every driver, in the order a round runs them. */
export const DRIVERS: readonly DriverDefinition[] = [
  {
    id: 'undici',
    label: 'raw undici.request',
    load: async () => (await import('./undici-request-driver.js')).createUndiciRequestClient,
  },
  {
    id: 'floor',
    label: 'floor: minimal undici dispatch handler',
    load: async () => (await import('./floor-dispatch-driver.js')).createFloorDispatchClient,
  },
  {
    id: 'floor-controller',
    label: 'floor on the controller API (behind UnwrapHandler)',
    load: async () => (await import('./floor-dispatch-driver.js')).createControllerFloorClient,
  },
  {
    id: 'floor-headers',
    label: "floor sending REST's default headers",
    load: async () => (await import('./floor-dispatch-driver.js')).createFloorWithRestHeadersClient,
  },
  {
    id: 'floor-busy',
    label: "floor + 1.25 us CPU per request (REST's in-memory excess)",
    load: async () => (await import('./floor-dispatch-driver.js')).createBusyFloorClient,
  },
  {
    id: 'floor-deadline',
    label: 'floor + a deadline timer per request',
    load: async () => (await import('./floor-dispatch-driver.js')).createDeadlineFloorClient,
  },
  {
    id: 'rest-undici',
    label: 'REST (undici transport)',
    load: async () => (await import('./rest-undici-driver.js')).createRestUndiciClient,
  },
  {
    id: 'undici-aa',
    label: 'raw undici.request (A/A copy)',
    load: async () => (await import('./undici-request-driver.js')).createUndiciRequestClient,
  },
  {
    id: 'fetch',
    label: 'raw global fetch',
    load: async () => (await import('./fetch-driver.js')).createFetchClient,
  },
  {
    id: 'fetch-aa',
    label: 'raw global fetch (A/A copy)',
    load: async () => (await import('./fetch-driver.js')).createFetchClient,
  },
  {
    id: 'transport-fetch',
    label: 'fetch transport alone (no REST pipeline)',
    load: async () => (await import('./transport-alone-drivers.js')).createTransportFetchClient,
  },
  {
    id: 'transport-undici',
    label: 'undici transport alone (no REST pipeline)',
    load: async () => (await import('./transport-alone-drivers.js')).createTransportUndiciClient,
  },
  {
    id: 'fetch-undici7',
    label: 'raw global fetch on npm undici 7 dispatcher',
    load: async () => (await import('./fetch-npm-undici-driver.js')).createFetchOnNpmUndiciClient,
  },
  {
    id: 'rest-fetch',
    label: 'REST (fetch transport)',
    load: async () => (await import('./rest-fetch-driver.js')).createRestFetchClient,
  },
  {
    id: 'rest-undici-h2',
    label: 'REST (undici, TLS, allowH2: HTTP/2)',
    load: async () => (await import('./rest-tls-drivers.js')).createRestH2Client,
    tls: true,
    routes: ['small'],
  },
  {
    id: 'rest-undici-tls',
    label: 'REST (undici, TLS, HTTP/1.1 keep-alive)',
    load: async () => (await import('./rest-tls-drivers.js')).createRestHttp1TlsClient,
    tls: true,
    routes: ['small'],
  },
  {
    id: 'undici-tls',
    label: 'h2 ceiling: raw undici.request, TLS, HTTP/1.1 keep-alive',
    load: async () => (await import('./h2-ceiling-drivers.js')).createUndiciTlsClient,
    tls: true,
    routes: ['small'],
  },
  {
    id: 'undici-h2',
    label: 'h2 ceiling: raw undici.request, TLS, allowH2 (1 session)',
    load: async () => (await import('./h2-ceiling-drivers.js')).createUndiciH2Client,
    tls: true,
    routes: ['small'],
  },
  {
    id: 'node-h2',
    label: 'h2 ceiling: bare node:http2 session',
    load: async () => (await import('./h2-ceiling-drivers.js')).createNodeHttp2Client,
    tls: true,
    routes: ['small'],
  },
  {
    id: 'node-h2x4',
    label: 'h2 ceiling: 4 bare node:http2 sessions',
    load: async () => (await import('./h2-ceiling-drivers.js')).createNodeHttp2FourSessionsClient,
    tls: true,
    routes: ['small'],
  },
  { id: 'axios', label: 'axios', load: async () => (await import('./axios-driver.js')).createAxiosClient },
  { id: 'got', label: 'got', load: async () => (await import('./got-driver.js')).createGotClient },
  { id: 'ky', label: 'ky', load: async () => (await import('./ky-driver.js')).createKyClient },
];

/** Whether `driver` is measured on `route` (TLS drivers only run the route SPEC 7 names for them). */
export function measuresRoute(driver: DriverDefinition, route: WorkloadName): boolean {
  return driver.routes === undefined || driver.routes.includes(route);
}

/** Look a driver up by id; throws on an unknown id so a typo in `--drivers` fails loudly. */
export function findDriver(id: string): DriverDefinition {
  const driver = DRIVERS.find((candidate) => candidate.id === id);
  if (driver === undefined) {
    throw new Error(`Unknown driver "${id}"; expected one of ${DRIVERS.map((d) => d.id).join(', ')}`);
  }
  return driver;
}

import type { CreateBenchClient } from './bench-client.js';

/** A benchmarked client: a stable id for flags and a label for the report. */
export interface DriverDefinition {
  readonly id: string;
  readonly label: string;
  /** Loaded inside the driver's own process only, so no process pays for another library's modules. */
  readonly load: () => Promise<CreateBenchClient>;
}

/** The anchor every ratio is taken against. */
export const ANCHOR_DRIVER_ID = 'undici';

/** Every driver, in the order a round runs them. */
export const DRIVERS: readonly DriverDefinition[] = [
  {
    id: 'undici',
    label: 'raw undici.request',
    load: async () => (await import('./undici-request-driver.js')).createUndiciRequestClient,
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
    id: 'fetch-undici7',
    label: 'raw global fetch on npm undici 7 dispatcher',
    load: async () => (await import('./fetch-npm-undici-driver.js')).createFetchOnNpmUndiciClient,
  },
  {
    id: 'rest-fetch',
    label: 'REST (fetch transport)',
    load: async () => (await import('./rest-fetch-driver.js')).createRestFetchClient,
  },
  { id: 'axios', label: 'axios', load: async () => (await import('./axios-driver.js')).createAxiosClient },
  { id: 'got', label: 'got', load: async () => (await import('./got-driver.js')).createGotClient },
  { id: 'ky', label: 'ky', load: async () => (await import('./ky-driver.js')).createKyClient },
];

/** Look a driver up by id; throws on an unknown id so a typo in `--drivers` fails loudly. */
export function findDriver(id: string): DriverDefinition {
  const driver = DRIVERS.find((candidate) => candidate.id === id);
  if (driver === undefined) {
    throw new Error(`Unknown driver "${id}"; expected one of ${DRIVERS.map((d) => d.id).join(', ')}`);
  }
  return driver;
}

/** The name of one benchmarked route. */
export type WorkloadName = 'small' | 'table' | 'big' | 'echo' | 'rate-limited';

/**
 * One benchmarked route as every driver sees it. Paths are relative to `/api/v1`, as `REST.get(path)` takes them;
 * the raw drivers prefix them themselves.
 */
export interface Workload {
  readonly name: WorkloadName;
  readonly method: 'GET' | 'POST';
  /** The path under `/api/v1`. */
  readonly path: string;
  /** A short human description for the report. */
  readonly description: string;
  /** Concurrency levels measured for this route by a full run. */
  readonly concurrencies: readonly number[];
  /**
   * True when every logical request needs its own id: the rate-limited route answers 429 to the first attempt of
   * an id and 200 to the second, so each logical request is exactly one 429 plus one retry.
   */
  readonly needsUniqueId: boolean;
  /** The top-level key every parsed body must have; catches a driver that returns text instead of JSON. */
  readonly expectedKey: string;
}

/** API prefix the server mounts its routes under and REST adds as `/<apiVersion>`. */
export const API_PREFIX = '/api/v1';

/** Every route the harness serves, in report order. */
export const WORKLOADS: readonly Workload[] = [
  {
    name: 'small',
    method: 'GET',
    path: '/system/version',
    description: 'GET small JSON (~200 B)',
    concurrencies: [1, 32, 128],
    needsUniqueId: false,
    expectedKey: 'version',
  },
  {
    name: 'table',
    method: 'GET',
    path: '/tables/6a3c9f0e-0000-4000-8000-000000000001',
    description: 'GET OpenMetadata table entity (~8 KB)',
    concurrencies: [1, 32],
    needsUniqueId: false,
    expectedKey: 'columns',
  },
  {
    name: 'big',
    method: 'GET',
    path: '/tables',
    description: 'GET table list (~1 MB)',
    concurrencies: [1, 32],
    needsUniqueId: false,
    expectedKey: 'paging',
  },
  {
    name: 'echo',
    method: 'POST',
    path: '/tables',
    description: 'POST CreateTable JSON, echoed back (~1 KB each way)',
    concurrencies: [1, 32],
    needsUniqueId: false,
    expectedKey: 'databaseSchema',
  },
  {
    name: 'rate-limited',
    method: 'GET',
    path: '/bench/rate-limited',
    description: 'GET answered 429 `Retry-After: 0` then 200 (2 exchanges per request)',
    concurrencies: [1, 32],
    needsUniqueId: true,
    expectedKey: 'version',
  },
];

/** Look a workload up by name; throws on an unknown name so a typo in `--only` fails loudly. */
export function findWorkload(name: string): Workload {
  const workload = WORKLOADS.find((candidate) => candidate.name === name);
  if (workload === undefined) {
    throw new Error(`Unknown workload "${name}"; expected one of ${WORKLOADS.map((w) => w.name).join(', ')}`);
  }
  return workload;
}

import { REST } from '@meta/rest';
import { createFetchTransport, type Transport, type TransportResponse } from '@meta/transport';
import { sealRequestHeaders } from '@meta/transport/adapter';
import { createUndiciTransport } from '@meta/transport/undici';
import { Agent } from 'undici';
// The transport's own wire, reached by path: it is internal to @meta/transport (not exported), and this variant
// must measure exactly the dispatcher the transport hands Node's fetch, not a look-alike.
import { NodeFetchWire } from '../../../../packages/transport/src/fetch/node-fetch-wire.js';
import { DEFAULT_POOL } from '../drivers/bench-client.js';
import { type FloorResponse, legacyFloorHandler } from '../drivers/floor-handlers.js';
import { API_PREFIX } from '../workloads.js';

/** Sends one GET of `path` (under `/api/v1`) and resolves with the parsed JSON body. */
export type AbSend = (path: string) => Promise<unknown>;

/** One side of the A/B: a way to GET a route with global fetch, from raw to REST over the fetch transport. */
export interface AbVariant {
  readonly id: string;
  readonly label: string;
  create(origin: string): AbSend;
}

/** What REST sends on every GET (its default headers without a token), sealed as REST seals them. */
const REST_HEADERS = sealRequestHeaders({ 'user-agent': 'meta-rest-bench', accept: 'application/json' });
/** The same names and values as a plain object, which is what raw fetch callers pass. */
const PLAIN_HEADERS = { 'user-agent': 'meta-rest-bench', accept: 'application/json' };
/** REST's default per-attempt deadline is set on every transport request; the timer is paid as REST pays it. */
const TIMEOUT_MS = 30_000;

const utf8 = new TextDecoder();

/** A wire dispatcher per request, as the transport opens one per exchange. */
function wireDispatcher(): unknown {
  return NodeFetchWire.dispatcherFor(new NodeFetchWire());
}

function rawFetch(init: () => RequestInit | undefined): AbVariant['create'] {
  return (origin) => {
    const prefix = origin + API_PREFIX;
    return async (path) => (await fetch(prefix + path, init())).json();
  };
}

/**
 * A transport alone (fetch unless told): a GET with REST's headers (and deadline, unless `timeoutMs` is
 * undefined), then `read`.
 */
function transportAlone(
  read: (response: TransportResponse) => Promise<unknown>,
  timeoutMs: number | undefined = TIMEOUT_MS,
  createTransport: () => Transport = createFetchTransport,
): AbVariant['create'] {
  return (origin) => {
    const prefix = origin + API_PREFIX;
    const transport = createTransport();
    const deadline = timeoutMs === undefined ? {} : { timeoutMs };
    return async (path) =>
      read(await transport.send({ method: 'GET', url: prefix + path, headers: REST_HEADERS, ...deadline }));
  };
}

/** REST over the transport `createTransport` builds. */
function restOver(createTransport: () => Transport): AbVariant['create'] {
  return (origin) => {
    const client = new REST({
      baseUrl: `${origin}/api`,
      transport: createTransport(),
      logger: { warn() {} },
    });
    return (path) => client.get(path);
  };
}

/** REST's default `timeoutMs`, armed by the floor variant that pays a deadline timer as the undici transport does. */
const REST_TIMEOUT_MS = 300_000;

/** The bench's floor (status, raw chunks, one concat, one `JSON.parse`), with a deadline timer per exchange or not. */
function undiciFloor(deadlineMs: number | undefined): AbVariant['create'] {
  return (origin) => {
    const agent = new Agent({
      connections: DEFAULT_POOL.connections,
      keepAliveTimeout: DEFAULT_POOL.keepAliveTimeoutMs,
    });
    const exchange = (path: string) =>
      new Promise<FloorResponse>((resolve, reject) => {
        let timer: ReturnType<typeof setTimeout> | undefined;
        if (deadlineMs !== undefined) {
          timer = setTimeout(() => reject(new Error('deadline')), deadlineMs);
          const settle = resolve;
          resolve = (response) => {
            clearTimeout(timer);
            settle(response);
          };
        }
        agent.dispatch(
          { origin, path: API_PREFIX + path, method: 'GET', headers: null },
          legacyFloorHandler(resolve, reject) as never,
        );
      });
    return async (path) => JSON.parse((await exchange(path)).body.toString('utf8'));
  };
}

/** The undici transport on the bench's pool, alone or under REST. */
function undiciTransport() {
  return createUndiciTransport({
    connections: DEFAULT_POOL.connections,
    keepAliveTimeoutMs: DEFAULT_POOL.keepAliveTimeoutMs,
  });
}

/** Every variant, in report order. The first is the anchor the others are divided by. */
export const AB_VARIANTS: readonly AbVariant[] = [
  { id: 'fetch', label: 'raw fetch + json()', create: rawFetch(() => undefined) },
  { id: 'fetch-aa', label: 'raw fetch (A/A copy)', create: rawFetch(() => undefined) },
  {
    id: 'fetch-wire',
    label: 'raw fetch + the transport wire dispatcher',
    create: rawFetch(() => ({ dispatcher: wireDispatcher() }) as RequestInit),
  },
  {
    id: 'fetch-init',
    label: "raw fetch + REST's headers + redirect: 'manual'",
    create: rawFetch(() => ({ method: 'GET', headers: PLAIN_HEADERS, redirect: 'manual' })),
  },
  {
    id: 'fetch-init-wire',
    label: 'raw fetch + headers, manual redirect and the wire',
    create: rawFetch(
      () =>
        ({
          method: 'GET',
          headers: PLAIN_HEADERS,
          redirect: 'manual',
          dispatcher: wireDispatcher(),
        }) as RequestInit,
    ),
  },
  {
    id: 'transport',
    label: 'fetch transport alone (send + json())',
    create: transportAlone((response) => response.json()),
  },
  {
    id: 'transport-no-deadline',
    label: 'fetch transport alone without timeoutMs (no deadline timer)',
    create: transportAlone((response) => response.json(), undefined),
  },
  {
    id: 'transport-bytes',
    label: 'fetch transport, body read as bytes() + decode + JSON.parse (the session-4 read path)',
    create: transportAlone(async (response) => JSON.parse(utf8.decode(await response.bytes()))),
  },
  { id: 'rest', label: 'REST over the fetch transport', create: restOver(createFetchTransport) },
  // Over npm undici 7 (anchor with `--anchor floor`): where REST's gap to the floor is, over a real socket.
  { id: 'floor', label: 'undici floor (minimal dispatch handler)', create: undiciFloor(undefined) },
  { id: 'floor-aa', label: 'undici floor (A/A copy)', create: undiciFloor(undefined) },
  {
    id: 'floor-deadline',
    label: 'undici floor + a 300 s deadline timer per request',
    create: undiciFloor(REST_TIMEOUT_MS),
  },
  {
    id: 'undici-transport',
    label: 'undici transport alone (send + json())',
    create: transportAlone((response) => response.json(), REST_TIMEOUT_MS, undiciTransport),
  },
  { id: 'undici-rest', label: 'REST over the undici transport', create: restOver(undiciTransport) },
];

/** The variants named in `ids` (all when empty), the anchor always first; unknown ids throw. */
export function selectVariants(ids: readonly string[]): AbVariant[] {
  for (const id of ids) {
    if (!AB_VARIANTS.some((variant) => variant.id === id)) {
      throw new Error(
        `unknown variant "${id}" (known: ${AB_VARIANTS.map((variant) => variant.id).join(', ')})`,
      );
    }
  }
  return AB_VARIANTS.filter((variant, index) => index === 0 || ids.length === 0 || ids.includes(variant.id));
}

import { ClientClosedError, ConfigError, NetworkError } from '@meta/errors';
// Node's fetch repairs; a browser bundle resolves `#fetch-wire` to a stub (see fetch-wire-browser.ts).
import { NodeFetchWire, nodeZlib } from '#fetch-wire';
import { checkedOptions, checkOption, isFunction } from '../check-options.js';
import { requestProblem } from '../check-request.js';
import { parseContentCodings, sharedRequestHeaders, withAcceptEncoding } from '../content-codings.js';
import { withoutPrototype } from '../own-options.js';
import type { Transport, TransportRequest, TransportResponse } from '../transport.js';
import { FetchExchange } from './fetch-exchange.js';
import { FetchTransportResponse } from './fetch-response.js';
import type { FetchFunction, FetchTransportOptions } from './fetch-transport-options.js';
import { carriesWire, noteWireUse } from './fetch-wire-trust.js';
import { forbiddenPortError } from './forbidden-ports.js';

/**
 * A {@link Transport} over the standard `fetch`, for browsers, edge runtimes, Deno, Bun and Node. It imports no
 * Node built-in. Redirects are not followed (`redirect: "manual"`); the platform decodes gzip/deflate/br itself
 * and the transport counts the decoded bytes against `maxResponseBytes`.
 *
 * Per-client TLS (`ca`, `rejectUnauthorized`, client certificates) is not possible through `fetch`; in Node use
 * `@meta/transport/undici` for that.
 *
 * @example
 * ```ts
 * import { createFetchTransport } from '@meta/transport';
 *
 * const transport = createFetchTransport();
 * const response = await transport.send({ method: 'GET', url: 'https://metadata.example/api/v1/tables', headers: {} });
 * console.log(response.status, await response.json());
 * ```
 */
export function createFetchTransport(options?: FetchTransportOptions | null): Transport {
  // Own property only, read once: a polluted `Object.prototype.fetch` must never receive our requests.
  const injectedFetch = checkedOptions(options, ['fetch'], 'createFetchTransport').fetch;
  checkOption(injectedFetch, 'fetch', isFunction, 'a fetch function');
  let closed = false;
  return {
    name: 'fetch',
    // A closed transport refuses work like the undici one does, so code behaves the same on either.
    send: (request) =>
      closed
        ? Promise.reject(new ClientClosedError('the fetch transport is closed'))
        : sendWithFetch(request, injectedFetch),
    close: () => {
      // Nothing to release: connections belong to the platform's fetch.
      closed = true;
      return Promise.resolve();
    },
  };
}

/**
 * The fetch init for one exchange. Null prototype: fetch reads optional keys a polluted prototype would supply.
 * No signal when the wire is known to carry this fetch's requests: the exchange stops them through the wire.
 */
function fetchInit(
  request: TransportRequest,
  exchange: FetchExchange,
  wire: NodeFetchWire | undefined,
  fetchFunction: FetchFunction,
): RequestInit {
  const dispatcher = wire === undefined ? undefined : NodeFetchWire.dispatcherFor(wire);
  const platformFetch = dispatcher !== undefined && carriesWire(fetchFunction);
  const init: RequestInit & { dispatcher?: unknown } = withoutPrototype({
    method: request.method,
    // Node's own fetch only reads the headers it is given, so a sealed record's shared copy is safe for it; any
    // other fetch (injected, intercepted) gets a copy of its own, which it may change.
    headers: platformFetch ? sharedRequestHeaders(request.headers) : withAcceptEncoding(request.headers),
    redirect: 'manual' as const,
  });
  if (request.body !== undefined) init.body = request.body as BodyInit;
  if (dispatcher !== undefined) init.dispatcher = dispatcher;
  if (!platformFetch) init.signal = exchange.signal;
  return init;
}

let zlibFound: boolean | undefined;

/** Whether `node:zlib` is there (Node): looked up once, not per request. */
function hasNodeZlib(): boolean {
  zlibFound ??= nodeZlib() !== undefined;
  return zlibFound;
}

/** A status-0 response: a network error in disguise (`Response.error()`), unless it is an opaque redirect. */
function statusZeroError(response: Response, exchange: FetchExchange): NetworkError | undefined {
  if (response.status !== 0 || response.type === 'opaqueredirect') return undefined;
  const { method, url, redactor } = exchange.request;
  return new NetworkError({
    code: 'ERR_NETWORK',
    message: `fetch answered with a network error response (type "${response.type}", status 0)`,
    method,
    url,
    beforeResponse: true,
    cause: new TypeError(`status 0 response of type ${response.type}`),
    ...(redactor ? { redactor } : {}),
  });
}

async function sendWithFetch(
  request: TransportRequest,
  injectedFetch: FetchFunction | undefined,
): Promise<TransportResponse> {
  const problem = requestProblem(request);
  if (problem) throw problem;
  if (request.signal?.aborted) throw request.signal.reason;
  // Looked up per call, not at creation, so MSW and test doubles installed later still intercept it.
  // Called as a plain function (no receiver), which browsers accept for their own fetch.
  const fetchFunction: FetchFunction = injectedFetch ?? globalThis.fetch;
  if (typeof fetchFunction !== 'function') {
    throw new ConfigError('no fetch function: pass one as the "fetch" option', { field: 'fetch' });
  }
  const forbidden = forbiddenPortError(request);
  if (forbidden) throw forbidden;
  // Only the platform's own fetch in Node takes the wire (see node-fetch-wire.ts); an injected fetch is used as is.
  const wire = injectedFetch === undefined && hasNodeZlib() ? new NodeFetchWire() : undefined;
  const exchange = new FetchExchange(request, wire);
  let response: Response;
  try {
    response = await exchange.race(
      fetchFunction(request.url, fetchInit(request, exchange, wire, fetchFunction)),
    );
  } catch (error) {
    throw exchange.failure(error);
  }
  if (wire !== undefined) noteWireUse(fetchFunction, wire.contentEncoding !== undefined);
  exchange.responded(response.status);
  const failure =
    statusZeroError(response, exchange) ??
    framingError(exchange, wire) ??
    codingProblem(response, exchange, wire);
  if (failure) {
    exchange.abort(failure);
    response.body?.cancel().catch(() => undefined);
    throw failure;
  }
  return new FetchTransportResponse(response, exchange, wire);
}

/** A Transfer-Encoding the wire cannot read exactly (issues 17.3, 17.4): a typed error, never a body. */
function framingError(exchange: FetchExchange, wire: NodeFetchWire | undefined): NetworkError | undefined {
  if (wire?.framingProblem === undefined) return undefined;
  const { method, url, redactor } = exchange.request;
  return new NetworkError({
    code: 'HPE_INVALID_TRANSFER_ENCODING',
    message: wire.framingProblem,
    method,
    url,
    beforeResponse: false,
    cause: new TypeError(wire.framingProblem),
    ...(redactor ? { redactor } : {}),
  });
}

/** A Content-Encoding the transports refuse (unknown coding, more than five): the ResponseParseError for it. */
function codingProblem(
  response: Response,
  exchange: FetchExchange,
  wire: NodeFetchWire | undefined,
): unknown {
  const contentEncoding =
    wire?.contentEncoding === undefined ? response.headers.get('content-encoding') : wire.codingsToDecode();
  if (contentEncoding === null) return undefined;
  try {
    parseContentCodings(contentEncoding, { ...exchange.context(), statusCode: response.status });
    return undefined;
  } catch (error) {
    return error;
  }
}

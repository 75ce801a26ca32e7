import { ClientClosedError, ConfigError, NetworkError } from '@meta/errors';
// Node's fetch repairs and decoding; a browser bundle resolves `#fetch-wire` to a stub (fetch-wire-browser.ts).
import { fetchInit, openWire, requestPort, settledResponse } from '#fetch-wire';
import { checkedOptions, checkOption, isFunction } from '../check-options.js';
import { requestProblem } from '../check-request.js';
import type { Transport, TransportRequest, TransportResponse } from '../transport.js';
import { FetchExchange } from './fetch-exchange.js';
import type { FetchFunction, FetchTransportOptions } from './fetch-transport-options.js';
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

/** A status-0 response: a network error in disguise (`Response.error()`), unless it is an opaque redirect. */
function statusZeroError(response: Response, exchange: FetchExchange): NetworkError | undefined {
  if (response.status !== 0 || response.type === 'opaqueredirect') return undefined;
  const { method, url, redactor } = exchange.request;
  const message = `fetch answered with a network error response (type "${response.type}", status 0)`;
  return new NetworkError({
    code: 'ERR_NETWORK',
    message,
    method,
    url,
    beforeResponse: true,
    cause: new TypeError(message),
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
  const forbidden = forbiddenPortError(request, requestPort(request.url));
  if (forbidden) throw forbidden;
  const wire = openWire(injectedFetch);
  const exchange = new FetchExchange(request, wire);
  let response: Response;
  try {
    response = await exchange.race(
      fetchFunction(request.url, fetchInit(request, exchange, wire, fetchFunction)),
    );
  } catch (error) {
    throw exchange.failure(error);
  }
  exchange.responded(response.status);
  const zeroStatus = statusZeroError(response, exchange);
  if (zeroStatus === undefined)
    return settledResponse(response, exchange, wire, fetchFunction, request.method);
  exchange.abort(zeroStatus);
  response.body?.cancel().catch(() => undefined);
  throw zeroStatus;
}

import { ClientClosedError, ConfigError } from '@meta/errors';
import { checkedOptions, checkOption, isFunction } from '../check-options.js';
import { requestProblem } from '../check-request.js';
import { parseContentCodings, withAcceptEncoding } from '../content-codings.js';
import { withoutPrototype } from '../own-options.js';
import type { Transport, TransportRequest, TransportResponse } from '../transport.js';
import { FetchExchange } from './fetch-exchange.js';
import { FetchTransportResponse } from './fetch-response.js';
import type { FetchFunction, FetchTransportOptions } from './fetch-transport-options.js';

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
  const exchange = new FetchExchange(request);
  let response: Response;
  try {
    // Null prototype: fetch reads optional keys (`body`, `dispatcher`, ...) a polluted prototype would supply.
    const init: RequestInit = withoutPrototype({
      method: request.method,
      headers: withAcceptEncoding(request.headers),
      signal: exchange.controller.signal,
      redirect: 'manual' as const,
    });
    if (request.body !== undefined) init.body = request.body as BodyInit;
    response = await fetchFunction(request.url, init);
  } catch (error) {
    throw exchange.failure(error);
  }
  exchange.responded = true;
  exchange.statusCode = response.status;
  const contentEncoding = response.headers.get('content-encoding');
  try {
    if (contentEncoding !== null) {
      parseContentCodings(contentEncoding, { ...exchange.context(), statusCode: response.status });
    }
  } catch (error) {
    exchange.abort(error as Error);
    await response.body?.cancel().catch(() => undefined);
    throw error;
  }
  return new FetchTransportResponse(response, exchange);
}

/*
 * `#fetch-wire` for browsers: there is no Node fetch to repair. A browser's fetch decodes content codings itself
 * (and never hands over coded bytes), refuses to let a page set `Accept-Encoding`, and answers every response
 * through its own `Headers`; so no wire, no zlib, no coding checks, and the port is read with `URL`. Typed
 * against the Node module, so the two cannot drift apart.
 */
import { withoutPrototype } from '../own-options.js';
import { FetchTransportResponse } from './fetch-response.js';
import type * as NodeModule from './fetch-wire.js';
import { urlPort } from './forbidden-ports.js';

/** No wire in a browser. */
export const openWire: typeof NodeModule.openWire = () => undefined;

/** The plain init: a copy of the headers (fetch may keep them), no redirects followed, the exchange's signal. */
export const fetchInit: typeof NodeModule.fetchInit = (request, exchange) => {
  const init = withoutPrototype<RequestInit>({
    method: request.method,
    headers: { ...request.headers },
    redirect: 'manual',
    signal: exchange.signal,
  });
  if (request.body !== undefined) init.body = request.body as BodyInit;
  return init;
};

/**
 * The response over fetch's own `Headers` and body, with nothing to check: the browser decoded the body, or
 * failed the request itself.
 */
export const settledResponse: typeof NodeModule.settledResponse = (response, exchange) =>
  new FetchTransportResponse(response, exchange);

/** The port as `URL` reads it. */
export const requestPort: typeof NodeModule.requestPort = urlPort;

/*
 * What the fetch transport does only outside browsers: Node's fetch repairs (the wire, node-fetch-wire.ts), the
 * zlib decoding behind it, `Accept-Encoding` and the content-coding checks, header lookups from the raw list, and
 * the cheap per-request port reading. Imported as `#fetch-wire`: a bundler targeting browsers resolves that to
 * fetch-wire-browser.ts instead, so a browser bundle carries none of this code (a browser's fetch decodes bodies
 * itself, never hands over coded bytes and refuses to let a page set `Accept-Encoding`). Everywhere else (Node,
 * Deno, Bun, a bundle for Node) this module is used and the runtime checks inside decide.
 */
import { isResponseParseError, NetworkError } from '@meta/errors';
import { codingFailureScope } from '../coding-failure-scope.js';
import { parseContentCodings, sharedRequestHeaders, withAcceptEncoding } from '../content-codings.js';
import { FailedBodyResponse } from '../failed-body-response.js';
import { withoutPrototype } from '../own-options.js';
import { DEFAULT_MAX_RESPONSE_BYTES, type TransportRequest, type TransportResponse } from '../transport.js';
import { nodeZlib } from '../undici/body-decoder.js';
import { DecodingFetchResponse } from './decoding-fetch-response.js';
import type { FetchExchange } from './fetch-exchange.js';
import { FetchTransportResponse } from './fetch-response.js';
import type { FetchFunction } from './fetch-transport-options.js';
import { carriesWire, noteWireUse } from './fetch-wire-trust.js';
import { urlPort } from './forbidden-ports.js';
import { NodeFetchWire } from './node-fetch-wire.js';
import { simplePort } from './simple-port.js';
import { WireFetchResponse } from './wire-fetch-response.js';
import { wireHeaders } from './wire-headers.js';

export { NodeFetchWire } from './node-fetch-wire.js';

/** A wire for one exchange: only the platform's own fetch in Node takes one; an injected fetch is used as is. */
export function openWire(injectedFetch: FetchFunction | undefined): NodeFetchWire | undefined {
  return injectedFetch === undefined && nodeZlib() !== undefined ? new NodeFetchWire() : undefined;
}

/**
 * The fetch init for one exchange. Null prototype: fetch reads optional keys a polluted prototype would supply.
 * No signal when the wire is known to carry this fetch's requests: the exchange stops them through the wire.
 */
export function fetchInit(
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
  if (dispatcher !== undefined) {
    init.dispatcher = dispatcher;
    wire!.limitBody(exchange, request.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES);
  }
  if (!platformFetch) init.signal = exchange.signal;
  return init;
}

/**
 * The transport's response for what fetch answered, or the failure it is. A Transfer-Encoding the wire cannot read
 * exactly fails the exchange; a Content-Encoding the transports refuse fails what `codingFailureScope` says (SPEC
 * 3.8 v2): nothing for a HEAD, 204 or 304, only the body read outside 2xx (the status wins, so a 503's
 * `Retry-After` still reaches the caller), the exchange for a 2xx with a body. Here, not in fetch-transport.ts, so
 * a browser bundle (whose fetch decodes bodies itself) carries none of it.
 */
export function settledResponse(
  response: Response,
  exchange: FetchExchange,
  wire: NodeFetchWire | undefined,
  fetchFunction: FetchFunction,
  method: string,
): TransportResponse {
  const failure = responseProblem(response, exchange, wire, fetchFunction);
  const scope =
    failure === undefined
      ? 'none'
      : isResponseParseError(failure)
        ? codingFailureScope(response.status, method)
        : 'response';
  if (scope === 'none') return createResponse(response, exchange, wire);
  exchange.abort(failure);
  response.body?.cancel().catch(() => undefined);
  if (scope === 'body') return new FailedBodyResponse(createResponse(response, exchange, wire), failure);
  throw failure;
}

/**
 * What makes a response a failure before its body is read: a Transfer-Encoding the wire cannot read exactly, or a
 * Content-Encoding the transports refuse. Also records whether `fetchFunction` answered through the wire.
 */
export function responseProblem(
  response: Response,
  exchange: FetchExchange,
  wire: NodeFetchWire | undefined,
  fetchFunction: FetchFunction,
): unknown {
  if (wire !== undefined) noteWireUse(fetchFunction, wire.contentEncoding !== undefined);
  return framingError(exchange, wire) ?? codingProblem(response, exchange, wire);
}

/**
 * The transport's response: headers from the wire's raw list, and the wire's codings decoded here. The wire bounds
 * every body as it arrives (`limitBody`): one with no coding to undo may therefore be read in one go, and an
 * unread coded one never queues much more than the limit.
 */
export function createResponse(
  response: Response,
  exchange: FetchExchange,
  wire: NodeFetchWire | undefined,
): TransportResponse {
  const raw = wire?.rawHeaders;
  if (raw === undefined) return new FetchTransportResponse(response, exchange);
  const headers = wireHeaders(raw, response, wire!.contentEncoding);
  // `identity` codings (validated with the others in responseProblem) leave nothing to decode.
  const result = wire!.decodesBody()
    ? new DecodingFetchResponse(response, exchange, headers, wire!.codingsToDecode()!, wire!)
    : new WireFetchResponse(response, exchange, headers, wire!);
  // A 421 or 407 reached fetch as a 400 (wire-handler.ts): the caller gets the server's status.
  if (wire!.status !== undefined) (result as { status: number }).status = wire!.status;
  return result;
}

/** The port of a request URL as fetch reads it: a plain URL read directly, anything else through `URL`. */
export function requestPort(url: string): string {
  return simplePort(url) ?? urlPort(url);
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
    parseContentCodings(contentEncoding, {
      ...exchange.context(),
      statusCode: wire?.status ?? response.status,
    });
    return undefined;
  } catch (error) {
    return error;
  }
}

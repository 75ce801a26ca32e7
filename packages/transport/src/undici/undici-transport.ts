// First, before undici loads: keeps Node's own fetch on its own dispatcher (issue 18.1).
import '../keep-platform-fetch-dispatcher.js';
import { ClientClosedError, ConfigError } from '@meta/errors';
import * as installedUndici from 'undici';
import { httpAuthorityStart, requestProblem } from '../check-request.js';
import { copyWithAcceptEncoding, sharedRequestHeaders } from '../content-codings.js';
import { timerDelay } from '../timer-delay.js';
import type { Transport, TransportRequest, TransportResponse } from '../transport.js';
import type { ConnectionTracker } from './connection-tracker.js';
import { checkBorrowedDispatcherOptions, createOwnedDispatcher } from './create-owned-dispatcher.js';
import { DeadlinePool } from './deadline-timers.js';
import type { ExchangeOwner } from './exchange-owner.js';
import { QueueCounts } from './queue-counts.js';
import {
  ControllerDispatchHandler,
  type HeaderParser,
  LegacyDispatchHandler,
} from './undici-handler-shapes.js';
import { checkedUndiciOptions } from './undici-option-checks.js';
import type { UndiciDispatcher, UndiciModule, UndiciTransportOptions } from './undici-transport-options.js';

/** The transport state shared with its exchanges. */
interface UndiciTransportState extends ExchangeOwner {
  closed: boolean;
}

/** The origin of the previous request: a client talking to one server (REST) skips scanning the authority. */
interface OriginCache {
  origin: string;
}

/** `/`, `?` or `#` ends the authority of a URL, and so does its end. */
function endsAuthority(url: string, index: number): boolean {
  const character = url.charCodeAt(index);
  return index === url.length || character === 0x2f || character === 0x3f || character === 0x23;
}

/**
 * The dispatch options of `request`: its URL split into undici's `origin` and `path` without building a `URL`
 * (`send()` already checked it), straight into the options object (no intermediate pair per request). Returns
 * `undefined` for anything that is not `http:` or `https:`, or that the URL parser refuses.
 */
function dispatchOptionsFor(
  request: TransportRequest,
  cache: OriginCache,
  shareHeaders: boolean,
): DispatchOptions | undefined {
  const url = request.url;
  let origin = cache.origin;
  let pathStart = origin.length;
  if (pathStart === 0 || !url.startsWith(origin) || !endsAuthority(url, pathStart)) {
    const schemeEnd = httpAuthorityStart(url);
    if (schemeEnd === -1) return undefined;
    pathStart = schemeEnd;
    while (!endsAuthority(url, pathStart)) pathStart++;
    origin = url.slice(0, pathStart);
    cache.origin = origin;
  }
  const path = url.slice(pathStart);
  const hash = path.indexOf('#');
  const withoutHash = hash === -1 ? path : path.slice(0, hash);
  const target =
    withoutHash === '' ? '/' : withoutHash.charCodeAt(0) === 0x3f ? `/${withoutHash}` : withoutHash;
  // What the URL parser would change (spaces, non-ASCII, controls, backslashes, dot segments) is sent as fetch
  // sends it: undici would refuse it, or put raw bytes or an unresolved `..` on the request line.
  if (NEEDS_URL_PARSER.test(target)) {
    const parsed = URL.canParse(url) ? new URL(url) : undefined;
    if (parsed === undefined) return undefined;
    return new DispatchOptions(origin, parsed.pathname + parsed.search, request, shareHeaders);
  }
  return new DispatchOptions(origin, target, request, shareHeaders);
}

/** A request target the WHATWG URL parser would rewrite (a superset: a false match only costs the parse). */
const NEEDS_URL_PARSER = /[^\x21-\x7e]|["'<>\\`{}]|\/(?:\.|%2e)/i;

/**
 * undici 7's header parser when `undici` is undici 7, so a dispatcher built from it gets handlers on undici 7's
 * own callback API; `undefined` for undici 8 (it exports `Dispatcher1Wrapper` and calls only the controller API).
 */
function undiciSevenHeaderParser(undici: UndiciModule): HeaderParser | undefined {
  if ('Dispatcher1Wrapper' in undici) return undefined;
  const parse = (undici as { util?: { parseHeaders?: unknown } }).util?.parseHeaders;
  return typeof parse === 'function' ? (parse as HeaderParser) : undefined;
}

/**
 * The options handed to undici's `dispatch`. Its prototype chain stops before `Object.prototype`, so optional
 * keys undici reads (`query`, `upgrade`, `blocking`, ...) can never come from a polluted prototype; a class, not
 * `Object.create(null)`, so the object keeps V8's fast properties on the hot path.
 */
class DispatchOptions {
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | Uint8Array | null;
  readonly method: string;
  // undici's idle timers default to 300 s; with a deadline they must never fire before ours does.
  readonly headersTimeout: number | undefined;
  readonly bodyTimeout: number | undefined;

  constructor(
    readonly origin: string,
    readonly path: string,
    request: TransportRequest,
    shareHeaders: boolean,
  ) {
    const timeoutMs = request.timeoutMs;
    this.method = request.method;
    this.headers = shareHeaders
      ? sharedRequestHeaders(request.headers)
      : copyWithAcceptEncoding(request.headers);
    this.body = request.body ?? null;
    this.headersTimeout = timeoutMs === undefined ? undefined : timerDelay(timeoutMs);
    this.bodyTimeout = this.headersTimeout;
  }
}
Object.setPrototypeOf(DispatchOptions.prototype, null);

/**
 * A {@link Transport} over undici's dispatcher API, for Node. It dispatches with a lean handler (no WHATWG
 * objects, no AbortController per request), decodes gzip/deflate/br itself, and uses one timer per attempt for
 * the whole-attempt deadline.
 *
 * @example
 * ```ts
 * import { createUndiciTransport } from '@meta/transport/undici';
 *
 * const transport = createUndiciTransport({ ca: readFileSync('corp-ca.pem', 'utf8'), connections: 16 });
 * const response = await transport.send({ method: 'GET', url: 'https://metadata.corp/api/v1/tables', headers: {} });
 * console.log(response.status, await response.json());
 * await transport.close();
 * ```
 */
export function createUndiciTransport(input?: UndiciTransportOptions | null): Transport {
  const options = checkedUndiciOptions(input);
  let dispatcher: UndiciDispatcher;
  let tracker: ConnectionTracker | undefined;
  let shareHeaders = false;
  let reconnectsAfterAbort = false;
  // A borrowed dispatcher may come from either undici: it gets the controller API, which both accept.
  let parseHeaders: HeaderParser | undefined;
  const owned = options.dispatcher === undefined;
  if (options.dispatcher === undefined) {
    const undici = options.undici ?? (installedUndici as unknown as UndiciModule);
    ({ dispatcher, tracker, shareHeaders, reconnectsAfterAbort } = createOwnedDispatcher(options, undici));
    parseHeaders = undiciSevenHeaderParser(undici);
  } else {
    checkBorrowedDispatcherOptions(options);
    dispatcher = options.dispatcher as UndiciDispatcher;
  }
  const state: UndiciTransportState = {
    closed: false,
    abandoned: 0,
    deadlines: new DeadlinePool(),
    // Only a dispatcher whose connections we see can have a stalled connection attempt destroyed.
    queue: tracker === undefined ? undefined : new QueueCounts(),
    tracker,
  };
  // Anything queued anywhere may be waiting for a connection: only a transport with nothing queued refuses one.
  if (tracker !== undefined && reconnectsAfterAbort) tracker.connectOnlyWhile(() => state.queue!.anyQueued());
  // The headers of a sealed record are shared between requests only with undici's own Agent connecting directly:
  // a ProxyAgent adds `host` to them, a borrowed dispatcher may do anything.
  let closing: Promise<void> | undefined;
  const originCache: OriginCache = { origin: '' };

  return {
    name: 'undici',
    send(request: TransportRequest): Promise<TransportResponse> {
      if (state.closed) return Promise.reject(new ClientClosedError('the undici transport is closed'));
      const problem = requestProblem(request);
      if (problem) return Promise.reject(problem);
      if (request.signal?.aborted) return Promise.reject(request.signal.reason);
      // After requestProblem(), undefined only for a path the URL parser refuses (a bad port, say).
      const dispatchOptions = dispatchOptionsFor(request, originCache, shareHeaders);
      if (dispatchOptions === undefined) return Promise.reject(new ConfigError('bad URL', { field: 'url' }));
      const origin = dispatchOptions.origin;
      const handler =
        parseHeaders === undefined
          ? new ControllerDispatchHandler(request, origin, state)
          : new LegacyDispatchHandler(request, origin, state, parseHeaders);
      dispatcher.dispatch(dispatchOptions, handler);
      return handler.response;
    },
    close(): Promise<void> {
      state.closed = true;
      state.deadlines.close();
      if (!owned) return Promise.resolve();
      // A connection attempt nobody waits for any more (its request aborted, say) would otherwise live until its
      // connect timeout after close() resolved, keeping the process alive: a stalled TLS handshake never ends.
      if (tracker !== undefined && !state.queue!.anyQueued()) tracker.abandonAll();
      // A graceful close would wait for requests we gave up on while they queued for a connection (undici can
      // only cancel those once it starts them), so destroy when there are any.
      closing ??= (state.abandoned > 0 ? dispatcher.destroy() : dispatcher.close()).then(() => undefined);
      return closing;
    },
  };
}

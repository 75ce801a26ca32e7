import type { TransportRequest } from '../transport.js';
import { wrapLowercaseHeaders } from '../transport-headers.js';
import type { DispatchController, ExchangeOwner } from './exchange-owner.js';
import { type HeaderParser, type RawHeaderList, RawResponseHeaders } from './raw-response-headers.js';
import { UndiciDispatchHandler } from './undici-dispatch-handler.js';

export type { HeaderParser };

/**
 * The handler API undici 7's core calls itself (`onConnect`, `onHeaders`, `onData`, `onComplete`, `onError`).
 * undici 7 wraps a handler that has `onRequestStart` in its `UnwrapHandler`, which allocates a controller per
 * request, adds a call layer to every callback and decodes every header; this shape skips that layer and decodes
 * only the headers that are read (see {@link RawResponseHeaders}). Only for
 * dispatchers built from undici 7: undici 8 calls the controller API alone.
 */
export class LegacyDispatchHandler extends UndiciDispatchHandler {
  readonly #parseHeaders: HeaderParser;

  constructor(request: TransportRequest, origin: string, owner: ExchangeOwner, parseHeaders: HeaderParser) {
    super(request, origin, owner);
    this.#parseHeaders = parseHeaders;
  }

  onConnect(abort: (reason: Error) => void): void {
    this.requestStarted(abort);
  }

  onHeaders(statusCode: number, rawHeaders: RawHeaderList, _resume: () => void, statusText: string): boolean {
    // Interim 1xx responses are skipped before any header is read; the others are decoded only when asked for.
    if (statusCode >= 200) {
      this.responseStarted(statusCode, new RawResponseHeaders(rawHeaders, this.#parseHeaders), statusText);
    }
    return true;
  }

  onData(chunk: Buffer): boolean {
    this.responseData(chunk);
    return true;
  }

  onComplete(): void {
    this.responseEnded();
  }

  onError(error: Error): void {
    this.responseFailed(error);
  }
}

/** The controller API (`onRequestStart`, `onResponseStart`, ...): what undici 8 calls, and any dispatcher we borrow. */
export class ControllerDispatchHandler extends UndiciDispatchHandler {
  onRequestStart(controller: DispatchController): void {
    this.requestStarted(controller);
  }

  onResponseStart(
    _controller: DispatchController,
    statusCode: number,
    headers: Record<string, string | string[]>,
    statusText: string,
  ): void {
    this.responseStarted(statusCode, wrapLowercaseHeaders(headers), statusText);
  }

  onResponseData(_controller: DispatchController, chunk: Buffer): void {
    this.responseData(chunk);
  }

  onResponseEnd(): void {
    this.responseEnded();
  }

  onResponseError(_controller: DispatchController | undefined, error: Error): void {
    this.responseFailed(error);
  }
}

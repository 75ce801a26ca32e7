import type { TransportHeaders } from '../transport.js';
import type { FetchExchange } from './fetch-exchange.js';
import { FetchTransportResponse } from './fetch-response.js';

/** What Node's wire offers a response (node-fetch-wire.ts): the byte limit enforced on the body as it arrives. */
export interface WireBodyLimit {
  /** A whole read starts: past the limit, end the exchange with its too-large error (at once if already past). */
  enforceLimit(): void;
}

/**
 * A response whose body Node's wire hands over as sent (no coding to undo) and counts against
 * `maxResponseBytes` as it arrives: every whole read may use fetch's one-shot consumer, with or without a
 * declared length, because the wire ends the exchange and drops the connection once the limit is crossed. Node
 * only (behind `#fetch-wire`).
 */
export class WireFetchResponse extends FetchTransportResponse {
  readonly #wire: WireBodyLimit;

  constructor(response: Response, exchange: FetchExchange, headers: TransportHeaders, wire: WireBodyLimit) {
    super(response, exchange, headers);
    this.#wire = wire;
  }

  /** Always, once the wire enforces the limit; a declared length past it still fails at once. */
  protected override fitsOneRead(limit: number): boolean {
    // The wire saw no Content-Encoding: the declared length counts the bytes fetch hands over.
    super.fitsOneRead(limit, this.headers.get('content-length'));
    this.#wire.enforceLimit();
    return true;
  }
}

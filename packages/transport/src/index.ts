export { type AbortSubscriber, subscribeAbort, unsubscribeAbort } from './abort-fan-out.js';
export {
  ACCEPT_ENCODING,
  type CodingContext,
  type ContentCoding,
  MAX_CONTENT_CODINGS,
  parseContentCodings,
  withAcceptEncoding,
} from './content-codings.js';
export { createFetchTransport } from './fetch/fetch-transport.js';
export type { FetchFunction, FetchTransportOptions } from './fetch/fetch-transport-options.js';
export {
  type FailureContext,
  findErrorCode,
  mapTransportError,
  PARSER_ERROR_CODE,
  stableNetworkCode,
} from './map-transport-error.js';
export {
  DEFAULT_MAX_RESPONSE_BYTES,
  type Transport,
  type TransportHeaders,
  type TransportRequest,
  type TransportResponse,
} from './transport.js';
export { createTransportHeaders, type RawHeaderRecord } from './transport-headers.js';

export { createFetchTransport } from './fetch/fetch-transport.js';
export type { FetchFunction, FetchTransportOptions } from './fetch/fetch-transport-options.js';
export { readTextPrefix } from './text-prefix.js';
export {
  DEFAULT_MAX_RESPONSE_BYTES,
  type Transport,
  type TransportHeaders,
  type TransportRequest,
  type TransportResponse,
  type TransportTextPrefix,
} from './transport.js';

export type { ConnectorOptions, UndiciConnector } from './connection-tracker.js';
export { createUndiciTransport } from './undici-transport.js';
export {
  type MinTlsVersion,
  type PemInput,
  UNDICI_TRANSPORT_DEFAULTS,
  type UndiciDispatcher,
  type UndiciModule,
  type UndiciTransportOptions,
} from './undici-transport-options.js';

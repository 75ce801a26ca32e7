export { createUndiciTransport } from './undici-transport.js';
export {
  type PemInput,
  UNDICI_TRANSPORT_DEFAULTS,
  type UndiciDispatcher,
  type UndiciModule,
  type UndiciTransportOptions,
} from './undici-transport-options.js';

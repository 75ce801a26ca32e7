export type { ConfiguredTransportFactory, ConformanceTransportSettings } from './configured-transport.js';
export type {
  ConformanceContext,
  ConformanceNotApplicable,
  ConformanceOptions,
  ConformanceTransportFactory,
} from './conformance-harness.js';
export { BINARY_BODY, JSON_DOCUMENT, type ServerObservations } from './conformance-routes.js';
export {
  createTestCertificates,
  type TestCertificates,
  type TestKeyPair,
} from './create-test-certificates.js';
export { describeTransportConformance } from './describe-transport-conformance.js';
export { type ConformanceServers, startConformanceServers } from './start-conformance-servers.js';

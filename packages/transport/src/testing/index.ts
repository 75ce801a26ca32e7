export type { RecordedRequest } from './recorded-request.js';
export { TestingTransportResponse } from './testing-response.js';
export type {
  TestingAbort,
  TestingHandler,
  TestingHang,
  TestingNetworkFailure,
  TestingResponseInit,
  TestingStep,
  TestingTimeoutFailure,
} from './testing-step.js';
export {
  createTestingTransport,
  type TestingTransport,
  type TestingTransportOptions,
} from './testing-transport.js';

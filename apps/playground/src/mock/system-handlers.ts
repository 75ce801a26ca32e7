import { HttpResponse, http, type RequestHandler } from 'msw';
import type { MockContext } from './mock-context.js';

/** What `GET /api/v1/system/version` answers (OpenMetadata's `OpenMetadataServerVersion`). */
export const MOCK_SERVER_VERSION = Object.freeze({
  version: '1.6.2',
  revision: '4a8b7c0d9e1f2a3b4c5d6e7f8a9b0c1d2e3f4a5b',
  timestamp: 1718035200000,
});

/**
 * `GET /api/v1/system/version`: what `serverVersion()` returns, and what `health()` reads (as the Python SDK's
 * `health_check` does).
 */
export function createSystemHandlers(context: MockContext): RequestHandler[] {
  return [
    http.get(`${context.apiBase}/system/version`, () => {
      context.produced.record('systemVersion', MOCK_SERVER_VERSION);
      return HttpResponse.json(MOCK_SERVER_VERSION);
    }),
  ];
}

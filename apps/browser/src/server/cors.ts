import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Request headers the API allows across origins. Deliberately a fixed list, not an echo of what the browser asks
 * for: a test passes only if REST needs nothing beyond what an OpenMetadata deployment's CORS filter would allow.
 */
export const ALLOWED_REQUEST_HEADERS = ['authorization', 'content-type'] as const;

/** Response headers REST reads that are not CORS-safelisted: without exposing them the browser hides them. */
export const EXPOSED_RESPONSE_HEADERS = ['retry-after', 'location'] as const;

/** One preflight the browser sent, as the server saw it. */
export interface PreflightRecord {
  readonly path: string;
  /** `Access-Control-Request-Method`. */
  readonly method: string;
  /** `Access-Control-Request-Headers`, lowercased and split. */
  readonly requestHeaders: readonly string[];
}

/**
 * Adds the CORS answer for requests from `allowedOrigin` and answers preflights. Returns `true` when the request
 * was a preflight and is fully answered; requests from any other origin get no CORS headers (the browser blocks).
 */
export function handleCors(
  request: IncomingMessage,
  response: ServerResponse,
  allowedOrigin: string,
  preflights: PreflightRecord[],
): boolean {
  const origin = request.headers.origin;
  if (origin !== allowedOrigin) return false;
  response.setHeader('access-control-allow-origin', origin);
  response.setHeader('vary', 'Origin');
  const requestedMethod = request.headers['access-control-request-method'];
  if (request.method !== 'OPTIONS' || requestedMethod === undefined) {
    response.setHeader('access-control-expose-headers', EXPOSED_RESPONSE_HEADERS.join(', '));
    return false;
  }
  const requestedHeaders = request.headers['access-control-request-headers'] ?? '';
  preflights.push({
    path: request.url ?? '',
    method: requestedMethod,
    requestHeaders: requestedHeaders
      .split(',')
      .map((name) => name.trim().toLowerCase())
      .filter((name) => name !== ''),
  });
  response.writeHead(204, {
    'access-control-allow-methods': 'GET, POST, PUT, PATCH, DELETE',
    'access-control-allow-headers': ALLOWED_REQUEST_HEADERS.join(', '),
    // No preflight cache, so every test sees its own preflight.
    'access-control-max-age': '0',
  });
  response.end();
  return true;
}

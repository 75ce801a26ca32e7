import { errorResponse } from './error-response.js';
import type { TroubleResponder } from './trouble-script.js';

/** 429 with a `Retry-After` header (delta-seconds or an HTTP-date, sent verbatim). */
export function tooManyRequests(retryAfter: string): TroubleResponder {
  return async () => errorResponse(429, 'Too many requests, slow down', { 'Retry-After': retryAfter });
}

/** A 503 flake, as a load balancer sends while a server restarts. */
export function serviceUnavailable(): TroubleResponder {
  return async () => errorResponse(503, 'Service temporarily unavailable');
}

/** A 504 from a gateway that gave up waiting. */
export function gatewayTimeout(): TroubleResponder {
  return async () => errorResponse(504, 'Gateway timeout');
}

/** A redirect to `location` (relative or absolute) with an empty body. */
export function redirectTo(location: string, status = 301): TroubleResponder {
  return async () => new Response(null, { status, headers: { Location: location } });
}

/**
 * Hold the request for `delayMs`, then let the normal handlers answer. The wait ends early when the client goes
 * away or the mock resets, so no timer outlives a test.
 */
export function slowResponse(delayMs: number): TroubleResponder {
  return (_request, signal) =>
    new Promise((resolve) => {
      const timer = setTimeout(finish, delayMs);
      function finish() {
        clearTimeout(timer);
        signal.removeEventListener('abort', finish);
        resolve(undefined);
      }
      if (signal.aborted) finish();
      else signal.addEventListener('abort', finish, { once: true });
    });
}

/** A proxy's HTML error page instead of OpenMetadata's JSON body. */
export function htmlErrorPage(status = 502, statusText = 'Bad Gateway'): TroubleResponder {
  const page = `<html><head><title>${status} ${statusText}</title></head><body><center><h1>${status} ${statusText}</h1></center><hr><center>nginx</center></body></html>`;
  return async () => new Response(page, { status, statusText, headers: { 'Content-Type': 'text/html' } });
}

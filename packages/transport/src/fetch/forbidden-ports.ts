import { NetworkError } from '@meta/errors';
import type { TransportRequest } from '../transport.js';

/**
 * The ports every standard fetch refuses to connect to (the Fetch standard's "bad port" list: 1, 7, 9, 11, ...,
 * 6697, 10080), as the gap from each port to the next, in base 36: a third of the list's size in a browser bundle.
 * Node answers these ports with a bare `TypeError: fetch failed` ("bad port"), browsers with an opaque network
 * error: neither says why, and a retry can never succeed. `test/forbidden-ports.test.ts` spells the list out.
 */
const BAD_PORT_GAPS =
  '1 6 2 2 2 2 2 2 1 1 1 1 2 c 5 1 a g 8 2 8 8 6 1 1 1 5 1 1 2 2 2 2 4 c 2 2 4 i i 5u 12 12 1b 1 1 1 b 4 1 1 8 8 ' +
  '6 2 7 o e z 9t 1 3 2 k4 1 3 92 18q aq 41 o6 1 q3 fq 2r 1 1 1 1 a i 2lz';

/** The list as a set of port strings, built on first use: a lookup per request. */
let badPorts: ReadonlySet<string> | undefined;

function decodeBadPorts(): ReadonlySet<string> {
  const ports = new Set<string>();
  let port = 0;
  for (const gap of BAD_PORT_GAPS.split(' ')) {
    port += Number.parseInt(gap, 36);
    ports.add(String(port));
  }
  return ports;
}

/** The port as the URL standard reads it (`''` for none or the scheme's default), or `''` for a URL it rejects. */
export function urlPort(url: string): string {
  try {
    return new URL(url).port;
  } catch {
    return '';
  }
}

/** The stable `NetworkError.code` for a port fetch refuses; REST never retries it. */
export const FORBIDDEN_PORT_CODE = 'ERR_FORBIDDEN_PORT';

/**
 * A {@link NetworkError} with code {@link FORBIDDEN_PORT_CODE} when `port` (the request URL's, as fetch reads it)
 * is one fetch refuses, else `undefined`. Checked before fetch is called, so the outcome is the same in every
 * runtime and no request starts.
 */
export function forbiddenPortError(request: TransportRequest, port: string): NetworkError | undefined {
  if (port === '') return undefined;
  badPorts ??= decodeBadPorts();
  if (!badPorts.has(port)) return undefined;
  return new NetworkError({
    code: FORBIDDEN_PORT_CODE,
    message: `fetch refuses to connect to port ${port} (a forbidden port in the Fetch standard); use another port or the undici transport`,
    method: request.method,
    url: request.url,
    beforeResponse: true,
    retryable: false,
    cause: new TypeError(`bad port ${port}`),
    ...(request.redactor ? { redactor: request.redactor } : {}),
  });
}

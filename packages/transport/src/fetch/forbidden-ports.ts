import { NetworkError } from '@meta/errors';
import type { TransportRequest } from '../transport.js';

/**
 * The ports every standard fetch refuses to connect to (the Fetch standard's "bad port" list), as one string
 * (smaller in a browser bundle than a set). Node answers them with a bare `TypeError: fetch failed` ("bad port"),
 * browsers with an opaque network error: neither says why, and a retry can never succeed.
 */
const BAD_PORTS =
  '1 7 9 11 13 15 17 19 20 21 22 23 25 37 42 43 53 69 77 79 87 95 101 102 103 104 109 110 111 113 115 117 119 ' +
  '123 135 137 139 143 161 179 389 427 465 512 513 514 515 526 530 531 532 540 548 554 556 563 587 601 636 989 ' +
  '990 993 995 1719 1720 1723 2049 3659 4045 4190 5060 5061 6000 6566 6665 6666 6667 6668 6669 6679 6697 10080';

/** The list as a set, built on first use: a lookup per request, without scanning the string. */
let badPorts: ReadonlySet<string> | undefined;

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
  badPorts ??= new Set(BAD_PORTS.split(' '));
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

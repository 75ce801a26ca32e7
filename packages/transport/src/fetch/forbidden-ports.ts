import { NetworkError } from '@meta/errors';
import { httpAuthorityStart } from '../check-request.js';
import type { TransportRequest } from '../transport.js';

/**
 * The ports every standard fetch refuses to connect to (the Fetch standard's "bad port" list). Node answers them
 * with a bare `TypeError: fetch failed` ("bad port"), browsers with an opaque network error: neither says why,
 * and a retry can never succeed.
 */
const BAD_PORTS: ReadonlySet<string> = new Set(
  (
    '1 7 9 11 13 15 17 19 20 21 22 23 25 37 42 43 53 69 77 79 87 95 101 102 103 104 109 110 111 113 115 117 119 ' +
    '123 135 137 139 143 161 179 389 427 465 512 513 514 515 526 530 531 532 540 548 554 556 563 587 601 636 989 ' +
    '990 993 995 1719 1720 1723 2049 3659 4045 4190 5060 5061 6000 6566 6665 6666 6667 6668 6669 6679 6697 10080'
  ).split(' '),
);

/** The port as the URL standard reads it (`''` for none or the scheme's default), or `''` for a URL it rejects. */
function urlPort(url: string): string {
  try {
    return new URL(url).port;
  } catch {
    return '';
  }
}

/**
 * The port of a plain `http(s)://host[:digits]/...` URL (a host of letters, digits, dots and dashes) without
 * parsing the whole URL, which would cost every request a URL object; `undefined` for anything else (user info,
 * IPv6, percent-escapes, ...), which goes to the URL parser. Digits are read as a number, as the parser does.
 */
function simplePort(url: string): string | undefined {
  const start = httpAuthorityStart(url);
  if (start === -1) return undefined;
  let colon = -1;
  let index = start;
  for (; index < url.length; index++) {
    const code = url.charCodeAt(index);
    if (code === 0x2f || code === 0x3f || code === 0x23) break;
    if (code === 0x3a && colon === -1) colon = index;
    else if (colon === -1 ? !isPlainHostCharacter(code) : code < 0x30 || code > 0x39) return undefined;
  }
  if (colon === -1) return '';
  if (colon === index - 1 || index - colon > 6) return undefined;
  return String(Number(url.slice(colon + 1, index)));
}

/** ASCII letters, digits, `.` and `-`. */
function isPlainHostCharacter(code: number): boolean {
  const lower = code | 0x20;
  return (lower >= 0x61 && lower <= 0x7a) || (code >= 0x30 && code <= 0x39) || code === 0x2e || code === 0x2d;
}

/** The stable `NetworkError.code` for a port fetch refuses; REST never retries it. */
export const FORBIDDEN_PORT_CODE = 'ERR_FORBIDDEN_PORT';

/**
 * A {@link NetworkError} with code {@link FORBIDDEN_PORT_CODE} when the request's URL uses a port fetch refuses,
 * else `undefined`. Checked before fetch is called, so the outcome is the same in every runtime and no request
 * starts.
 */
export function forbiddenPortError(request: TransportRequest): NetworkError | undefined {
  const port = simplePort(request.url) ?? urlPort(request.url);
  if (port === '' || !BAD_PORTS.has(port)) return undefined;
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

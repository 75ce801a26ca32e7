import { isNetworkError, isResponseParseError, isResponseTooLargeError, isTimeoutError } from '@meta/errors';
import { type KeepAliveRawServer, OK_RESPONSE } from './keep-alive-raw-server.js';

/** One failure class: the bytes the server writes, how the exchange is driven, and the error it must give. */
export interface FaultCase {
  readonly name: string;
  /** Bytes written for the faulty request; `keep` reads the next request from the same socket afterwards. */
  readonly write: string;
  readonly after?: 'keep' | 'stall' | 'reset';
  readonly request?: {
    readonly timeoutMs?: number;
    readonly maxResponseBytes?: number;
    readonly method?: string;
  };
  readonly expected: (outcome: unknown) => boolean;
}

const SMUGGLED = 'HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nevil';

const isText = (text: string) => (outcome: unknown) => (outcome as { text?: string }).text === text;

/** The failure classes, each followed by a request to the same origin that must meet a clean connection. */
export const FAULTS: readonly FaultCase[] = [
  {
    name: 'a deadline mid-body',
    write: 'HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc',
    after: 'stall',
    request: { timeoutMs: 300 },
    expected: isTimeoutError,
  },
  {
    name: 'a declared body past maxResponseBytes',
    write: `HTTP/1.1 200 OK\r\nContent-Length: 5000\r\n\r\n${'x'.repeat(5000)}`,
    request: { maxResponseBytes: 100 },
    expected: isResponseTooLargeError,
  },
  {
    name: 'a chunked body past maxResponseBytes',
    write: `HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n${'1f4\r\n'.concat('y'.repeat(500), '\r\n').repeat(10)}0\r\n\r\n`,
    request: { maxResponseBytes: 100 },
    expected: isResponseTooLargeError,
  },
  {
    name: 'a malformed response (two Content-Lengths)',
    write: 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\nok',
    expected: isNetworkError,
  },
  {
    name: 'a chunked body cut short on an open connection',
    write: 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel',
    after: 'stall',
    request: { timeoutMs: 300 },
    expected: isTimeoutError,
  },
  {
    name: 'a corrupt gzip body with exact framing',
    write: 'HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: 4\r\n\r\nabcd',
    expected: isResponseParseError,
  },
  {
    name: 'an unknown content coding on a 2xx',
    write: 'HTTP/1.1 200 OK\r\nContent-Encoding: bogus\r\nContent-Length: 2\r\n\r\nok',
    expected: isResponseParseError,
  },
  {
    name: 'a reset mid-body',
    write: 'HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc',
    after: 'reset',
    expected: isNetworkError,
  },
  {
    name: 'a response followed by bytes past its Content-Length',
    write: `HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok${SMUGGLED}`,
    expected: isText('ok'),
  },
  {
    name: 'a 304 followed by the body its Content-Length announced',
    write: `HTTP/1.1 304 Not Modified\r\nContent-Length: ${SMUGGLED.length}\r\n\r\n${SMUGGLED}`,
    expected: isText(''),
  },
  {
    name: 'a HEAD response followed by the body its Content-Length announced',
    write: `HTTP/1.1 200 OK\r\nContent-Length: ${SMUGGLED.length}\r\n\r\n${SMUGGLED}`,
    request: { method: 'HEAD' },
    expected: isText(''),
  },
];

/** Wire each fault's path on the server. */
export function routeFaults(server: KeepAliveRawServer): void {
  FAULTS.forEach((fault, index) => {
    server.route(`/fault-${index}`, (socket) => {
      socket.write(fault.write);
      if (fault.after === 'reset') setTimeout(() => socket.resetAndDestroy(), 20);
      return fault.after === undefined || fault.after === 'keep' ? 'keep' : undefined;
    });
  });
  server.route('/slow', (socket) => {
    setTimeout(() => socket.writable && socket.write(OK_RESPONSE), 200);
    return 'keep';
  });
}

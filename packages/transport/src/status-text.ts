/**
 * Standard reason phrases (RFC 9110 and friends). HTTP/2 and HTTP/3 send no reason phrase, so the transports that
 * make responses themselves (undici, testing) fill one in: the same 404 reads `404 Not Found` over HTTP/1.1 and
 * over HTTP/2. Kept here, where responses are made, rather than in @meta/errors: every browser bundle carries the
 * error model, and there the platform's fetch decides `statusText` anyway (the fetch transport passes it on).
 */
// A plain literal, not `Object.freeze(...)`: a call at load time is a side effect a bundler must keep, and this
// module shares a dist chunk with code every browser bundle needs (the fetch path never reads the table).
const REASON_PHRASES: Readonly<Record<number, string>> = {
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  204: 'No Content',
  300: 'Multiple Choices',
  301: 'Moved Permanently',
  302: 'Found',
  303: 'See Other',
  304: 'Not Modified',
  307: 'Temporary Redirect',
  308: 'Permanent Redirect',
  400: 'Bad Request',
  401: 'Unauthorized',
  402: 'Payment Required',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  407: 'Proxy Authentication Required',
  408: 'Request Timeout',
  409: 'Conflict',
  410: 'Gone',
  411: 'Length Required',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  416: 'Range Not Satisfiable',
  417: 'Expectation Failed',
  421: 'Misdirected Request',
  422: 'Unprocessable Content',
  423: 'Locked',
  424: 'Failed Dependency',
  425: 'Too Early',
  426: 'Upgrade Required',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  451: 'Unavailable For Legal Reasons',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
  505: 'HTTP Version Not Supported',
  507: 'Insufficient Storage',
  508: 'Loop Detected',
  511: 'Network Authentication Required',
};

/**
 * The reason phrase to report: the one received, else the standard one for the status, else none.
 *
 * @example
 * ```ts
 * reasonPhrase(404, ''); // 'Not Found'
 * ```
 */
export function reasonPhrase(status: number, received: string): string {
  if (received) return received;
  return REASON_PHRASES[status] ?? '';
}

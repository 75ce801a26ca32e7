// The scripted hostile server of invariant-fuzz.test.ts: two raw `node:net` listeners on 127.0.0.1 (two ports, so
// a redirect can change origin on the same machine) that answer the Nth request they see, whichever port it
// reached, with the Nth step of one script: well-formed answers with exact framing, or resets, cut bodies,
// stalls and trickles that only raw sockets can produce. Every request is recorded with the step it got.
import { type AddressInfo, createServer, type Server, type Socket } from 'node:net';

export type LocationKind =
  | 'path'
  | 'relative'
  | 'absolute'
  | 'other-origin'
  | 'scheme-relative'
  | 'userinfo'
  | 'echo';
export type RetryAfterKind =
  | 'none'
  | 'seconds-0'
  | 'seconds-1'
  | 'seconds-2'
  | 'past-date'
  | 'date+3s'
  | 'junk'
  | 'huge';

/** What the server does with one request. */
export type Step =
  | { readonly kind: 'json'; readonly value: unknown; readonly echo: boolean }
  | { readonly kind: 'no-content' }
  | { readonly kind: 'empty' }
  | { readonly kind: 'html'; readonly echo: boolean }
  | { readonly kind: 'bad-json'; readonly echo: boolean }
  | {
      readonly kind: 'status';
      readonly status: number;
      readonly body: 'json' | 'html' | 'empty';
      readonly echo: boolean;
    }
  | { readonly kind: 'retry-after'; readonly status: 429 | 503; readonly retryAfter: RetryAfterKind }
  | {
      readonly kind: 'redirect';
      readonly status: 301 | 302 | 303 | 307 | 308;
      readonly location: LocationKind;
    }
  | { readonly kind: 'unauthorized'; readonly echo: boolean }
  | { readonly kind: 'reset-before' }
  | { readonly kind: 'reset-after-status'; readonly status: 200 | 503 }
  | { readonly kind: 'cut-body' }
  | { readonly kind: 'stall' }
  | { readonly kind: 'trickle' }
  | { readonly kind: 'interim'; readonly code: 100 | 102 | 103; readonly value: unknown };

/** One request as the server read it, with the step it was answered with and the JSON text it sent, if any. */
export interface SeenRequest {
  readonly port: 'a' | 'b';
  readonly method: string;
  readonly target: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly step: Step;
  /** The JSON text of a 2xx JSON answer. */
  sentJson?: string;
}

/** Answered to requests past the end of the script. */
export const AFTER_SCRIPT: Step = { kind: 'json', value: { afterScript: true }, echo: false };

export interface ScriptServer {
  readonly originA: string;
  readonly originB: string;
  readonly seen: SeenRequest[];
  /** Called after each request is recorded (the test closes the client midway from here). */
  onRequest: ((count: number) => void) | undefined;
  /** Client sockets still open on either port. */
  openSockets(): number;
  close(): Promise<void>;
}

const REASONS: Record<number, string> = {
  100: 'Continue',
  102: 'Processing',
  103: 'Early Hints',
  200: 'OK',
  204: 'No Content',
  301: 'Moved Permanently',
  302: 'Found',
  303: 'See Other',
  307: 'Temporary Redirect',
  308: 'Permanent Redirect',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

const HTML = '<!doctype html><html><head><title>Sign in</title></head><body>login</body></html>';

function head(status: number, headers: Record<string, string>, bodyLength: number): string {
  let text = `HTTP/1.1 ${status} ${REASONS[status] ?? 'Status'}\r\n`;
  for (const [name, value] of Object.entries(headers)) text += `${name}: ${value}\r\n`;
  return `${text}Content-Length: ${bodyLength}\r\nConnection: keep-alive\r\n\r\n`;
}

function whole(status: number, headers: Record<string, string>, body: string): string {
  return head(status, headers, Buffer.byteLength(body)) + body;
}

/** The secret words of an echo (`Bearer tok-1 ak-2` -> `tok-1-ak-2`), path- and query-safe. */
function secretWords(echoText: string): string {
  return echoText.replace(/^Bearer /, '').replaceAll(' ', '-') || 'none';
}

function retryAfterValue(kind: RetryAfterKind): string | undefined {
  switch (kind) {
    case 'none':
      return undefined;
    case 'seconds-0':
      return '0';
    case 'seconds-1':
      return ' 1 ';
    case 'seconds-2':
      return '2';
    case 'past-date':
      return new Date(Date.now() - 3_600_000).toUTCString();
    case 'date+3s':
      return new Date(Date.now() + 3000).toUTCString();
    case 'junk':
      return '1.5 minutes, please';
    case 'huge':
      return '99999999999999999999';
  }
}

/**
 * Start both ports for `script`. Echoing steps quote back the request's auth header and `X-Api-Key`;
 * `userinfoPassword` goes into the userinfo of a `userinfo` Location.
 */
export async function startScriptServer(
  script: readonly Step[],
  userinfoPassword: string,
): Promise<ScriptServer> {
  const seen: SeenRequest[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<ReturnType<typeof setInterval>>();
  const origins = { a: '', b: '' };

  const answer = (socket: Socket, port: 'a' | 'b', request: SeenRequest): boolean => {
    const { step } = request;
    const echoText = `${request.headers.authorization ?? ''} ${request.headers['x-api-key'] ?? ''}`.trim();
    const echoHeaders = (echo: boolean): Record<string, string> =>
      echo && echoText !== '' ? { 'X-Echo': echoText } : {};
    const json = (value: unknown, echo: boolean): string =>
      JSON.stringify(echo ? { value, echo: `you sent ${echoText}`, message: `rejected ${echoText}` } : value);
    const later = (ms: number, action: () => void): void => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        action();
      }, ms);
      timers.add(timer);
    };
    switch (step.kind) {
      case 'json': {
        const text = json(step.value, step.echo);
        request.sentJson = text;
        socket.write(whole(200, { 'Content-Type': 'application/json', ...echoHeaders(step.echo) }, text));
        return true;
      }
      case 'no-content':
        socket.write(`HTTP/1.1 204 No Content\r\nConnection: keep-alive\r\n\r\n`);
        return true;
      case 'empty':
        socket.write(whole(200, { 'Content-Type': 'application/json' }, ''));
        return true;
      case 'html':
        socket.write(
          whole(
            200,
            { 'Content-Type': 'text/html; charset=utf-8' },
            step.echo ? `<html>${echoText}</html>` : HTML,
          ),
        );
        return true;
      case 'bad-json':
        socket.write(whole(200, { 'Content-Type': 'application/json' }, `{"echo": "${echoText}", oops`));
        return true;
      case 'status': {
        const headers: Record<string, string> = echoHeaders(step.echo);
        let body = '';
        if (step.body === 'json') {
          headers['Content-Type'] = 'application/json';
          body = json({ code: step.status, detail: 'no' }, step.echo);
        } else if (step.body === 'html') {
          headers['Content-Type'] = 'text/html';
          body = step.echo ? `<html><body>${echoText}</body></html>` : HTML;
        }
        socket.write(whole(step.status, headers, body));
        return true;
      }
      case 'retry-after': {
        const value = retryAfterValue(step.retryAfter);
        const headers: Record<string, string> = { 'Content-Type': 'application/json' };
        if (value !== undefined) headers['Retry-After'] = value;
        socket.write(whole(step.status, headers, JSON.stringify({ message: 'slow down' })));
        return true;
      }
      case 'redirect': {
        const other = port === 'a' ? origins.b : origins.a;
        const self = port === 'a' ? origins.a : origins.b;
        const locations: Record<LocationKind, string> = {
          path: '/api/v1/moved',
          relative: 'moved-here',
          absolute: `${self}/api/v1/moved`,
          'other-origin': `${other}/api/v1/moved`,
          'scheme-relative': `//${self.slice('http://'.length)}/api/v1/moved`,
          userinfo: `http://fuzz-user:${userinfoPassword}@${other.slice('http://'.length)}/api/v1/moved`,
          // The credentials the request carried, quoted back in the path and the query of the next hop.
          echo: `/api/v1/moved/${secretWords(echoText)}?q=${secretWords(echoText)}&access_token=${secretWords(echoText)}`,
        };
        socket.write(whole(step.status, { Location: locations[step.location] }, ''));
        return true;
      }
      case 'unauthorized':
        socket.write(
          whole(
            401,
            { 'Content-Type': 'application/json', ...echoHeaders(step.echo) },
            json({ message: 'token expired' }, step.echo),
          ),
        );
        return true;
      case 'reset-before':
        socket.resetAndDestroy();
        return false;
      case 'reset-after-status':
        socket.write(`HTTP/1.1 ${step.status} ${REASONS[step.status]}\r\n`, () =>
          later(30, () => socket.resetAndDestroy()),
        );
        return false;
      case 'cut-body':
        socket.write(`${head(200, { 'Content-Type': 'application/json' }, 64)}{"partial": tr`, () =>
          later(30, () => socket.destroy()),
        );
        return false;
      case 'stall':
        return false;
      case 'trickle': {
        socket.write(head(200, { 'Content-Type': 'application/json' }, 4096));
        const timer = setInterval(() => {
          if (socket.destroyed) {
            clearInterval(timer);
            timers.delete(timer);
          } else socket.write(' ');
        }, 40);
        timers.add(timer);
        return false;
      }
      case 'interim': {
        const text = JSON.stringify(step.value);
        request.sentJson = text;
        const interim =
          step.code === 103
            ? `HTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload\r\n\r\n`
            : `HTTP/1.1 ${step.code} ${REASONS[step.code]}\r\n\r\n`;
        socket.write(interim);
        later(10, () => {
          if (!socket.destroyed) socket.write(whole(200, { 'Content-Type': 'application/json' }, text));
        });
        return true;
      }
    }
  };

  const listener = (port: 'a' | 'b') => (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    let pending = Buffer.alloc(0);
    let live = true;
    socket.on('data', (chunk: Buffer) => {
      if (!live) return;
      pending = Buffer.concat([pending, chunk]);
      for (;;) {
        const end = pending.indexOf('\r\n\r\n');
        if (end === -1) return;
        const lines = pending.subarray(0, end).toString('latin1').split('\r\n');
        const headers: Record<string, string> = {};
        for (const line of lines.slice(1)) {
          const colon = line.indexOf(':');
          headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
        }
        const length = Number(headers['content-length'] ?? 0);
        if (pending.length < end + 4 + length) return;
        const body = pending.subarray(end + 4, end + 4 + length).toString('utf8');
        pending = pending.subarray(end + 4 + length);
        const [method = '', target = ''] = (lines[0] ?? '').split(' ');
        const step = script[seen.length] ?? AFTER_SCRIPT;
        const request: SeenRequest = { port, method, target, headers, body, step };
        seen.push(request);
        live = answer(socket, port, request);
        control.onRequest?.(seen.length);
        if (!live) return;
      }
    });
  };

  const control: { onRequest: ScriptServer['onRequest'] } = { onRequest: undefined };
  const servers: Server[] = [createServer(listener('a')), createServer(listener('b'))];
  for (const [index, server] of servers.entries()) {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origins[index === 0 ? 'a' : 'b'] = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }
  return {
    originA: origins.a,
    originB: origins.b,
    seen,
    get onRequest() {
      return control.onRequest;
    },
    set onRequest(callback) {
      control.onRequest = callback;
    },
    openSockets: () => sockets.size,
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      for (const socket of sockets) socket.destroy();
      await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
    },
  };
}

import {
  Agent,
  type ClientRequest,
  type Agent as HttpAgent,
  request as httpRequest,
  type IncomingMessage,
} from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { Socket } from 'node:net';
import { ClientClosedError, NetworkError, ResponseTooLargeError } from '@meta/errors';
import type { Transport, TransportRequest, TransportResponse } from '@meta/transport';
import { DEFAULT_MAX_RESPONSE_BYTES } from '@meta/transport';
import {
  attemptTimeout,
  bodyAlreadyUsed,
  ChunkedDecoder,
  ChunkedFramingError,
  codingFailureScope,
  createTransportHeaders,
  encodedLimit,
  type FailureContext,
  mapTransportError,
  parseContentCodings,
  parseJsonBody,
  requestProblem,
  subscribeAbort,
  type TransferFraming,
  timerDelay,
  transferFraming,
  unsubscribeAbort,
  withAcceptEncoding,
} from '@meta/transport/adapter';
import { ByteBuffer, decodeRaw, readRaw } from './third-party-body.js';

const NO_FRAMING: TransferFraming = { dechunk: false, codings: [] };

/** The body without chunked framing llhttp did not recognise; a framing error or a missing last chunk throws. */
function unframe(raw: Uint8Array, framing: TransferFraming): Uint8Array {
  if (!framing.dechunk) return raw;
  const body = new ByteBuffer();
  const decoder = new ChunkedDecoder({ onChunkData: (chunk) => body.append(chunk) });
  decoder.write(Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength));
  if (!decoder.done)
    throw new ChunkedFramingError('the connection closed before the last chunk', 'HPE_INVALID_EOF_STATE');
  return body.toBytes();
}

/**
 * A small third-party transport over `node:http`/`node:https`, built only from the `@meta/transport` contract and
 * `@meta/transport/adapter`: the example the conformance README points at, and proof that the suite can be passed
 * without copying adapter code. It reads each body whole, then decodes it in one step (so a cut or corrupt stream
 * fails, and cost per byte does not depend on the chunking).
 */
export function createNodeHttpTransport(options: { ca?: string } = {}): Transport {
  const agents = {
    http: new Agent({ keepAlive: true }),
    https: new HttpsAgent({ keepAlive: true, ca: options.ca }),
  };
  const sockets = new Set<Socket>();
  let closed = false;
  return {
    name: 'node-http (third party)',
    send: (request) => {
      if (closed) return Promise.reject(new ClientClosedError('the node-http transport is closed'));
      const problem = requestProblem(request);
      if (problem) return Promise.reject(problem);
      if (request.signal?.aborted) return Promise.reject(request.signal.reason);
      return new NodeHttpExchange(request, agents, sockets).start();
    },
    close: async () => {
      closed = true;
      agents.http.destroy();
      agents.https.destroy();
      for (const socket of sockets) socket.destroy();
    },
  };
}

type Phase = 'connect' | 'headers' | 'body' | 'done';

/** One exchange: the request, its deadline and abort, and the response it turns into. */
class NodeHttpExchange {
  readonly #request: TransportRequest;
  readonly #clientRequest: ClientRequest;
  #phase: Phase = 'connect';
  #status: number | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #fail: (error: unknown) => void = () => undefined;
  /** Why the exchange ended early, for a body read that starts after it did. */
  #failure: { readonly error: unknown } | undefined;

  constructor(
    request: TransportRequest,
    agents: { http: HttpAgent; https: HttpsAgent },
    sockets: Set<Socket>,
  ) {
    this.#request = request;
    const secure = request.url.slice(0, 6).toLowerCase() === 'https:';
    const send = secure ? httpsRequest : httpRequest;
    this.#clientRequest = send(request.url, {
      method: request.method,
      headers: withAcceptEncoding(request.headers),
      agent: secure ? agents.https : agents.http,
    });
    this.#clientRequest.on('socket', (socket: Socket) => {
      // A kept-alive socket comes back for many requests: track it (and listen for its close) once.
      if (!sockets.has(socket)) {
        sockets.add(socket);
        socket.once('close', () => sockets.delete(socket));
      }
      const connected = () => {
        if (this.#phase === 'connect') this.#phase = 'headers';
      };
      // A reused socket is connected already; a new one once its TCP (and TLS) handshake is done.
      const handshaking = socket.connecting || (secure && !(socket as { authorized?: boolean }).authorized);
      if (handshaking && !socket.destroyed) socket.once(secure ? 'secureConnect' : 'connect', connected);
      else connected();
    });
  }

  handleEvent(): void {
    this.#end(this.#request.signal!.reason);
  }

  #context(): FailureContext {
    const { method, url, redactor, timeoutMs } = this.#request;
    return {
      method,
      url,
      redactor,
      timeoutMs,
      statusCode: this.#status,
      beforeResponse: this.#status === undefined,
    };
  }

  /** End the exchange with `error`: the socket goes, the pending step rejects, timer and listener are released. */
  #end(error: unknown): void {
    if (this.#phase === 'done') return;
    this.#failure = { error };
    this.#release();
    this.#clientRequest.destroy();
    this.#fail(error);
  }

  #badResponse(reason: string): NetworkError {
    const { method, url, redactor } = this.#request;
    return new NetworkError({
      ...{ code: 'ERR_BAD_RESPONSE', message: reason, method, url, beforeResponse: false },
      ...{ cause: new Error(reason), ...(redactor ? { redactor } : {}) },
    });
  }

  #release(): void {
    this.#phase = 'done';
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    if (this.#request.signal !== undefined) unsubscribeAbort(this.#request.signal, this);
  }

  start(): Promise<TransportResponse> {
    const request = this.#request;
    if (request.signal !== undefined) subscribeAbort(request.signal, this);
    if (request.timeoutMs !== undefined) {
      this.#timer = setTimeout(() => {
        const phase = this.#phase === 'connect' ? 'connect' : this.#phase === 'body' ? 'body' : 'headers';
        this.#end(attemptTimeout(phase, this.#context()));
      }, timerDelay(request.timeoutMs));
    }
    return new Promise((resolve, reject) => {
      this.#fail = reject;
      this.#clientRequest.on('error', (error) => this.#end(mapTransportError(error, this.#context())));
      // No request asks for an upgrade: a 101 (with Upgrade or without) is a response nobody can read.
      this.#clientRequest.on('upgrade', (_message, socket: Socket) => {
        socket.destroy();
        this.#end(this.#badResponse('an unsolicited 101 Switching Protocols with Upgrade'));
      });
      this.#clientRequest.on('response', (message) => {
        this.#status = message.statusCode ?? 0;
        if (this.#status === 101)
          return this.#end(this.#badResponse('an unsolicited 101 Switching Protocols'));
        this.#phase = 'body';
        try {
          parseContentCodings(message.headers['content-encoding'], {
            ...this.#context(),
            statusCode: this.#status,
          });
        } catch (error) {
          // What a refused coding fails (SPEC 3.8 v2): nothing on a HEAD/204/304, only the body read outside 2xx.
          const scope = codingFailureScope(this.#status, request.method);
          if (scope === 'body') resolve(this.#response(message, NO_FRAMING));
          if (scope !== 'none') return this.#end(error);
        }
        const framing = this.#framing(message);
        if (typeof framing !== 'string') return resolve(this.#response(message, framing));
        const { method, url, redactor } = request;
        this.#end(
          new NetworkError({
            ...{
              code: 'HPE_INVALID_TRANSFER_ENCODING',
              message: framing,
              method,
              url,
              beforeResponse: false,
            },
            ...{ cause: new Error(framing), ...(redactor ? { redactor } : {}) },
          }),
        );
      });
      this.#clientRequest.end(request.body);
    });
  }

  /** The Transfer-Encoding llhttp left undone (`chunked<TAB>`, `gzip, chunked`), or why it cannot be read. */
  #framing(message: IncomingMessage): TransferFraming | string {
    const status = message.statusCode ?? 0;
    if (this.#request.method === 'HEAD' || status === 204 || status === 304) return NO_FRAMING;
    return transferFraming(message.headers['transfer-encoding']);
  }

  #response(message: IncomingMessage, framing: TransferFraming): TransportResponse {
    const { method, url, redactor } = this.#request;
    const limitBytes = this.#request.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    const tooLarge = () =>
      new ResponseTooLargeError({
        method,
        url,
        limitBytes,
        statusCode: message.statusCode ?? 0,
        ...(redactor ? { redactor } : {}),
      });
    const pairs: [string, string][] = [];
    for (let index = 0; index + 1 < message.rawHeaders.length; index += 2) {
      pairs.push([message.rawHeaders[index]!, message.rawHeaders[index + 1]!]);
    }
    let bodyUsed = false;
    const bytes = async (): Promise<Uint8Array> => {
      if (bodyUsed) throw bodyAlreadyUsed();
      bodyUsed = true;
      if (this.#failure !== undefined) throw this.#failure.error;
      if (this.#phase === 'done') return new Uint8Array(0);
      const read = new Promise<Uint8Array>((resolve, reject) => {
        this.#fail = reject;
        const context = { ...this.#context(), statusCode: message.statusCode ?? 0 };
        readRaw(message, encodedLimit(limitBytes), tooLarge)
          .then((raw) =>
            decodeRaw(unframe(raw, framing), { message, limitBytes, coding: context, tooLarge }, framing),
          )
          .then(resolve, (error: unknown) =>
            this.#end(mapTransportError(error, { ...context, beforeResponse: false })),
          );
      });
      const body = await read;
      this.#release();
      return body;
    };
    return {
      status: message.statusCode ?? 0,
      statusText: message.statusMessage ?? '',
      headers: createTransportHeaders(pairs),
      url,
      get bodyUsed() {
        return bodyUsed;
      },
      bytes,
      text: async () => new TextDecoder().decode(await bytes()),
      json: async <T>() =>
        parseJsonBody<T>(new TextDecoder().decode(await bytes()), {
          method,
          url,
          redactor,
          statusCode: message.statusCode ?? 0,
        }),
      cancel: async () => {
        bodyUsed = true;
        this.#release();
        message.destroy();
      },
    };
  }
}

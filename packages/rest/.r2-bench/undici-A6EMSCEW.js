import {
  ChunkedDecoder,
  ClientClosedError,
  ConfigError,
  MAX_CONTENT_CODINGS,
  NetworkError,
  ResponseParseError,
  ResponseTooLargeError,
  attemptTimeout,
  bodyAlreadyUsed,
  findErrorCode,
  mapTransportError,
  ownOptions,
  parseContentCodings,
  parseJsonBody,
  requestProblem,
  subscribeAbort,
  timerDelay,
  transferFraming,
  unsubscribeAbort,
  withAcceptEncoding,
  wrapLowercaseHeaders
} from "./chunk-URDGHRCA.js";

// ../transport/src/undici/undici-transport.ts
import * as installedUndici from "undici";

// ../transport/src/undici/connection-tracker.ts
var AttemptAbandonedError = class extends Error {
  name = "AttemptAbandonedError";
  code = "ERR_ATTEMPT_ABANDONED";
};
var DEFAULT_PORTS = { "http:": "80", "https:": "443" };
function originKey(protocol, hostname, port) {
  return `${protocol.toLowerCase()}//${hostname.toLowerCase()}:${port === "" ? DEFAULT_PORTS[protocol] : port}`;
}
function requestOriginKey(origin) {
  const schemeEnd = origin.indexOf("//");
  const protocol = origin.slice(0, schemeEnd);
  const authority = origin.slice(schemeEnd + 2);
  const portStart = authority.lastIndexOf(":");
  const hasPort = portStart !== -1 && !authority.slice(portStart).includes("]");
  return originKey(
    protocol,
    hasPort ? authority.slice(0, portStart) : authority,
    hasPort ? authority.slice(portStart + 1) : ""
  );
}
var ConnectionTracker = class {
  #connecting = /* @__PURE__ */ new Map();
  #tlsFailures = /* @__PURE__ */ new Map();
  /** `connect` wrapped; `onConnected` sees every socket that connected (undici 7 raises h2 pipelining there). */
  wrap(connect, onConnected) {
    return (options, callback) => {
      const key = originKey(options.protocol, options.hostname, options.port);
      let socket;
      let settled = false;
      socket = connect(options, (error, connected) => {
        settled = true;
        if (socket) this.#forget(key, socket);
        if (connected && onConnected) onConnected(connected);
        callback(error, connected);
      });
      if (socket && !settled) {
        this.#remember(key, socket);
        if (options.protocol === "https:") this.#watchTlsAlerts(socket);
      }
      return socket;
    };
  }
  /** Destroy the connection attempts to `origin` (a request origin): no live request waits for them. */
  abandonConnecting(origin) {
    const sockets = this.#connecting.get(requestOriginKey(origin));
    if (sockets === void 0) return;
    for (const socket of [...sockets]) {
      socket.destroy(
        new AttemptAbandonedError("the connection attempt outlived every request waiting for it")
      );
    }
  }
  /** The TLS alert seen on the socket undici's `SocketError` names, if any. */
  tlsFailureOf(error) {
    if (this.#tlsFailures.size === 0) return void 0;
    const socket = error?.socket;
    if (socket === void 0 || socket === null) return void 0;
    return this.#tlsFailures.get(`${String(socket.localAddress)}:${String(socket.localPort)}`);
  }
  #remember(key, socket) {
    let sockets = this.#connecting.get(key);
    if (sockets === void 0) {
      sockets = /* @__PURE__ */ new Set();
      this.#connecting.set(key, sockets);
    }
    sockets.add(socket);
  }
  #forget(key, socket) {
    const sockets = this.#connecting.get(key);
    if (sockets === void 0) return;
    sockets.delete(socket);
    if (sockets.size === 0) this.#connecting.delete(key);
  }
  #watchTlsAlerts(socket) {
    socket.on("error", (error) => {
      if (typeof error.code !== "string" || !error.code.startsWith("ERR_SSL_")) return;
      const address = `${socket.localAddress}:${socket.localPort}`;
      if (this.#tlsFailures.has(address)) return;
      this.#tlsFailures.set(address, error);
      socket.once("close", () => setImmediate(() => this.#tlsFailures.delete(address)));
    });
  }
};

// ../transport/src/undici/environment-proxy.ts
var PROXY_VARIABLES = [
  ["http_proxy", "HTTP_PROXY"],
  ["https_proxy", "HTTPS_PROXY"]
];
function hasEnvironmentProxy(environment = process.env) {
  return PROXY_VARIABLES.some(
    ([lower, upper]) => (environment[lower] ?? environment[upper] ?? "").trim() !== ""
  );
}

// ../transport/src/undici/undici-transport-options.ts
var UNDICI_TRANSPORT_DEFAULTS = Object.freeze({
  keepAliveTimeoutMs: 4e3,
  connectTimeoutMs: 1e4,
  allowH2: false,
  maxConcurrentStreams: 100,
  rejectUnauthorized: true,
  proxy: "env"
});

// ../transport/src/undici/create-owned-dispatcher.ts
var OWNED_ONLY = [
  "connections",
  "keepAliveTimeoutMs",
  "connectTimeoutMs",
  "allowH2",
  "maxConcurrentStreams",
  "ca",
  "rejectUnauthorized",
  "minTlsVersion",
  "cert",
  "key"
];
function createOwnedDispatcher(options, undici) {
  const defaults = UNDICI_TRANSPORT_DEFAULTS;
  const connectTimeoutMs = options.connectTimeoutMs ?? defaults.connectTimeoutMs;
  checkPositive("connectTimeoutMs", connectTimeoutMs);
  const keepAliveTimeoutMs = options.keepAliveTimeoutMs ?? defaults.keepAliveTimeoutMs;
  checkPositive("keepAliveTimeoutMs", keepAliveTimeoutMs);
  if (options.connections !== void 0) checkPositive("connections", options.connections, true);
  const maxConcurrentStreams = options.maxConcurrentStreams ?? defaults.maxConcurrentStreams;
  checkPositive("maxConcurrentStreams", maxConcurrentStreams, true);
  const tls = {
    timeout: connectTimeoutMs,
    rejectUnauthorized: options.rejectUnauthorized ?? defaults.rejectUnauthorized
  };
  if (options.ca !== void 0) tls.ca = options.ca;
  if (options.cert !== void 0) tls.cert = options.cert;
  if (options.key !== void 0) tls.key = options.key;
  if (options.minTlsVersion !== void 0) tls.minVersion = options.minTlsVersion;
  const allowH2 = options.allowH2 ?? defaults.allowH2;
  const agentOptions = {
    // Both: undici 7 lets a server's longer `Keep-Alive: timeout` hint win over `keepAliveTimeout` alone.
    keepAliveTimeout: keepAliveTimeoutMs,
    keepAliveMaxTimeout: keepAliveTimeoutMs,
    allowH2,
    maxConcurrentStreams
  };
  if (options.connections !== void 0) agentOptions.connections = options.connections;
  const proxy = options.proxy ?? defaults.proxy;
  if (proxy === false || proxy === "env" && !hasEnvironmentProxy()) {
    const tracker = new ConnectionTracker();
    const connect = tracker.wrap(undici.buildConnector({ ...tls, allowH2 }));
    if (allowH2 && !multiplexesByDefault(undici)) {
      return {
        dispatcher: undiciSevenH2Agent(undici, { ...agentOptions, connect }, maxConcurrentStreams),
        tracker
      };
    }
    return { dispatcher: new undici.Agent({ ...agentOptions, connect }), tracker };
  }
  const proxied = { ...agentOptions, connect: tls, requestTls: tls, proxyTls: tls, proxyTunnel: true };
  if (proxy === "env")
    return { dispatcher: buildProxyAgent(() => new undici.EnvHttpProxyAgent(proxied)), tracker: void 0 };
  const uri = checkProxyUrl(proxy);
  return {
    dispatcher: buildProxyAgent(() => new undici.ProxyAgent({ ...proxied, uri })),
    tracker: void 0
  };
}
function checkBorrowedDispatcherOptions(options) {
  for (const field of [...OWNED_ONLY, "proxy"]) {
    if (options[field] !== void 0) {
      throw new ConfigError(
        `"${field}" cannot be combined with "dispatcher": configure the dispatcher you pass instead`,
        { field }
      );
    }
  }
}
function multiplexesByDefault(undici) {
  return "Dispatcher1Wrapper" in undici;
}
function undiciSevenH2Agent(undici, agentOptions, maxConcurrentStreams) {
  const createClient = (origin, clientOptions) => {
    const connect = clientOptions.connect;
    const client = new undici.Client(origin, {
      ...clientOptions,
      connect: (connectOptions, callback) => connect(connectOptions, (error, socket) => {
        if (socket && socket.alpnProtocol === "h2") {
          client.pipelining = maxConcurrentStreams;
        }
        callback(error, socket);
      })
    });
    return client;
  };
  return new undici.Agent({
    connections: 1,
    ...agentOptions,
    factory: (origin, poolOptions) => poolOptions.connections === 1 ? createClient(origin, poolOptions) : new undici.Pool(origin, { ...poolOptions, factory: createClient })
  });
}
function buildProxyAgent(build) {
  try {
    return build();
  } catch (error) {
    throw new ConfigError(
      '"proxy": the proxy URL (option or HTTP_PROXY/HTTPS_PROXY) is not a valid http: URL',
      {
        field: "proxy",
        cause: new Error(error.code ?? "invalid proxy")
      }
    );
  }
}
function checkPositive(field, value, integer = false) {
  if (!Number.isFinite(value) || value <= 0 || integer && !Number.isInteger(value)) {
    throw new ConfigError(`"${field}" must be a positive ${integer ? "integer" : "number"}`, { field });
  }
}
function checkProxyUrl(proxy) {
  let parsed;
  try {
    parsed = new URL(proxy);
  } catch {
    throw new ConfigError('"proxy" must be an http: or https: URL, "env" or false', { field: "proxy" });
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    throw new ConfigError('"proxy" must be an http: or https: URL, "env" or false', { field: "proxy" });
  }
  return proxy;
}

// ../transport/src/transport.ts
var DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

// ../transport/src/undici/body-decoder.ts
import { createBrotliDecompress, createGunzip, createInflate, createInflateRaw } from "node:zlib";

// ../transport/src/undici/byte-accumulator.ts
var COALESCE_BELOW_BYTES = 16 * 1024;
var BLOCK_BYTES = 64 * 1024;
var EMPTY = Buffer.alloc(0);
var ByteAccumulator = class {
  /** Bytes collected so far. */
  length = 0;
  #first;
  #parts;
  #block;
  #blockUsed = 0;
  append(chunk) {
    if (chunk.length === 0) return;
    this.length += chunk.length;
    if (this.#parts === void 0) {
      if (this.#first === void 0) {
        this.#first = chunk;
        return;
      }
      const first = this.#first;
      this.#first = void 0;
      this.#parts = [];
      this.#add(first);
    }
    this.#add(chunk);
  }
  /** Every byte collected, as one Buffer; the accumulator is empty afterwards. */
  take() {
    const first = this.#first;
    if (first !== void 0) {
      this.clear();
      return first;
    }
    if (this.#parts === void 0) return EMPTY;
    this.#seal();
    const parts = this.#parts;
    const length = this.length;
    this.clear();
    return parts.length === 1 ? parts[0] : Buffer.concat(parts, length);
  }
  /** Drop everything collected. */
  clear() {
    this.length = 0;
    this.#first = void 0;
    this.#parts = void 0;
    this.#block = void 0;
    this.#blockUsed = 0;
  }
  #add(chunk) {
    if (chunk.length >= COALESCE_BELOW_BYTES) {
      this.#seal();
      this.#parts.push(chunk);
      return;
    }
    if (this.#block === void 0 || this.#blockUsed + chunk.length > this.#block.length) {
      this.#seal();
      this.#block = Buffer.allocUnsafe(BLOCK_BYTES);
    }
    chunk.copy(this.#block, this.#blockUsed);
    this.#blockUsed += chunk.length;
  }
  /** Move the filled part of the current block to the parts list. */
  #seal() {
    if (this.#block === void 0) return;
    if (this.#blockUsed > 0) this.#parts.push(this.#block.subarray(0, this.#blockUsed));
    this.#block = void 0;
    this.#blockUsed = 0;
  }
};

// ../transport/src/undici/body-decoder.ts
var FEED_BATCH_BYTES = 16 * 1024;
var BodyDecoder = class {
  #codings;
  #sink;
  #pending = new ByteAccumulator();
  #first;
  #streams = [];
  #stopped = false;
  #finished = false;
  constructor(codings, sink) {
    this.#codings = codings;
    this.#sink = sink;
  }
  /** True once the compressed stream ended (its own end marker), whether or not the HTTP body did. */
  get finished() {
    return this.#finished;
  }
  /** Feed encoded bytes; they reach zlib in batches. */
  write(chunk) {
    if (this.#stopped || this.#finished) return;
    this.#pending.append(chunk);
    if (this.#pending.length >= FEED_BATCH_BYTES) this.#feed();
  }
  /** The encoded body ended: feed what is left and let zlib report the end (or a truncated stream). */
  end() {
    if (this.#stopped || this.#finished) return;
    this.#feed();
    if (this.#first) this.#first.end();
    else this.#sink.onDecodedEnd();
  }
  /** Stop decoding and free zlib's memory (after an error, a cancel or a crossed size limit). */
  destroy() {
    this.#stopped = true;
    this.#pending.clear();
    for (const stream of this.#streams) stream.destroy();
  }
  #feed() {
    if (this.#pending.length === 0) return;
    const batch = this.#pending.take();
    this.#first ??= this.#build(batch);
    this.#first.write(batch);
  }
  #build(firstBytes) {
    for (let index = this.#codings.length - 1; index >= 0; index--) {
      const outermost = index === this.#codings.length - 1;
      this.#streams.push(createDecoder(this.#codings[index], outermost ? firstBytes : void 0));
    }
    for (let index = 0; index < this.#streams.length; index++) {
      const stream = this.#streams[index];
      stream.on("error", (error) => this.#fail(error));
      const next = this.#streams[index + 1];
      if (next) stream.pipe(next);
    }
    const last = this.#streams[this.#streams.length - 1];
    last.on("data", (chunk) => {
      if (!this.#stopped) this.#sink.onDecodedData(chunk);
    });
    last.on("end", () => {
      if (this.#stopped) return;
      this.#finished = true;
      this.#pending.clear();
      this.#sink.onDecodedEnd();
    });
    return this.#streams[0];
  }
  #fail(error) {
    if (this.#stopped || this.#finished) return;
    this.destroy();
    this.#sink.onDecodeError(error);
  }
};
function createDecoder(coding, firstBytes) {
  if (coding === "gzip") return createGunzip();
  if (coding === "br") return createBrotliDecompress();
  if (firstBytes !== void 0 && firstBytes.length > 0 && (firstBytes[0] & 15) !== 8) {
    return createInflateRaw();
  }
  return createInflate();
}

// ../transport/src/undici/undici-failure.ts
var PROXY_TUNNEL_CODE = "ERR_PROXY_TUNNEL";
var PROXY_REFUSAL = /^Proxy response \((\d{3})\) !== 200 when HTTP Tunneling/;
var BAD_RESPONSE_CODE = "ERR_BAD_RESPONSE";
function mapUndiciFailure(error, context) {
  const code = findErrorCode(error);
  const message = error?.message;
  const target = {
    method: context.method,
    url: context.url,
    cause: error,
    ...context.redactor ? { redactor: context.redactor } : {}
  };
  if (code === "UND_ERR_ABORTED" && typeof message === "string") {
    const refusal = PROXY_REFUSAL.exec(message);
    if (refusal) {
      const proxyStatus = Number(refusal[1]);
      return new NetworkError({
        ...target,
        code: PROXY_TUNNEL_CODE,
        // Never the proxy's URL: it may carry credentials.
        message: `the proxy refused the tunnel with status ${proxyStatus}`,
        beforeResponse: true,
        retryable: false,
        proxyStatus
      });
    }
  }
  if (code === "UND_ERR_SOCKET" && context.tlsFailure !== void 0) {
    return new NetworkError({
      ...target,
      code: findErrorCode(context.tlsFailure) ?? "ERR_SSL_ALERT",
      message: `the server ended TLS with an alert: ${describeAlert(context.tlsFailure)}`,
      cause: context.tlsFailure,
      beforeResponse: true,
      retryable: false
    });
  }
  if (code === "UND_ERR_SOCKET" && message === "bad response") {
    return new NetworkError({
      ...target,
      code: BAD_RESPONSE_CODE,
      message: "the server sent a response undici cannot read (an unsolicited 100 Continue)",
      beforeResponse: false
    });
  }
  return mapTransportError(error, context);
}
function describeAlert(error) {
  const reason = /:([^:]*alert[^:]*):/i.exec(error.message)?.[1];
  return (reason ?? error.message).slice(0, 120);
}

// ../transport/src/undici/undici-response.ts
function readBytes(body) {
  return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
}
function readText(body) {
  const text = body.toString("utf8");
  return text.charCodeAt(0) === 65279 ? text.slice(1) : text;
}
function readJson(body, response) {
  return parseJsonBody(readText(body), response.jsonContext());
}
var UndiciResponse = class {
  constructor(status, statusText, headers, url, source) {
    this.status = status;
    this.statusText = statusText;
    this.headers = headers;
    this.url = url;
    this.#source = source;
  }
  status;
  statusText;
  headers;
  url;
  bodyUsed = false;
  #source;
  #body = new ByteAccumulator();
  #complete = false;
  #failure;
  #pending;
  /** Decoded body bytes received so far. */
  get receivedBytes() {
    return this.#body.length;
  }
  text() {
    return this.#read(readText);
  }
  bytes() {
    return this.#read(readBytes);
  }
  json() {
    return this.#read(readJson);
  }
  cancel(reason) {
    this.bodyUsed = true;
    this.#body.clear();
    if (!this.#complete && this.#failure === void 0) {
      this.#source.cancelBody(
        reason instanceof Error ? reason : new Error("the response body was cancelled")
      );
    }
    return Promise.resolve();
  }
  // ---- fed by the exchange ----
  /** Append decoded body bytes. */
  append(chunk) {
    if (!this.bodyUsed || this.#pending !== void 0) this.#body.append(chunk);
  }
  /** The body is complete: answer a waiting read. */
  finish() {
    this.#complete = true;
    const pending = this.#pending;
    if (pending === void 0) return;
    this.#pending = void 0;
    this.#settle(pending);
  }
  /** The exchange failed after the headers: a waiting or later read rejects with `error`. */
  fail(error) {
    if (this.#complete || this.#failure !== void 0) return;
    this.#failure = { error };
    this.#body.clear();
    const pending = this.#pending;
    this.#pending = void 0;
    pending?.reject(error);
  }
  /** What a JSON parse error names. */
  jsonContext() {
    const redactor = this.#source.redactor;
    return {
      method: this.#source.method,
      url: this.url,
      statusCode: this.status,
      ...redactor ? { redactor } : {}
    };
  }
  #read(read) {
    if (this.bodyUsed) return Promise.reject(bodyAlreadyUsed());
    this.bodyUsed = true;
    if (this.#failure !== void 0) return Promise.reject(this.#failure.error);
    if (this.#complete) {
      try {
        return Promise.resolve(read(this.#body.take(), this));
      } catch (error) {
        return Promise.reject(error);
      }
    }
    return new Promise((resolve, reject) => {
      this.#pending = { read, resolve, reject };
    });
  }
  #settle(pending) {
    try {
      pending.resolve(pending.read(this.#body.take(), this));
    } catch (error) {
      pending.reject(error);
    }
  }
};

// ../transport/src/undici/undici-dispatch-handler.ts
function onDeadline(handler) {
  handler.deadlinePassed();
}
var UndiciDispatchHandler = class {
  state = "queued";
  /** Settles once the final response's headers arrived (or the exchange failed before that). */
  response;
  method;
  redactor;
  origin;
  #url;
  #timeoutMs;
  #limit;
  #signal;
  #owner;
  #resolve;
  #reject;
  #controller;
  #timer;
  #result;
  #decoder;
  #chunked;
  #status = 0;
  #wireEnded = false;
  #trailingBytes = 0;
  /** Counted in the owner's `abandoned` until undici lets go of it. */
  #abandoned = false;
  /** undici reported the end of the request (an error, or it started one we had given up on). */
  #released = false;
  constructor(request, origin, owner) {
    this.method = request.method;
    this.redactor = request.redactor;
    this.origin = origin;
    this.#url = request.url;
    this.#timeoutMs = request.timeoutMs;
    this.#limit = request.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    this.#signal = request.signal;
    this.#owner = owner;
    this.response = new Promise((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
    if (this.#timeoutMs !== void 0)
      this.#timer = setTimeout(onDeadline, timerDelay(this.#timeoutMs), this);
    if (this.#signal !== void 0) subscribeAbort(this.#signal, this);
    owner.queued?.add(this);
  }
  // ---- undici handler (the controller API shared by undici 7 and 8) ----
  onRequestStart(controller) {
    if (this.state === "failed") {
      this.#letGo();
      controller.abort(new Error("the request was given up before it started"));
      return;
    }
    this.#owner.queued?.delete(this);
    this.#controller = controller;
    this.state = "started";
  }
  onResponseStart(_controller, statusCode, headers, statusText) {
    if (this.state !== "started" || statusCode < 200) return;
    this.state = "receiving";
    this.#status = statusCode;
    const response = new UndiciResponse(
      statusCode,
      statusText ?? "",
      wrapLowercaseHeaders(headers),
      this.#url,
      this
    );
    const codings = this.#bodyCodings(response, headers["transfer-encoding"]);
    if (codings === void 0) return;
    this.#result = response;
    this.#resolve(response);
    if (codings.length > 0) this.#decoder = new BodyDecoder(codings, this);
    else if (Number(response.headers.get("content-length")) > this.#limit) {
      this.#fail(this.#tooLarge());
    }
  }
  onResponseData(_controller, chunk) {
    if (this.state !== "receiving") return;
    if (this.#chunked === void 0) {
      this.onChunkData(chunk);
      return;
    }
    try {
      this.#chunked.write(chunk);
    } catch (error) {
      this.#fail(this.#framingError(String(error.message), "HPE_INVALID_CHUNK_SIZE", error));
      return;
    }
    if (this.#chunked.done && this.state === "receiving") {
      this.#wireEnd();
      this.#controller?.abort(new Error("the chunked body ended; its connection cannot be reused"));
    }
  }
  onResponseEnd() {
    if (this.state !== "receiving") return;
    if (this.#chunked !== void 0) {
      this.#fail(this.#framingError("the chunked body ended before its last chunk", "HPE_INVALID_EOF_STATE"));
      return;
    }
    this.#wireEnd();
  }
  onResponseError(_controller, error) {
    this.#letGo();
    this.#fail(error);
  }
  // ---- body stages ----
  /** Bytes of the HTTP body with its framing removed. */
  onChunkData(chunk) {
    const decoder = this.#decoder;
    if (decoder === void 0) {
      this.onDecodedData(chunk);
    } else if (!decoder.finished) {
      decoder.write(chunk);
    } else {
      this.#trailingBytes += chunk.length;
      if (this.#trailingBytes > this.#limit) this.#fail(this.#tooLarge());
    }
  }
  onDecodedData(chunk) {
    if (this.state !== "receiving") return;
    const response = this.#result;
    if (response.receivedBytes + chunk.length > this.#limit) {
      this.#fail(this.#tooLarge());
      return;
    }
    response.append(chunk);
  }
  onDecodedEnd() {
    if (this.state === "receiving" && this.#wireEnded) this.#complete();
  }
  onDecodeError(error) {
    this.#fail(
      new ResponseParseError({
        ...this.#context(),
        message: "the response body could not be decoded",
        cause: error
      })
    );
  }
  // ---- deadline, abort, cancel ----
  deadlinePassed() {
    this.#timer = void 0;
    const state = this.state;
    const phase = state === "queued" ? "connect" : state === "started" ? "headers" : "body";
    this.#fail(attemptTimeout(phase, { ...this.#context(), ...this.#deadline() }));
    if (state === "queued") this.#abandonStalledConnection();
  }
  /** The caller's signal fired: reject with its reason as-is. */
  handleEvent() {
    this.#fail(this.#signal.reason);
  }
  cancelBody(reason) {
    this.#fail(reason);
  }
  // ---- internals ----
  /** The codings to undo (content codings, then transfer codings on top), or undefined after failing. */
  #bodyCodings(response, transferEncoding) {
    let codings;
    try {
      codings = parseContentCodings(response.headers.get("content-encoding"), this.#context());
    } catch (error) {
      this.#fail(error);
      return void 0;
    }
    const status = response.status;
    if (transferEncoding === void 0 || this.method === "HEAD" || status === 204 || status === 304)
      return codings;
    const framing = transferFraming(transferEncoding);
    if (typeof framing === "string") {
      this.#fail(this.#framingError(framing, "HPE_INVALID_TRANSFER_ENCODING"));
      return void 0;
    }
    if (framing.codings.length + codings.length > MAX_CONTENT_CODINGS) {
      this.#fail(
        this.#framingError("too many transfer and content codings", "HPE_INVALID_TRANSFER_ENCODING")
      );
      return void 0;
    }
    if (framing.dechunk) this.#chunked = new ChunkedDecoder(this);
    return framing.codings.length === 0 ? codings : [...codings, ...framing.codings];
  }
  /** The HTTP body ended (by its framing); the exchange completes once the decoder, if any, ended too. */
  #wireEnd() {
    this.#wireEnded = true;
    const decoder = this.#decoder;
    if (decoder === void 0 || decoder.finished) this.#complete();
    else decoder.end();
  }
  #complete() {
    this.state = "done";
    this.#release();
    this.#result.finish();
  }
  #fail(error) {
    const state = this.state;
    if (state === "done" || state === "failed") return;
    const signal = this.#signal;
    const failure = signal?.aborted && error === signal.reason ? error : mapUndiciFailure(error, {
      ...this.#context(),
      ...this.#deadline(),
      beforeResponse: state === "queued" || state === "started",
      tlsFailure: this.#owner.tracker?.tlsFailureOf(error)
    });
    this.state = "failed";
    if (state === "queued") this.#owner.queued?.delete(this);
    this.#decoder?.destroy();
    this.#release();
    if (this.#controller) this.#controller.abort(failure instanceof Error ? failure : new Error("aborted"));
    else if (!this.#released) {
      this.#abandoned = true;
      this.#owner.abandoned++;
    }
    if (this.#result === void 0) this.#reject(failure);
    else this.#result.fail(failure);
  }
  /** A connection attempt only this exchange waited for must not outlive it (a stalled TLS handshake). */
  #abandonStalledConnection() {
    const { queued, tracker } = this.#owner;
    if (queued === void 0 || tracker === void 0) return;
    for (const other of queued) if (other.origin === this.origin) return;
    tracker.abandonConnecting(this.origin);
  }
  /** undici is done with a request we may have given up on while it was queued. */
  #letGo() {
    this.#released = true;
    if (!this.#abandoned) return;
    this.#abandoned = false;
    this.#owner.abandoned--;
  }
  #release() {
    if (this.#timer !== void 0) {
      clearTimeout(this.#timer);
      this.#timer = void 0;
    }
    if (this.#signal !== void 0) unsubscribeAbort(this.#signal, this);
  }
  #framingError(reason, code, cause) {
    const { statusCode: _statusCode, ...target } = this.#context();
    return new NetworkError({
      ...target,
      code,
      message: reason,
      beforeResponse: false,
      ...cause === void 0 ? {} : { cause }
    });
  }
  #tooLarge() {
    return new ResponseTooLargeError({ ...this.#context(), limitBytes: this.#limit });
  }
  #deadline() {
    return this.#timeoutMs === void 0 ? {} : { timeoutMs: this.#timeoutMs };
  }
  /** What errors name; `statusCode` is only read by errors raised after the headers arrived. */
  #context() {
    return {
      method: this.method,
      url: this.#url,
      statusCode: this.#status,
      ...this.redactor ? { redactor: this.redactor } : {}
    };
  }
};

// ../transport/src/check-options.ts
function checkedOptions(options, allowed, factory) {
  if (options === void 0 || options === null) return ownOptions(void 0);
  if (typeof options !== "object" || Array.isArray(options)) {
    throw new ConfigError(`${factory}() takes an options object`, { field: "options" });
  }
  for (const key of Object.keys(options)) {
    if (!allowed.includes(key)) {
      throw new ConfigError(
        `unknown option "${key.slice(0, 64)}" for ${factory}(); known: ${allowed.join(", ")}`,
        {
          field: key.slice(0, 64)
        }
      );
    }
  }
  return ownOptions(options);
}
function checkOption(value, field, valid, what) {
  if (value !== void 0 && !valid(value)) throw new ConfigError(`"${field}" must be ${what}`, { field });
}
var isBoolean = (value) => typeof value === "boolean";
var isObject = (value) => typeof value === "object" && value !== null && !Array.isArray(value);
function isPemInput(value) {
  const isOne = (item) => typeof item === "string" || item instanceof Uint8Array;
  return isOne(value) || Array.isArray(value) && value.length > 0 && value.every(isOne);
}

// ../transport/src/undici/undici-option-checks.ts
var UNDICI_OPTION_NAMES = Object.freeze([
  "dispatcher",
  "connections",
  "keepAliveTimeoutMs",
  "connectTimeoutMs",
  "allowH2",
  "maxConcurrentStreams",
  "ca",
  "rejectUnauthorized",
  "minTlsVersion",
  "cert",
  "key",
  "proxy",
  "undici"
]);
function isDispatcher(value) {
  return isObject(value) && typeof value.dispatch === "function" && typeof value.close === "function";
}
function isUndiciModule(value) {
  if (!isObject(value)) return false;
  const module = value;
  return ["Agent", "Pool", "Client", "ProxyAgent", "EnvHttpProxyAgent", "buildConnector"].every(
    (name) => typeof module[name] === "function"
  );
}
function checkedUndiciOptions(input) {
  const options = checkedOptions(input, UNDICI_OPTION_NAMES, "createUndiciTransport");
  checkOption(options.dispatcher, "dispatcher", isDispatcher, "an undici Dispatcher (Agent, Pool, ...)");
  checkOption(options.allowH2, "allowH2", isBoolean, "a boolean");
  checkOption(options.rejectUnauthorized, "rejectUnauthorized", isBoolean, "a boolean");
  for (const field of ["ca", "cert", "key"]) {
    checkOption(options[field], field, isPemInput, "PEM text or bytes, or a list of them");
  }
  checkOption(
    options.minTlsVersion,
    "minTlsVersion",
    (value) => value === "TLSv1.2" || value === "TLSv1.3",
    "'TLSv1.2' or 'TLSv1.3'"
  );
  checkOption(
    options.proxy,
    "proxy",
    (value) => typeof value === "string" || value === false,
    'an http: or https: URL, "env" or false'
  );
  checkOption(options.undici, "undici", isUndiciModule, "the undici module");
  return options;
}

// ../transport/src/undici/undici-transport.ts
function splitUrl(url) {
  const scheme = url.slice(0, 8).toLowerCase();
  const schemeEnd = scheme.startsWith("https://") ? 8 : scheme.startsWith("http://") ? 7 : -1;
  if (schemeEnd === -1) return void 0;
  let pathStart = url.length;
  for (let index = schemeEnd; index < url.length; index++) {
    const character = url.charCodeAt(index);
    if (character === 47 || character === 63 || character === 35) {
      pathStart = index;
      break;
    }
  }
  const path = url.slice(pathStart);
  const hash = path.indexOf("#");
  const withoutHash = hash === -1 ? path : path.slice(0, hash);
  return {
    origin: url.slice(0, pathStart),
    path: withoutHash === "" ? "/" : withoutHash.charCodeAt(0) === 63 ? `/${withoutHash}` : withoutHash
  };
}
var DispatchOptions = class {
  constructor(origin, path, request, timeoutMs) {
    this.origin = origin;
    this.path = path;
    this.method = request.method;
    this.headers = withAcceptEncoding(request.headers);
    this.body = request.body ?? null;
    this.headersTimeout = timeoutMs === void 0 ? void 0 : timerDelay(timeoutMs);
    this.bodyTimeout = this.headersTimeout;
  }
  origin;
  path;
  headers;
  body;
  method;
  // undici's idle timers default to 300 s; with a deadline they must never fire before ours does.
  headersTimeout;
  bodyTimeout;
};
Object.setPrototypeOf(DispatchOptions.prototype, null);
function createUndiciTransport(input) {
  const options = checkedUndiciOptions(input);
  let dispatcher;
  let tracker;
  const owned = options.dispatcher === void 0;
  if (options.dispatcher === void 0) {
    ({ dispatcher, tracker } = createOwnedDispatcher(
      options,
      options.undici ?? installedUndici
    ));
  } else {
    checkBorrowedDispatcherOptions(options);
    dispatcher = options.dispatcher;
  }
  const state = {
    closed: false,
    abandoned: 0,
    // Only a dispatcher whose connections we see can have a stalled connection attempt destroyed.
    queued: tracker === void 0 ? void 0 : /* @__PURE__ */ new Set(),
    tracker
  };
  let closing;
  return {
    name: "undici",
    send(request) {
      if (state.closed) return Promise.reject(new ClientClosedError("the undici transport is closed"));
      const problem = requestProblem(request);
      if (problem) return Promise.reject(problem);
      if (request.signal?.aborted) return Promise.reject(request.signal.reason);
      const target = splitUrl(request.url);
      if (target === void 0) return Promise.reject(new ConfigError("bad URL", { field: "url" }));
      const handler = new UndiciDispatchHandler(request, target.origin, state);
      dispatcher.dispatch(
        new DispatchOptions(target.origin, target.path, request, request.timeoutMs),
        handler
      );
      return handler.response;
    },
    close() {
      state.closed = true;
      if (!owned) return Promise.resolve();
      closing ??= (state.abandoned > 0 ? dispatcher.destroy() : dispatcher.close()).then(() => void 0);
      return closing;
    }
  };
}
export {
  UNDICI_TRANSPORT_DEFAULTS,
  createUndiciTransport
};

import {
  APIError,
  AuthProviderError,
  ClientClosedError,
  ConfigError,
  FORBIDDEN_VALUE_CHARACTERS,
  NetworkError,
  ResponseParseError,
  TimeoutError,
  TooManyRedirectsError,
  UNSENDABLE_HEADER_NAMES,
  bodyAlreadyUsed,
  createRedactor,
  createTransportHeaders,
  hasForbiddenValueCharacter,
  isHeaderToken,
  isNetworkError,
  isRetryException,
  isTimeoutError,
  ownOptions,
  parseJsonBody,
  subscribeAbort,
  unsubscribeAbort
} from "./chunk-URDGHRCA.js";

// src/client-config.ts
var CLIENT_DEFAULTS = Object.freeze({
  apiVersion: "v1",
  retry: 3,
  retryWait: 30,
  retryCodes: Object.freeze([429, 503, 504]),
  authHeader: "Authorization",
  sensitiveHeaders: Object.freeze([]),
  rawData: false,
  allowRedirects: false,
  authTokenMode: "Bearer",
  verify: true,
  timeoutMs: 3e5,
  connectTimeoutMs: 1e4,
  maxRetryAfterMs: 12e4,
  maxResponseBytes: 64 * 1024 * 1024,
  maxRedirects: 10,
  retryNonIdempotent: false,
  userAgent: "@meta/rest",
  backoff: "linear"
});

// src/default-transport-node.ts
import { readFileSync } from "node:fs";

// ../transport/src/json-content-type.ts
function isJsonMediaType(mediaType) {
  if (mediaType === "application/json") return true;
  const slash = mediaType.indexOf("/");
  return slash > 0 && mediaType.length > slash + 6 && mediaType.endsWith("+json");
}
function mediaTypeOf(value) {
  const semicolon = value.indexOf(";");
  return (semicolon === -1 ? value : value.slice(0, semicolon)).trim().toLowerCase();
}
function isJsonContentType(contentType) {
  if (contentType === null || contentType === void 0) return false;
  const values = splitOutsideQuotes(contentType);
  const first = mediaTypeOf(values[0]);
  if (!isJsonMediaType(first)) return false;
  for (let index = 1; index < values.length; index++) {
    if (mediaTypeOf(values[index]) !== first) return false;
  }
  return true;
}
function splitOutsideQuotes(value) {
  if (!value.includes(",")) return [value];
  const parts = [];
  let quoted = false;
  let start = 0;
  for (let index = 0; index < value.length; index++) {
    const character = value[index];
    if (character === "\\" && quoted) index++;
    else if (character === '"') quoted = !quoted;
    else if (character === "," && !quoted) {
      parts.push(value.slice(start, index));
      start = index + 1;
    }
  }
  parts.push(value.slice(start));
  return parts;
}

// src/default-transport-node.ts
function readCertificateAuthority(verify) {
  if (verify.includes("-----BEGIN")) return verify;
  try {
    return readFileSync(verify, "utf8");
  } catch (error) {
    throw new ConfigError(`verify: the CA bundle "${verify}" could not be read`, {
      field: "verify",
      cause: error
    });
  }
}
var LazyUndiciTransport = class {
  name = "undici";
  #options;
  #transport;
  #loading;
  #closed = false;
  constructor(options) {
    this.#options = options;
  }
  send(request) {
    const transport = this.#transport;
    if (transport !== void 0) return transport.send(request);
    if (this.#closed) return Promise.reject(new ClientClosedError("the undici transport is closed"));
    return this.#load().then((loaded) => loaded.send(request));
  }
  #load() {
    this.#loading ??= import("./undici-A6EMSCEW.js").then(
      ({ createUndiciTransport }) => {
        this.#transport = createUndiciTransport(this.#options);
        return this.#transport;
      },
      (error) => {
        this.#loading = void 0;
        throw error;
      }
    );
    return this.#loading;
  }
  async close() {
    this.#closed = true;
    const transport = this.#transport ?? await this.#loading?.catch(() => void 0);
    await transport?.close();
  }
};
function createDefaultTransport(options) {
  const { verify, connectTimeoutMs } = options;
  const common = { connectTimeoutMs, proxy: "env" };
  if (verify === true) return new LazyUndiciTransport(ownOptions(common));
  if (verify === false) return new LazyUndiciTransport(ownOptions({ ...common, rejectUnauthorized: false }));
  return new LazyUndiciTransport(ownOptions({ ...common, ca: readCertificateAuthority(verify) }));
}

// src/own-property.ts
function ownValue(source, key) {
  if (source === void 0 || source === null) return void 0;
  return Object.hasOwn(source, key) ? source[key] : void 0;
}
function isPlainObject(value) {
  if (typeof value !== "object" || value === null) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
function ownCopy(source) {
  const copy = /* @__PURE__ */ Object.create(null);
  for (const key of Object.keys(source)) copy[key] = source[key];
  return copy;
}
var PROTOTYPE_KEYS = /* @__PURE__ */ new Set(["__proto__", "constructor", "prototype"]);
function ownMethod(source, name) {
  let current = source;
  while (current !== null && current !== Object.prototype) {
    const descriptor = Object.getOwnPropertyDescriptor(current, name);
    if (descriptor !== void 0)
      return typeof descriptor.value === "function" ? descriptor.value : void 0;
    current = Object.getPrototypeOf(current);
  }
  return void 0;
}

// src/body-encoding.ts
function jsonContentType(method) {
  return method === "PATCH" ? "application/json-patch+json" : "application/json";
}
function encodeBody(method, data) {
  if (data === void 0 || data === null) return void 0;
  if (typeof data === "string") return { body: data, contentType: jsonContentType(method) };
  if (data instanceof Uint8Array) return { body: data, contentType: "application/octet-stream" };
  if (data instanceof ArrayBuffer)
    return { body: new Uint8Array(data), contentType: "application/octet-stream" };
  if (!Array.isArray(data) && !isPlainObject(data)) {
    throw new ConfigError(
      "Request data must be a plain object, an array, a string, a Uint8Array or an ArrayBuffer",
      { field: "data" }
    );
  }
  let body;
  try {
    body = JSON.stringify(data);
  } catch (error) {
    throw new ConfigError("Request data could not be serialised as JSON", { field: "data", cause: error });
  }
  return { body: body ?? "null", contentType: jsonContentType(method) };
}

// src/call-signal.ts
var CallSignal = class {
  #controller = new AbortController();
  #callerSignal;
  #forceSignal;
  #onCaller = { handleEvent: () => this.#controller.abort(this.#callerSignal.reason) };
  #onForce = { handleEvent: () => this.#controller.abort(this.#forceSignal.reason) };
  constructor(callerSignal, forceSignal) {
    this.#callerSignal = callerSignal;
    this.#forceSignal = forceSignal;
    if (callerSignal.aborted) this.#controller.abort(callerSignal.reason);
    else if (forceSignal.aborted) this.#controller.abort(forceSignal.reason);
    else {
      subscribeAbort(callerSignal, this.#onCaller);
      subscribeAbort(forceSignal, this.#onForce);
    }
  }
  /** The signal handed to the transport. */
  get signal() {
    return this.#controller.signal;
  }
  /** Stop listening to the caller's and the client's signals. */
  release() {
    unsubscribeAbort(this.#callerSignal, this.#onCaller);
    unsubscribeAbort(this.#forceSignal, this.#onForce);
  }
};

// src/client-lifecycle.ts
var ClientLifecycle = class {
  #closeController = new AbortController();
  #forceController = new AbortController();
  #inFlight = 0;
  #closing;
  #drained;
  /** Aborts (with a `ClientClosedError`) when `close()` is called; waits listen to it. */
  get closeSignal() {
    return this.#closeController.signal;
  }
  /** Aborts (with a `ClientClosedError`) when `close({ force: true })` is called; exchanges listen to it. */
  get forceSignal() {
    return this.#forceController.signal;
  }
  get closed() {
    return this.#closing !== void 0;
  }
  /** Count a call in; throws `ClientClosedError` once the client is closed. */
  enter() {
    if (this.#closing !== void 0) {
      throw new ClientClosedError("The client is closed; create a new REST instance");
    }
    this.#inFlight++;
  }
  /** Count a call out. */
  leave() {
    this.#inFlight--;
    if (this.#inFlight === 0 && this.#drained !== void 0) this.#drained();
  }
  /**
   * Refuse new calls, release waiting ones, abort exchanges on the wire when `force` is set, then run `release`
   * (closing an owned transport) once in-flight calls have settled. Later calls return the first call's promise,
   * after upgrading it to forced when asked.
   */
  close(release, options) {
    if (options?.force === true && !this.#forceController.signal.aborted) {
      this.#forceController.abort(
        new ClientClosedError("The client was closed with force while this request was in flight")
      );
    }
    this.#closing ??= this.#close(release);
    return this.#closing;
  }
  async #close(release) {
    this.#closeController.abort(new ClientClosedError("The client was closed while the call was waiting"));
    if (this.#inFlight > 0) {
      await new Promise((resolve) => {
        this.#drained = resolve;
      });
    }
    await release();
  }
};

// src/timer-limit.ts
var MAX_TIMER_MS = 2 ** 31 - 1;
function capToTimerLimit(milliseconds) {
  return Math.min(milliseconds, MAX_TIMER_MS);
}

// src/call-wait.ts
function boundsFor(call, context) {
  return {
    signal: call.callerSignal,
    closeSignal: context.closeSignal,
    deadlineMs: call.deadlineMs,
    totalTimeoutMs: context.totalTimeoutMs,
    clock: context.clock,
    method: call.method,
    url: call.url,
    redactor: context.redactor()
  };
}
function totalTimeout(bounds) {
  return new TimeoutError({
    phase: "total",
    ...bounds.totalTimeoutMs === void 0 ? {} : { timeoutMs: bounds.totalTimeoutMs },
    method: bounds.method,
    url: bounds.url,
    redactor: bounds.redactor
  });
}
async function waitWithinBounds(bounds, work) {
  const { signal, closeSignal } = bounds;
  if (signal?.aborted) throw signal.reason;
  if (closeSignal.aborted) throw new ClientClosedError("The client was closed while the call was waiting");
  const controller = new AbortController();
  let timer;
  let reject;
  const released = new Promise((_resolve, rejectPromise) => {
    reject = rejectPromise;
  });
  const fire = (reason) => {
    controller.abort(reason);
    reject(reason);
  };
  const onAbort = { handleEvent: () => fire(signal.reason) };
  const onClose = {
    handleEvent: () => fire(new ClientClosedError("The client was closed while the call was waiting"))
  };
  if (signal !== void 0) subscribeAbort(signal, onAbort);
  subscribeAbort(closeSignal, onClose);
  const { deadlineMs } = bounds;
  if (deadlineMs !== void 0) {
    const schedule = () => {
      const remaining = Math.max(0, deadlineMs - bounds.clock());
      if (remaining > MAX_TIMER_MS) {
        timer = setTimeout(schedule, MAX_TIMER_MS);
        return;
      }
      timer = setTimeout(() => fire(totalTimeout(bounds)), remaining);
    };
    schedule();
  }
  try {
    return await Promise.race([work(controller.signal), released]);
  } finally {
    clearTimeout(timer);
    if (signal !== void 0) unsubscribeAbort(signal, onAbort);
    unsubscribeAbort(closeSignal, onClose);
  }
}

// src/policies/auth-policy.ts
var AUTH_POLICY_NAME = "auth";
function createAuthPolicy(options) {
  const { tokens, wait } = options;
  const sign = (call, next) => {
    call.authValue = tokens.headerValue();
    return next(call);
  };
  const replayAfter401 = async (call, next, outcome) => {
    if (outcome.kind !== "failure" || outcome.response.status !== 401 || call.replayedAfter401)
      return outcome;
    call.replayedAfter401 = true;
    await waitWithinBounds(boundsFor(call, wait), () => tokens.refreshAfterRejection(call.authValue));
    return sign(call, next);
  };
  return {
    name: AUTH_POLICY_NAME,
    send(call, next) {
      const first = tokens.needsRefresh() ? waitWithinBounds(boundsFor(call, wait), () => tokens.refresh()).then(() => sign(call, next)) : sign(call, next);
      return tokens.hasProvider ? first.then((outcome) => replayAfter401(call, next, outcome)) : first;
    }
  };
}

// src/policies/deadline-policy.ts
var DEADLINE_POLICY_NAME = "deadline";
function createDeadlinePolicy(options) {
  const { totalTimeoutMs, clock } = options;
  const totalTimeout2 = (call, cause) => new TimeoutError({
    phase: "total",
    timeoutMs: totalTimeoutMs,
    method: call.method,
    url: call.url,
    cause,
    redactor: options.redactor()
  });
  return {
    name: DEADLINE_POLICY_NAME,
    send(call, next) {
      call.deadlineMs = clock() + totalTimeoutMs;
      return next(call).catch((error) => {
        const bound = isTimeoutError(error) && error.phase !== "total" && call.totalDeadlineBinds;
        throw bound ? totalTimeout2(call, error) : error;
      });
    }
  };
}

// src/policies/headers-policy.ts
var HEADERS_POLICY_NAME = "headers";
function createHeadersPolicy(options) {
  return {
    name: HEADERS_POLICY_NAME,
    send(call, next) {
      call.request = {
        method: call.method,
        url: call.url,
        headers: options.headers.build(call.authValue, call.contentType, call.callHeaders),
        body: call.body,
        signal: call.signal,
        timeoutMs: call.timeoutMs,
        maxResponseBytes: options.maxResponseBytes,
        redactor: options.redactor()
      };
      return next(call);
    }
  };
}

// src/api-error-factory.ts
var MAX_ERROR_BODY_CHARACTERS = 64 * 1024;
var MAX_ERROR_BODY_DOWNLOAD_BYTES = 4 * MAX_ERROR_BODY_CHARACTERS;
function hasNoBody(status, method) {
  return status === 204 || status === 205 || status === 304 || method === "HEAD";
}
async function readErrorBody(response, method, signal) {
  if (hasNoBody(response.status, method)) {
    await response.cancel().catch(() => {
    });
    return { text: void 0 };
  }
  const declared = Number(response.headers.get("content-length") ?? Number.NaN);
  if (declared > MAX_ERROR_BODY_DOWNLOAD_BYTES && !response.headers.has("content-encoding")) {
    await response.cancel().catch(() => {
    });
    return { text: void 0, cause: new Error(`the ${declared}-byte error body was not downloaded`) };
  }
  try {
    return { text: await response.text() };
  } catch (error) {
    await response.cancel().catch(() => {
    });
    if (signal?.aborted) throw signal.reason;
    return { text: void 0, cause: error };
  }
}
function errorBodyValue(text, contentType) {
  if (text === void 0) return void 0;
  if (text.length <= MAX_ERROR_BODY_CHARACTERS && isJsonContentType(contentType) && text.trim().length > 0) {
    try {
      return JSON.parse(text);
    } catch {
    }
  }
  return text;
}
function createAPIError(response, body, request, redactor, extras = {}) {
  const value = errorBodyValue(body.text, response.headers.get("content-type"));
  const cause = extras.cause ?? body.cause;
  return new APIError(value, {
    request,
    response: {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
      body: value
    },
    redactor,
    ...extras.retryAfterMs === void 0 ? {} : { retryAfterMs: extras.retryAfterMs },
    ...extras.location === void 0 ? {} : { location: extras.location },
    ...cause === void 0 ? {} : { cause }
  });
}

// src/buffered-response.ts
var encoder = new TextEncoder();
var BufferedResponse = class {
  status;
  statusText;
  headers;
  url;
  #used = false;
  #text;
  #request;
  constructor(response, text, request) {
    this.status = response.status;
    this.statusText = response.statusText;
    this.headers = response.headers;
    this.url = response.url;
    this.#text = text ?? "";
    this.#request = request;
  }
  get bodyUsed() {
    return this.#used;
  }
  #take() {
    if (this.#used) throw bodyAlreadyUsed();
    this.#used = true;
    return this.#text;
  }
  async text() {
    return this.#take();
  }
  async bytes() {
    return encoder.encode(this.#take());
  }
  async json() {
    const { method, url, redactor } = this.#request;
    return parseJsonBody(this.#take(), { method, url, redactor, statusCode: this.status });
  }
  async cancel() {
    this.#used = true;
  }
};

// src/header-rules.ts
var FORBIDDEN_HEADER_NAMES = /* @__PURE__ */ new Set([
  "host",
  "content-length",
  "transfer-encoding",
  "connection",
  "keep-alive",
  "upgrade",
  "te",
  "trailer"
]);
function checkHeader(fieldPrefix, name, value, allowReserved = false) {
  const field = `${fieldPrefix}.${name}`;
  if (PROTOTYPE_KEYS.has(name)) {
    throw new ConfigError(`Header name "${name}" is not allowed in ${fieldPrefix}`, { field });
  }
  if (!isHeaderToken(name)) {
    throw new ConfigError(`Header name ${JSON.stringify(name)} in ${fieldPrefix} is not an RFC 9110 token`, {
      field
    });
  }
  if (UNSENDABLE_HEADER_NAMES.has(name.toLowerCase())) {
    throw new ConfigError(`Header ${name} cannot be sent by any transport; remove it from ${fieldPrefix}`, {
      field
    });
  }
  if (!allowReserved && FORBIDDEN_HEADER_NAMES.has(name.toLowerCase())) {
    throw new ConfigError(`Header ${name} is managed by the client and cannot be set in ${fieldPrefix}`, {
      field
    });
  }
  if (typeof value !== "string" && typeof value !== "number" && typeof value !== "boolean") {
    throw new ConfigError(`Header ${name} in ${fieldPrefix} must be a string, number or boolean`, { field });
  }
  const text = String(value);
  if (hasForbiddenValueCharacter(text)) {
    throw new ConfigError(`Header ${name} in ${fieldPrefix} contains ${FORBIDDEN_VALUE_CHARACTERS}`, {
      field
    });
  }
  return text;
}

// src/policies/hooks-policy.ts
var HOOKS_POLICY_NAME = "hooks";
async function runBeforeRequest(hook, call) {
  const request = call.request;
  const editable = { ...request, headers: { ...request.headers } };
  await hook(editable, { attempt: call.attempt, maxAttempts: call.maxAttempts });
  const headers = /* @__PURE__ */ Object.create(null);
  for (const name of Object.keys(editable.headers)) {
    const value = editable.headers[name];
    if (value === void 0 || value === null) continue;
    headers[name] = checkHeader("headers", name, value);
  }
  return { ...request, headers };
}
function createHooksPolicy(options) {
  const { beforeRequest, afterResponse } = options;
  const after = async (call, outcome) => {
    if (afterResponse === void 0 || outcome.kind === "redirect") return outcome;
    const { request, response, text } = outcome;
    const context = { attempt: call.attempt, maxAttempts: call.maxAttempts };
    try {
      await afterResponse(new BufferedResponse(response, text, request), request, context);
      return outcome;
    } catch (error) {
      if (!isRetryException(error)) throw error;
      const retryAfterMs = error.retryAfterMs;
      const sent = { method: request.method, url: request.url, headers: request.headers };
      const extras = { retryAfterMs, cause: error };
      const apiError = createAPIError(response, { text }, sent, options.redactor(), extras);
      return {
        kind: "failure",
        request,
        response,
        error: apiError,
        text,
        retryAfterMs,
        retryRequested: true
      };
    }
  };
  return {
    name: HOOKS_POLICY_NAME,
    async send(call, next) {
      if (beforeRequest !== void 0) call.request = await runBeforeRequest(beforeRequest, call);
      return after(call, await next(call));
    }
  };
}

// src/retry-after.ts
var MONTHS = {
  Jan: 0,
  Feb: 1,
  Mar: 2,
  Apr: 3,
  May: 4,
  Jun: 5,
  Jul: 6,
  Aug: 7,
  Sep: 8,
  Oct: 9,
  Nov: 10,
  Dec: 11
};
var SHORT_DAYS = /* @__PURE__ */ new Set(["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]);
var LONG_DAYS = /* @__PURE__ */ new Set(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]);
var IMF_FIXDATE = /^([A-Za-z]{3}), (\d{2}) ([A-Za-z]{3}) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT$/;
var RFC_850 = /^([A-Za-z]{6,9}), (\d{2})-([A-Za-z]{3})-(\d{2}) (\d{2}):(\d{2}):(\d{2}) GMT$/;
var ASCTIME = /^([A-Za-z]{3}) ([A-Za-z]{3}) ([ \d]\d) (\d{2}):(\d{2}):(\d{2}) (\d{4})$/;
function isDigits(text) {
  if (text.length === 0) return false;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 48 || code > 57) return false;
  }
  return true;
}
function toEpoch(year, month, day, hour, minute, second) {
  if (month === void 0 || hour > 23 || minute > 59 || second > 60 || day < 1) return void 0;
  const epoch = Date.UTC(year, month, day, hour, minute, Math.min(second, 59));
  return new Date(epoch).getUTCDate() === day ? epoch : void 0;
}
function fullYear(twoDigits, nowMs) {
  const currentYear = new Date(nowMs).getUTCFullYear();
  let year = Math.floor(currentYear / 100) * 100 + twoDigits;
  if (year > currentYear + 50) year -= 100;
  return year;
}
function parseHttpDate(text, nowMs) {
  let match = IMF_FIXDATE.exec(text);
  if (match) {
    if (!SHORT_DAYS.has(match[1])) return void 0;
    return toEpoch(
      Number(match[4]),
      MONTHS[match[3]],
      Number(match[2]),
      Number(match[5]),
      Number(match[6]),
      Number(match[7])
    );
  }
  match = RFC_850.exec(text);
  if (match) {
    if (!LONG_DAYS.has(match[1])) return void 0;
    const year = fullYear(Number(match[4]), nowMs);
    return toEpoch(
      year,
      MONTHS[match[3]],
      Number(match[2]),
      Number(match[5]),
      Number(match[6]),
      Number(match[7])
    );
  }
  match = ASCTIME.exec(text);
  if (match) {
    if (!SHORT_DAYS.has(match[1])) return void 0;
    return toEpoch(
      Number(match[7]),
      MONTHS[match[2]],
      Number(match[3].trim()),
      Number(match[4]),
      Number(match[5]),
      Number(match[6])
    );
  }
  return void 0;
}
function parseRetryAfter(value, nowMs) {
  if (value === null || value === void 0) return void 0;
  const text = value.trim();
  if (isDigits(text)) {
    const milliseconds = Number(text) * 1e3;
    return Number.isSafeInteger(milliseconds) ? milliseconds : Number.MAX_SAFE_INTEGER;
  }
  if (text.length > 64) return void 0;
  const epoch = parseHttpDate(text, nowMs);
  if (epoch === void 0) return void 0;
  return Math.max(0, epoch - nowMs);
}

// src/policies/redirect-policy.ts
var REDIRECT_POLICY_NAME = "redirect";
var FOLLOWED_REDIRECT_STATUSES = /* @__PURE__ */ new Set([301, 302, 303, 307, 308]);
function withoutHeaders(headers, drop) {
  const kept = /* @__PURE__ */ Object.create(null);
  for (const name of Object.keys(headers)) {
    if (!drop(name.toLowerCase())) kept[name] = headers[name];
  }
  return kept;
}
async function refusal(call, response, redactor, location) {
  const { method, url, headers } = call.request;
  const body = await readErrorBody(response, method, call.signal);
  return createAPIError(response, body, { method, url, headers }, redactor, location ? { location } : {});
}
async function nextHop(call, response, stripped, redactor) {
  const current = call.request;
  const location = response.headers.get("location");
  let target;
  try {
    target = location ? new URL(location, current.url) : void 0;
  } catch {
    target = void 0;
  }
  if (target === void 0 || target.protocol !== "http:" && target.protocol !== "https:") {
    throw await refusal(call, response, redactor, location ?? void 0);
  }
  const previous = new URL(current.url);
  if (previous.protocol === "https:" && target.protocol === "http:") {
    throw await refusal(call, response, redactor, target.href);
  }
  await response.cancel();
  target.hash = "";
  target.username = "";
  target.password = "";
  const status = response.status;
  const dropBody = status === 303 || (status === 301 || status === 302) && current.method === "POST";
  const method = dropBody && current.method !== "HEAD" ? "GET" : current.method;
  const stripNow = !stripped && target.origin !== previous.origin;
  let headers = current.headers;
  if (stripNow) headers = withoutHeaders(headers, (name) => redactor.isSensitiveHeader(name));
  if (dropBody) headers = withoutHeaders(headers, (name) => name === "content-type");
  const body = dropBody ? void 0 : current.body;
  return { request: { ...current, method, url: target.href, headers, body }, stripped: stripped || stripNow };
}
function createRedirectPolicy(options) {
  const { maxRedirects, clock } = options;
  return {
    name: REDIRECT_POLICY_NAME,
    async send(call, next) {
      const first = call.request;
      const startedAtMs = clock();
      const chain = [first.url];
      let stripped = false;
      for (; ; ) {
        const outcome = await next(call);
        if (outcome.kind !== "redirect") return outcome;
        const redactor = options.redactor();
        if (chain.length > maxRedirects) {
          await outcome.response.cancel();
          const { method, url } = call.request;
          throw new TooManyRedirectsError({ maxRedirects, chain, method, url, redactor });
        }
        const hop = await nextHop(call, outcome.response, stripped, redactor);
        stripped = hop.stripped;
        const timeoutMs = Math.max(1, startedAtMs + (first.timeoutMs ?? call.timeoutMs) - clock());
        call.request = { ...hop.request, timeoutMs };
        chain.push(hop.request.url);
      }
    }
  };
}

// src/policies/judgement-policy.ts
function statusZeroError(call, response, redactor) {
  const { method, url, headers } = call.request;
  if (response.opaqueRedirect === true) {
    const explanation = `${method} ${redactor.url(url)} answered with a redirect that cannot be inspected in this runtime (the browser hides its status and Location): call the final URL, or use a transport that can see it`;
    return new APIError(
      { message: explanation },
      {
        request: { method, url, headers },
        response: { status: 0, statusText: "opaque redirect", headers: response.headers },
        redactor
      }
    );
  }
  return new NetworkError({
    code: "ERR_NETWORK",
    message: "the runtime reported a network error (a response with status 0)",
    method,
    url,
    beforeResponse: true,
    redactor
  });
}
function createJudgementStage(options, send) {
  const judge = async (call, response, bodyFailure) => {
    const request = call.request;
    const status = response.status;
    if (status >= 200 && status < 300) {
      if (status === 204 || status === 205 || request.method === "HEAD") {
        await response.cancel();
        return { kind: "success", request, response, text: void 0 };
      }
      return { kind: "success", request, response, text: await response.text() };
    }
    if (options.allowRedirects && FOLLOWED_REDIRECT_STATUSES.has(status)) {
      return { kind: "redirect", request, response };
    }
    const redactor = options.redactor();
    if (status === 0) {
      await response.cancel().catch(() => {
      });
      throw statusZeroError(call, response, redactor);
    }
    const retryAfterMs = parseRetryAfter(response.headers.get("retry-after"), options.clock());
    const location = status >= 300 && status < 400 ? response.headers.get("location") ?? void 0 : void 0;
    const body = bodyFailure === void 0 ? await readErrorBody(response, request.method, call.signal) : { text: void 0, cause: bodyFailure };
    const sent = { method: request.method, url: request.url, headers: request.headers };
    const error = createAPIError(response, body, sent, redactor, { retryAfterMs, location });
    return {
      kind: "failure",
      request,
      response,
      error,
      retryAfterMs,
      retryRequested: false,
      text: body.text
    };
  };
  return (call) => send(call).then(
    (response) => judge(call, response),
    (error) => {
      throw error;
      if (error.statusCode >= 200 && error.statusCode < 300) throw error;
      return judge(call, statusOnlyResponse(call, error.statusCode), error);
    }
  );
}
function statusOnlyResponse(call, status) {
  let used = false;
  return {
    status,
    statusText: "",
    headers: createTransportHeaders({}),
    url: call.request.url,
    get bodyUsed() {
      return used;
    },
    text: async () => {
      used = true;
      return "";
    },
    bytes: async () => {
      used = true;
      return new Uint8Array(0);
    },
    json: async () => {
      throw new TypeError("a response known only by its status has no body");
    },
    cancel: async () => {
      used = true;
    }
  };
}

// src/policies/logging-policy.ts
var LOGGING_POLICY_NAME = "logging";
function createLoggingPolicy(options) {
  const { logger } = options;
  return {
    name: LOGGING_POLICY_NAME,
    send(call, next) {
      const target = `${call.method} ${options.redactor().url(call.url)}`;
      logger.debug(`@meta/rest: ${target} (attempt ${call.attempt} of ${call.maxAttempts})`);
      return next(call);
    }
  };
}

// src/failure-class.ts
var FINAL_CODES = /* @__PURE__ */ new Set([
  "ERR_PROXY_TUNNEL",
  "ERR_FORBIDDEN_PORT",
  "UND_ERR_INVALID_ARG",
  "UND_ERR_NOT_SUPPORTED",
  "HOSTNAME_MISMATCH",
  "EPROTO"
]);
function isFinalCode(code) {
  return FINAL_CODES.has(code) || code.startsWith("ERR_TLS_") || code.startsWith("ERR_SSL_") || code.includes("CERT") || code.includes("SELF_SIGNED") || code.startsWith("UNABLE_TO_");
}
function classifyFailure(error) {
  if (isNetworkError(error)) {
    if (!error.beforeResponse || error.retryable === false || isFinalCode(String(error.code))) return "final";
    return "connection";
  }
  if (isTimeoutError(error)) {
    if (error.phase === "connect") return "connection";
    return error.phase === "headers" ? "timeout" : "final";
  }
  return "final";
}

// src/retry-decision.ts
var IDEMPOTENT_METHODS = /* @__PURE__ */ new Set(["GET", "HEAD", "PUT", "DELETE", "OPTIONS"]);
var NON_IDEMPOTENT_SAFE_STATUSES = /* @__PURE__ */ new Set([429, 503]);
var NETWORK_BACKOFF_CAP_MS = 2e3;
var NETWORK_BACKOFF_BASE_MS = 250;
function stop(reason) {
  return { retry: false, reason };
}
function clampSample(sample) {
  return Number.isFinite(sample) ? Math.min(Math.max(sample, 0), 1) : 0.5;
}
function backoffDelay(question) {
  const { backoff, retryWaitMs, attempt } = question;
  if (backoff === "linear") return retryWaitMs * attempt;
  const ceiling = Math.min(backoff.maxDelayMs ?? 6e4, retryWaitMs * 2 ** (attempt - 1));
  return backoff.jitter === "none" ? ceiling : Math.floor(ceiling * clampSample(question.randomSample));
}
function networkBackoffMs(attempt, randomSample) {
  const ceiling = Math.min(NETWORK_BACKOFF_CAP_MS, NETWORK_BACKOFF_BASE_MS * 2 ** (attempt - 1));
  return Math.floor(ceiling * clampSample(randomSample));
}
function methodAllows(question) {
  if (question.retryNonIdempotent || IDEMPOTENT_METHODS.has(question.method)) return true;
  return question.failure === "status" && NON_IDEMPOTENT_SAFE_STATUSES.has(question.status ?? 0);
}
function decideRetry(question) {
  const { failure } = question;
  if (failure === "final") return stop("not-retryable");
  if (failure === "status" && !question.retryCodes.has(question.status ?? 0)) return stop("not-retryable");
  if (failure !== "hook" && !methodAllows(question)) return stop("method-not-idempotent");
  if (question.attempt >= question.maxAttempts) return stop("attempts-exhausted");
  let delayMs;
  const requested = failure === "status" || failure === "hook" ? question.requestedDelayMs : void 0;
  if (requested !== void 0) {
    if (requested > question.maxRetryAfterMs) return stop("retry-after-too-long");
    delayMs = requested;
  } else if (failure === "connection") {
    delayMs = networkBackoffMs(question.attempt, question.randomSample);
  } else {
    delayMs = Math.min(backoffDelay(question), question.maxRetryAfterMs);
  }
  delayMs = Math.min(Math.max(0, delayMs), MAX_TIMER_MS);
  if (question.remainingMs !== void 0 && delayMs >= question.remainingMs) return stop("deadline");
  return { retry: true, delayMs };
}

// src/policies/retry-policy.ts
var RETRY_POLICY_NAME = "retry";
function fromOutcome(outcome) {
  if (outcome.kind !== "failure") return void 0;
  return {
    failure: outcome.retryRequested ? "hook" : "status",
    error: outcome.error,
    status: outcome.response.status,
    requestedDelayMs: outcome.retryAfterMs
  };
}
function describe(failed) {
  if (failed.status !== void 0)
    return `HTTP ${failed.status}${failed.failure === "hook" ? " (retry requested by a hook)" : ""}`;
  const error = failed.error;
  const code = typeof error?.code === "string" ? error.code : void 0;
  if (typeof error?.phase === "string") return `timed out (${error.phase})`;
  return code ?? (typeof error?.name === "string" ? error.name : "failed");
}
function createRetryPolicy(options) {
  const { logger, clock } = options;
  const decide = (call, failed) => decideRetry({
    failure: failed.failure,
    status: failed.status,
    method: call.method,
    attempt: call.attempt,
    maxAttempts: call.maxAttempts,
    retryNonIdempotent: call.retryNonIdempotent,
    retryCodes: options.retryCodes,
    requestedDelayMs: failed.requestedDelayMs,
    maxRetryAfterMs: options.maxRetryAfterMs,
    remainingMs: call.deadlineMs === void 0 ? void 0 : call.deadlineMs - clock(),
    backoff: options.backoff,
    retryWaitMs: options.retryWaitMs,
    randomSample: options.random()
  });
  const backoff = async (call, failed, delayMs) => {
    const redactor = options.wait.redactor();
    logger.warn(
      `@meta/rest: ${call.method} ${redactor.url(call.url)} attempt ${call.attempt} of ${call.maxAttempts} failed (${redactor.text(describe(failed))}); retrying in ${delayMs} ms`
    );
    if (options.beforeRetry !== void 0) {
      const request = call.request ?? { method: call.method, url: call.url, headers: {} };
      const context = {
        attempt: call.attempt,
        maxAttempts: call.maxAttempts,
        error: failed.error,
        delayMs,
        request
      };
      await options.beforeRetry(context);
    }
    await waitWithinBounds(boundsFor(call, options.wait), (signal) => options.sleep(delayMs, signal));
  };
  return {
    name: RETRY_POLICY_NAME,
    async send(call, next) {
      for (; ; ) {
        let failed;
        try {
          const outcome = await next(call);
          failed = fromOutcome(outcome);
          if (failed === void 0) return outcome;
        } catch (error) {
          failed = { failure: classifyFailure(error), error, status: void 0, requestedDelayMs: void 0 };
        }
        const decision = decide(call, failed);
        if (!decision.retry) throw failed.error;
        await backoff(call, failed, decision.delayMs);
        call.attempt++;
      }
    }
  };
}

// src/transport-stage.ts
function createTransportStage(options) {
  const { transport, clock } = options;
  return (call) => {
    if (options.isClosed()) {
      return Promise.reject(new ClientClosedError("The client was closed before this request could be sent"));
    }
    if (call.signal?.aborted) return Promise.reject(call.signal.reason);
    const request = call.request;
    if (call.deadlineMs === void 0) return transport.send(request);
    const remainingMs = call.deadlineMs - clock();
    if (remainingMs <= 0) {
      const { method, url } = request;
      const timeoutMs = options.totalTimeoutMs ?? 0;
      const redactor = options.redactor();
      return Promise.reject(new TimeoutError({ phase: "total", timeoutMs, method, url, redactor }));
    }
    call.totalDeadlineBinds = remainingMs < (request.timeoutMs ?? Number.POSITIVE_INFINITY);
    return transport.send(
      call.totalDeadlineBinds ? { ...request, timeoutMs: Math.ceil(remainingMs) } : request
    );
  };
}

// src/pipeline.ts
function compose(policies, last) {
  let next = last;
  for (let index = policies.length - 1; index >= 0; index--) {
    const policy = policies[index];
    const inner = next;
    next = (call) => policy.send(call, inner);
  }
  return next;
}
function createPipeline(parts) {
  const { options, tokens } = parts;
  const redactor = () => tokens.redactor;
  const { clock, logger, hooks: hooks2, totalTimeoutMs } = options;
  const wait = { closeSignal: parts.closeSignal, totalTimeoutMs, clock, redactor };
  const policies = [];
  if (totalTimeoutMs !== void 0) policies.push(createDeadlinePolicy({ totalTimeoutMs, clock, redactor }));
  policies.push(createRetryPolicy({ ...options, beforeRetry: hooks2.beforeRetry, wait }));
  if (logger.debugEnabled) policies.push(createLoggingPolicy({ logger, redactor }));
  if (tokens.hasProvider || options.accessToken !== void 0)
    policies.push(createAuthPolicy({ tokens, wait }));
  policies.push(
    createHeadersPolicy({ headers: parts.headers, maxResponseBytes: options.maxResponseBytes, redactor })
  );
  if (hooks2.beforeRequest !== void 0 || hooks2.afterResponse !== void 0) {
    policies.push(
      createHooksPolicy({ beforeRequest: hooks2.beforeRequest, afterResponse: hooks2.afterResponse, redactor })
    );
  }
  if (options.allowRedirects) {
    policies.push(createRedirectPolicy({ maxRedirects: options.maxRedirects, clock, redactor }));
  }
  const transportStage = createTransportStage({ ...parts, clock, totalTimeoutMs, redactor });
  const judgement = createJudgementStage(
    { allowRedirects: options.allowRedirects, clock, redactor },
    transportStage
  );
  return {
    send: compose(policies, judgement),
    policyNames: [...policies.map((policy) => policy.name), "judgement"]
  };
}

// src/header-template.ts
function templateError(headerName, reason) {
  return new ConfigError(`Header template in extraHeaders.${headerName} ${reason}`, {
    field: `extraHeaders.${headerName}`
  });
}
function compileHeaderTemplate(name, value) {
  const lowerName = name.toLowerCase();
  if (!value.includes("%")) return { name, lowerName, literal: value, parts: [value], references: [] };
  const parts = [];
  const references = [];
  let text = "";
  let index = 0;
  while (index < value.length) {
    const percent = value.indexOf("%", index);
    if (percent === -1) {
      text += value.slice(index);
      break;
    }
    text += value.slice(index, percent);
    const next = value[percent + 1];
    if (next === "%") {
      text += "%";
      index = percent + 2;
      continue;
    }
    const close = next === "(" ? value.indexOf(")", percent + 2) : -1;
    if (close === -1 || value[close + 1] !== "s") {
      throw templateError(name, 'has a "%" that is neither "%%" nor "%(Name)s"');
    }
    const reference = value.slice(percent + 2, close);
    if (!isHeaderToken(reference))
      throw templateError(name, "refers to a name that is not an RFC 9110 token");
    if (PROTOTYPE_KEYS.has(reference)) {
      throw templateError(name, `refers to "${reference}", which is not allowed as a header name`);
    }
    if (text) parts.push(text);
    text = "";
    parts.push({ name: reference, lowerName: reference.toLowerCase() });
    references.push(reference.toLowerCase());
    index = close + 2;
  }
  if (text) parts.push(text);
  const literal = references.length === 0 ? parts.join("") : void 0;
  return { name, lowerName, literal, parts, references };
}
function renderHeaderTemplate(header, lookup) {
  if (header.literal !== void 0) return header.literal;
  let result = "";
  for (const part of header.parts) {
    if (typeof part === "string") {
      result += part;
      continue;
    }
    const value = lookup(part.lowerName);
    if (value === void 0) return void 0;
    result += value;
  }
  return result;
}

// src/request-headers.ts
function headerInputEntries(input, field) {
  if (input === void 0 || input === null) return [];
  if (isPlainObject(input)) return Object.keys(input).map((name) => [name, ownValue(input, name)]);
  if (input instanceof Map)
    return [...input.entries()].map(([name, value]) => [String(name), value]);
  if (typeof Headers === "function" && input instanceof Headers) return [...input.entries()];
  throw new ConfigError(`${field} must be a plain object, a Headers or a Map of header names to values`, {
    field
  });
}
var RequestHeaders = class {
  static policyName = "headers";
  #options;
  #authLower;
  #cache = /* @__PURE__ */ new Map();
  #cachedAuthValue;
  constructor(options) {
    this.#options = options;
    this.#authLower = options.authHeader.toLowerCase();
  }
  /** The merged headers for one attempt. Throws `ConfigError` for bad per-call headers or missing template names. */
  build(authValue, contentType, callHeaders) {
    if (callHeaders === void 0) {
      if (authValue !== this.#cachedAuthValue) {
        this.#cache = /* @__PURE__ */ new Map();
        this.#cachedAuthValue = authValue;
      }
      const key = contentType ?? "";
      let cached = this.#cache.get(key);
      if (cached === void 0) {
        cached = Object.freeze(this.#merge(authValue, contentType, void 0));
        this.#cache.set(key, cached);
      }
      return cached;
    }
    return this.#merge(authValue, contentType, callHeaders);
  }
  #merge(authValue, contentType, callHeaders) {
    const merged = /* @__PURE__ */ new Map();
    const { defaults, authHeader, extraHeaders } = this.#options;
    for (const name of Object.keys(defaults)) merged.set(name.toLowerCase(), [name, defaults[name]]);
    if (contentType !== void 0) merged.set("content-type", ["Content-Type", contentType]);
    if (authValue !== void 0) merged.set(this.#authLower, [authHeader, authValue]);
    if (callHeaders !== void 0) {
      for (const [name, value] of headerInputEntries(callHeaders, "headers")) {
        if (value === void 0 || value === null) continue;
        merged.set(name.toLowerCase(), [name, checkHeader("headers", name, value)]);
      }
    }
    if (extraHeaders.length > 0) {
      const lookup = (lowerName) => merged.get(lowerName)?.[1];
      const rendered = extraHeaders.map((header) => renderHeaderTemplate(header, lookup));
      extraHeaders.forEach((header, index) => {
        const value = rendered[index];
        if (value !== void 0) merged.set(header.lowerName, [header.name, value]);
      });
    }
    const record = /* @__PURE__ */ Object.create(null);
    for (const [name, value] of merged.values()) record[name] = value;
    return record;
  }
};
function validateCallHeaders(callHeaders) {
  for (const [name, value] of headerInputEntries(callHeaders, "headers")) {
    if (value !== void 0 && value !== null) checkHeader("headers", name, value);
  }
}

// src/standard-schema.ts
function isStandardSchema(value) {
  if (typeof value !== "object" && typeof value !== "function" || value === null) return false;
  const props = value["~standard"];
  return typeof props === "object" && props !== null && props.version === 1 && typeof props.validate === "function";
}
function issuePath(issue) {
  if (!Array.isArray(issue.path)) return [];
  return issue.path.map(
    (segment) => typeof segment === "object" && segment !== null ? segment.key : segment
  );
}
function schemaMismatch(issues, response, vendor) {
  const first = issues[0];
  const where = first === void 0 ? "" : issuePath(first).map(String).join(".");
  return new ResponseParseError({
    method: response.method,
    url: response.url,
    statusCode: response.statusCode,
    redactor: response.redactor,
    message: `the response does not match the ${vendor} schema` + (first === void 0 ? "" : `: ${where ? `${where}: ` : ""}${String(first.message)}`),
    // Only path, message and code are kept (ResponseParseError drops anything else, the input above all).
    issues: issues.map((issue) => ({
      path: issuePath(issue),
      message: String(issue.message),
      code: "schema"
    }))
  });
}
async function validateWithSchema(schema, value, response) {
  const props = schema["~standard"];
  let result = props.validate(value);
  if (result instanceof Promise) result = await result;
  if (result.issues !== void 0) throw schemaMismatch(result.issues, response, String(props.vendor));
  return result.value;
}

// src/request-options.ts
var OPTION_NAMES = /* @__PURE__ */ new Set([
  "signal",
  "headers",
  "query",
  "timeoutMs",
  "retry",
  "schema",
  "rawData",
  "retryNonIdempotent"
]);
function optionError(field, message) {
  return new ConfigError(message, { field: `options.${field}` });
}
function checkOption(key, value) {
  if (key === "signal" && !(value instanceof AbortSignal))
    throw optionError(key, "signal must be an AbortSignal");
  if (key === "headers" && (typeof value !== "object" || value === null || Array.isArray(value))) {
    throw new ConfigError("headers must be a plain object, a Headers or a Map", { field: "headers" });
  }
  if (key === "query" && !isPlainObject(value)) {
    throw new ConfigError("query must be a plain object of query parameters", { field: "query" });
  }
  if (key === "timeoutMs" && !(typeof value === "number" && Number.isInteger(value) && value > 0)) {
    throw optionError(key, "timeoutMs must be a positive integer of milliseconds");
  }
  if (key === "retry" && !(typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= 1e3)) {
    throw optionError(key, "retry must be an integer from 0 to 1000");
  }
  if (key === "schema" && !isStandardSchema(value)) {
    throw optionError(key, "schema must be a Standard Schema v1 validator (zod 4, valibot, arktype, ...)");
  }
  if ((key === "rawData" || key === "retryNonIdempotent") && typeof value !== "boolean") {
    throw optionError(key, `${key} must be a boolean`);
  }
}
function checkRequestOptions(options) {
  if (options === void 0 || options === null) return void 0;
  if (!isPlainObject(options))
    throw new ConfigError("Call options must be a plain object", { field: "options" });
  for (const key of Object.keys(options)) {
    if (!OPTION_NAMES.has(key)) throw optionError(key, `Unknown call option "${key}"`);
    const value = options[key];
    if (value !== void 0) checkOption(key, value);
  }
  return options;
}

// src/client-config-schema.ts
import * as z from "zod/mini";
var rule = (predicate, error) => z.optional(z.custom(predicate, { error }));
var isFunction = (value) => typeof value === "function";
var isObject = (value) => typeof value === "object" && value !== null;
var isBoolean = (value) => typeof value === "boolean";
var isString = (value) => typeof value === "string";
var integerIn = (field, min, max) => rule(
  (value) => Number.isInteger(value) && value >= min && value <= max,
  `${field} must be an integer from ${min} to ${max}`
);
function baseUrlProblem(value) {
  if (!isString(value) && !(value instanceof URL)) return "baseUrl must be a string or a URL";
  let url;
  try {
    url = new URL(String(value));
  } catch {
    return "baseUrl must be an absolute http:// or https:// URL";
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return "baseUrl must use http:// or https://";
  if (url.username || url.password) return "baseUrl must not contain credentials (use authToken)";
  if (url.search || url.hash || String(value).includes("#"))
    return "baseUrl must not contain a query or fragment";
  return void 0;
}
var baseUrl = z.custom((value) => baseUrlProblem(value) === void 0, {
  error: (issue) => baseUrlProblem(issue.input) ?? "baseUrl is required"
});
var isApiVersion = (value) => isString(value) && /^[A-Za-z0-9._-]+$/.test(value) && value !== "." && value !== "..";
var isRetryCode = (code) => Number.isInteger(code) && code >= 400 && code <= 599;
function retryCodesProblem(value) {
  const index = Array.isArray(value) ? value.findIndex((code) => !isRetryCode(code)) : -1;
  if (index === -1) return "retryCodes must be an array of integer HTTP statuses from 400 to 599";
  return `retryCodes[${index}] is not an integer HTTP status from 400 to 599`;
}
var isSeconds = (value) => typeof value === "number" && value >= 0 && value <= Number.MAX_SAFE_INTEGER / 1e3;
var isEpochSeconds = (value) => typeof value === "number" && Number.isFinite(value) && value >= 0;
var isHeaders = (value) => isObject(value) && !Array.isArray(value);
var isStringArray = (value) => Array.isArray(value) && value.every(isString);
var isVerify = (value) => isBoolean(value) || isString(value) && value.length > 0;
var isTransport = (value) => isObject(value) && typeof value.send === "function" && typeof value.close === "function";
var hooks = z.optional(
  z.strictObject(
    {
      beforeRequest: rule(isFunction, "hooks.beforeRequest must be a function"),
      afterResponse: rule(isFunction, "hooks.afterResponse must be a function"),
      beforeRetry: rule(isFunction, "hooks.beforeRetry must be a function")
    },
    { error: "hooks must be an object of beforeRequest, afterResponse and beforeRetry functions" }
  )
);
function isBackoff(value) {
  if (value === "linear") return true;
  if (!isObject(value) || Array.isArray(value)) return false;
  const { type, maxDelayMs, jitter, ...rest } = value;
  return type === "exponential" && Object.keys(rest).length === 0 && (maxDelayMs === void 0 || Number.isInteger(maxDelayMs) && maxDelayMs >= 1 && maxDelayMs <= MAX_TIMER_MS) && (jitter === void 0 || jitter === "full" || jitter === "none");
}
var safeInteger = Number.MAX_SAFE_INTEGER;
var configShape = {
  baseUrl,
  apiVersion: rule(
    isApiVersion,
    'apiVersion may only contain letters, digits, ".", "_" and "-", and cannot be "." or ".."'
  ),
  retry: integerIn("retry", 0, 1e3),
  retryWait: rule(isSeconds, "retryWait must be a finite number of seconds >= 0"),
  retryCodes: z.optional(
    z.custom((value) => Array.isArray(value) && value.every(isRetryCode), {
      error: (issue) => retryCodesProblem(issue.input)
    })
  ),
  authToken: rule(isFunction, "authToken must be a function returning [token, expiry]"),
  accessToken: rule(isString, "accessToken must be a string"),
  expiresIn: rule(isEpochSeconds, "expiresIn must be a finite number of epoch seconds"),
  authHeader: rule(isString, "authHeader must be a string"),
  extraHeaders: rule(
    isHeaders,
    "extraHeaders must be a plain object, a Headers or a Map of header names to values"
  ),
  sensitiveHeaders: rule(isStringArray, "sensitiveHeaders must be an array of header names"),
  rawData: rule(isBoolean, "rawData must be true or false"),
  allowRedirects: rule(isBoolean, "allowRedirects must be true or false"),
  authTokenMode: rule(isString, "authTokenMode must be a string"),
  verify: rule(isVerify, "verify must be true, false, or a CA bundle (a file path or PEM text)"),
  transport: rule(isTransport, "transport must implement send() and close()"),
  timeoutMs: integerIn("timeoutMs", 1, safeInteger),
  connectTimeoutMs: integerIn("connectTimeoutMs", 1, safeInteger),
  totalTimeoutMs: integerIn("totalTimeoutMs", 1, safeInteger),
  maxRetryAfterMs: integerIn("maxRetryAfterMs", 0, MAX_TIMER_MS),
  maxResponseBytes: integerIn("maxResponseBytes", 1, safeInteger),
  maxRedirects: integerIn("maxRedirects", 0, 100),
  logger: rule(isObject, "logger must be a console-shaped object"),
  userAgent: rule(isString, "userAgent must be a string"),
  hooks,
  retryNonIdempotent: rule(isBoolean, "retryNonIdempotent must be true or false"),
  backoff: rule(
    isBackoff,
    'backoff must be "linear" or { type: "exponential", maxDelayMs?, jitter?: "full" | "none" }'
  ),
  clock: rule(isFunction, "clock must be a function returning epoch milliseconds"),
  sleep: rule(isFunction, "sleep must be a function"),
  random: rule(isFunction, "random must be a function returning a number in [0, 1)")
};
var clientConfigSchema = z.strictObject(configShape);
function fieldOf(issue) {
  const path = [];
  for (const segment of issue.path) {
    if (typeof segment === "number") break;
    path.push(String(segment));
  }
  if (path.length === issue.path.length && issue.code === "unrecognized_keys" && issue.keys?.[0] !== void 0)
    path.push(issue.keys[0]);
  return path.length > 0 ? path.join(".") : "config";
}
function locationOf(issue, field) {
  let location = "";
  for (const segment of issue.path) {
    location += typeof segment === "number" ? `[${segment}]` : `${location ? "." : ""}${String(segment)}`;
  }
  return location.length > field.length ? location : field;
}
var URL_HREF = Object.getOwnPropertyDescriptor(URL.prototype, "href").get;
function parseClientConfig(config) {
  if (!isPlainObject(config)) {
    throw new ConfigError("The REST config must be a plain object", { field: "config" });
  }
  const input = ownCopy(config);
  if (input.baseUrl instanceof URL) input.baseUrl = URL_HREF.call(input.baseUrl);
  for (const nested of ["hooks", "backoff"]) {
    if (isPlainObject(input[nested])) input[nested] = ownCopy(input[nested]);
  }
  const result = clientConfigSchema.safeParse(input);
  if (result.success) return input;
  const issues = result.error.issues.map(
    (issue) => issue.code === "unrecognized_keys" ? { ...issue, message: `unknown option "${issue.keys?.join('", "')}" (see ClientConfig)` } : issue
  );
  const first = issues[0];
  const field = fieldOf(first);
  throw new ConfigError(`Invalid REST config: ${locationOf(first, field)}: ${first.message}`, {
    field,
    issues
  });
}

// src/logger.ts
var ignore = () => {
};
function guarded(method, logger) {
  return (message) => {
    try {
      const result = method.call(logger, message);
      if (result !== null && typeof result === "object" && typeof result.then === "function") {
        result.then(ignore, ignore);
      }
    } catch {
    }
  };
}
function resolveLogger(logger) {
  if (logger === void 0) {
    return { debugEnabled: false, debug: ignore, warn: guarded((message) => console.warn(message), console) };
  }
  const debug = ownMethod(logger, "debug");
  const warn = ownMethod(logger, "warn");
  return {
    debugEnabled: typeof debug === "function",
    debug: typeof debug === "function" ? guarded(debug, logger) : ignore,
    warn: typeof warn === "function" ? guarded(warn, logger) : ignore
  };
}

// src/sleep.ts
function defaultSleep(ms, signal) {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    let remaining = Math.max(0, ms);
    let timer;
    const onAbort = () => {
      clearTimeout(timer);
      resolve();
    };
    const schedule = () => {
      const step = Math.min(remaining, MAX_TIMER_MS);
      remaining -= step;
      timer = setTimeout(() => {
        if (remaining > 0) return schedule();
        signal.removeEventListener("abort", onAbort);
        resolve();
      }, step);
    };
    signal.addEventListener("abort", onAbort, { once: true });
    schedule();
  });
}

// src/token-rules.ts
var MAX_REFRESH_MARGIN_MS = 12e4;
var EPOCH_SECONDS_THRESHOLD = 1e9;
var NO_TOKEN = "no_token";
function tokenUse(token) {
  if (token === "") return "omit-and-ask-again";
  return token === NO_TOKEN ? "omit" : "send";
}
function normaliseToken(token, headerName, source) {
  const trimmed = token.trim();
  if (!hasForbiddenValueCharacter(trimmed)) return trimmed;
  const problem = `contains ${FORBIDDEN_VALUE_CHARACTERS}, so it cannot be sent in the ${headerName} header`;
  if (source === "accessToken") throw new ConfigError(`accessToken ${problem}`, { field: "accessToken" });
  throw new AuthProviderError(`The token returned by authToken() ${problem}`);
}
function presetTokenExpiresAtMs(expiresIn) {
  if (expiresIn === void 0) return void 0;
  if (expiresIn < EPOCH_SECONDS_THRESHOLD) {
    throw new ConfigError(
      `expiresIn is epoch seconds (when the token stops being valid), but ${expiresIn} is below 10^9 and looks like a number of seconds from now: pass Math.floor(Date.now() / 1000) + seconds instead`,
      { field: "expiresIn" }
    );
  }
  return expiresIn * 1e3;
}
function providerTokenExpiresAtMs(token, expiry, nowMs) {
  if (expiry === null || expiry === void 0) {
    if (tokenUse(token) !== "send") return void 0;
    throw new AuthProviderError("The auth token provider returned no expiry for a real token");
  }
  if (typeof expiry === "number" && Number.isFinite(expiry) && expiry >= 0) {
    if (expiry > EPOCH_SECONDS_THRESHOLD) {
      throw new AuthProviderError(
        `The auth token expiry ${expiry} looks like an epoch time (a JWT "exp"?): authToken() must return seconds from now, or a Date (new Date(exp * 1000))`
      );
    }
    return nowMs + expiry * 1e3;
  }
  if (expiry instanceof Date && Number.isFinite(expiry.getTime())) return expiry.getTime();
  throw new AuthProviderError(
    "The auth token expiry must be seconds from now (a number >= 0) or a valid Date"
  );
}
function tokenRefreshAtMs(obtainedAtMs, expiresAtMs) {
  const lifetimeMs = Math.max(0, expiresAtMs - obtainedAtMs);
  return expiresAtMs - Math.min(MAX_REFRESH_MARGIN_MS, lifetimeMs / 2);
}

// src/url-builder.ts
function pathError(reason) {
  return new ConfigError(`Invalid request path: ${reason}`, { field: "path" });
}
function isHexCode(code) {
  return code >= 48 && code <= 57 || code >= 65 && code <= 70 || code >= 97 && code <= 102;
}
var ENCODED_ASCII = /* @__PURE__ */ new Set([32, 34, 60, 62, 94, 96, 123, 124, 125, 127]);
function scanPart(part) {
  let needsEncoding = false;
  for (let index = 0; index < part.length; index++) {
    const code = part.charCodeAt(index);
    if (code < 32) throw pathError("control characters are not allowed");
    if (code === 92) throw pathError("a backslash is not allowed");
    if (code === 35) throw pathError('"#" is not allowed (fragments are never sent)');
    if (code > 126 || ENCODED_ASCII.has(code)) needsEncoding = true;
    else if (code === 37 && !(isHexCode(part.charCodeAt(index + 1)) && isHexCode(part.charCodeAt(index + 2))))
      needsEncoding = true;
  }
  return needsEncoding;
}
var LONE_SURROGATE = "a lone surrogate (half of a UTF-16 pair) cannot be encoded as UTF-8";
function encodePart(part) {
  let result = "";
  for (let index = 0; index < part.length; index++) {
    const code = part.charCodeAt(index);
    if (code === 37) {
      const isEscape = isHexCode(part.charCodeAt(index + 1)) && isHexCode(part.charCodeAt(index + 2));
      result += isEscape ? "%" : "%25";
    } else if (code >= 55296 && code <= 56319) {
      const low = part.charCodeAt(index + 1);
      if (!(low >= 56320 && low <= 57343)) throw pathError(LONE_SURROGATE);
      result += encodeURIComponent(part.slice(index, index + 2));
      index++;
    } else if (code >= 56320 && code <= 57343) {
      throw pathError(LONE_SURROGATE);
    } else if (code > 126 || ENCODED_ASCII.has(code)) {
      result += code === 127 ? "%7F" : encodeURIComponent(part[index]);
    } else {
      result += part[index];
    }
  }
  return result;
}
function checkDotSegments(path) {
  if (!path.includes(".") && !path.includes("%")) return;
  const lowered = path.toLowerCase();
  const separated = lowered.includes("%") ? lowered.replaceAll("%2f", "/").replaceAll("%5c", "/") : lowered;
  for (const segment of separated.split("/")) {
    if (segment.length === 0) continue;
    const parameters = segment.includes("%3b") ? segment.replaceAll("%3b", ";") : segment;
    const semicolon = parameters.indexOf(";");
    const name = semicolon === -1 ? parameters : parameters.slice(0, semicolon);
    if (name.length === 0 || name.length > 6) continue;
    const dots = name.replaceAll("%2e", ".");
    if (dots === "." || dots === "..") {
      throw pathError('dot-segments ("." and "..", also with ";parameters") are not allowed');
    }
  }
}
function hasSchemePrefix(path) {
  const colon = path.indexOf(":");
  if (colon <= 0) return false;
  const slash = path.indexOf("/");
  if (slash !== -1 && slash < colon) return false;
  const first = path.charCodeAt(0) | 32;
  if (first < 97 || first > 122) return false;
  for (let index = 1; index < colon; index++) {
    const code = path.charCodeAt(index);
    const lower = code | 32;
    const alphanumeric = lower >= 97 && lower <= 122 || code >= 48 && code <= 57;
    if (!alphanumeric && code !== 43 && code !== 45 && code !== 46) return false;
  }
  return true;
}
function encodeQueryText(text, field) {
  try {
    return encodeURIComponent(text);
  } catch {
    throw new ConfigError(`${field}: ${LONE_SURROGATE}`, { field });
  }
}
function appendQuery(query, data, field = "data") {
  if (data === void 0 || data === null) return query;
  if (!isPlainObject(data)) {
    throw new ConfigError(`${field} must be a plain object of query parameters`, { field });
  }
  let result = query;
  for (const key of Object.keys(data)) {
    const value = data[key];
    const values = Array.isArray(value) ? value : [value];
    for (const item of values) {
      if (item === void 0 || item === null) continue;
      const type = typeof item;
      if (type !== "string" && type !== "number" && type !== "boolean" && type !== "bigint") {
        throw new ConfigError(`${field} "${key}" must be a string, number, boolean or an array of them`, {
          field
        });
      }
      const pair = `${encodeQueryText(key, field)}=${encodeQueryText(String(item), field)}`;
      result = result.length === 0 ? pair : `${result}&${pair}`;
    }
  }
  return result;
}
var UrlBuilder = class {
  /** `scheme://host:port/base/apiVersion`, without a trailing slash. */
  prefix;
  constructor(baseUrl2, apiVersion) {
    const basePath = baseUrl2.pathname.replace(/\/+$/, "");
    this.prefix = `${baseUrl2.origin}${basePath}/${apiVersion}`;
  }
  /**
   * The absolute URL for `path`: GET `data` pairs appended to the path's own query, then the per-call `query`
   * pairs (SPEC 3.2: `query` comes after `data`).
   */
  build(rawPath, queryData, callQuery) {
    if (typeof rawPath !== "string") throw pathError("the path must be a string");
    let path = rawPath;
    if (path.length > 0 && path.charCodeAt(0) !== 47) {
      if (hasSchemePrefix(path)) throw pathError("absolute URLs are not allowed; pass a path");
      path = `/${path}`;
    }
    if (path.charCodeAt(1) === 47) throw pathError('a path starting with "//" is not allowed');
    const questionMark = path.indexOf("?");
    let pathname = questionMark === -1 ? path : path.slice(0, questionMark);
    let query = questionMark === -1 ? "" : path.slice(questionMark + 1);
    if (scanPart(pathname)) pathname = encodePart(pathname);
    checkDotSegments(pathname);
    if (query.length > 0 && scanPart(query)) query = encodePart(query);
    if (queryData !== void 0 && queryData !== null) query = appendQuery(query, queryData, "data");
    if (callQuery !== void 0 && callQuery !== null) query = appendQuery(query, callQuery, "query");
    const url = this.prefix + pathname;
    return query.length > 0 || questionMark !== -1 ? `${url}?${query}` : url;
  }
};

// src/resolve-options.ts
function compileExtraHeaders(extraHeaders, redactor) {
  const headers = [];
  const sensitiveNames = [];
  for (const [name, rawValue] of headerInputEntries(extraHeaders, "extraHeaders")) {
    if (rawValue === void 0 || rawValue === null) continue;
    const value = checkHeader("extraHeaders", name, rawValue);
    const compiled = compileHeaderTemplate(name, value);
    if (compiled.references.some((reference) => redactor.isSensitiveHeader(reference)))
      sensitiveNames.push(name);
    headers.push(compiled);
  }
  return { headers, sensitiveNames };
}
function resolveHooks(hooks2) {
  const resolved = /* @__PURE__ */ Object.create(null);
  const beforeRequest = ownValue(hooks2, "beforeRequest");
  const afterResponse = ownValue(hooks2, "afterResponse");
  const beforeRetry = ownValue(hooks2, "beforeRetry");
  if (beforeRequest) resolved.beforeRequest = beforeRequest;
  if (afterResponse) resolved.afterResponse = afterResponse;
  if (beforeRetry) resolved.beforeRetry = beforeRetry;
  return resolved;
}
function checkPlainHeaderValue(field, value) {
  if (hasForbiddenValueCharacter(value)) {
    throw new ConfigError(`${field} contains ${FORBIDDEN_VALUE_CHARACTERS}`, { field });
  }
}
function checkAuthHeader(authHeader) {
  if (!isHeaderToken(authHeader)) {
    throw new ConfigError("authHeader must be an RFC 9110 header name", { field: "authHeader" });
  }
  if (FORBIDDEN_HEADER_NAMES.has(authHeader.toLowerCase())) {
    throw new ConfigError(`authHeader cannot be ${authHeader}: the client manages that header`, {
      field: "authHeader"
    });
  }
}
function checkSensitiveHeaderNames(names) {
  for (const name of names) {
    if (!isHeaderToken(name)) {
      throw new ConfigError(`sensitiveHeaders: ${JSON.stringify(name)} is not an RFC 9110 header name`, {
        field: "sensitiveHeaders"
      });
    }
  }
}
function valueOr(config, key) {
  const value = ownValue(config, key);
  return value === void 0 ? CLIENT_DEFAULTS[key] : value;
}
function resolveOptions(config) {
  const parsed = parseClientConfig(config);
  const authHeader = valueOr(parsed, "authHeader");
  checkAuthHeader(authHeader);
  const authTokenMode = valueOr(parsed, "authTokenMode");
  const userAgent = valueOr(parsed, "userAgent");
  checkPlainHeaderValue("authTokenMode", authTokenMode);
  checkPlainHeaderValue("userAgent", userAgent);
  const rawAccessToken = ownValue(parsed, "accessToken");
  const accessToken = rawAccessToken === void 0 ? void 0 : normaliseToken(rawAccessToken, authHeader, "accessToken");
  const accessTokenExpiresAtMs = presetTokenExpiresAtMs(ownValue(parsed, "expiresIn"));
  const transport = ownValue(parsed, "transport");
  const verify = valueOr(parsed, "verify");
  if (transport !== void 0 && verify !== true) {
    throw new ConfigError(
      "verify cannot be changed when a transport is passed: configure TLS on that transport",
      {
        field: "verify"
      }
    );
  }
  const configuredSensitive = [...valueOr(parsed, "sensitiveHeaders")];
  checkSensitiveHeaderNames(configuredSensitive);
  const baseRedactor = createRedactor({ sensitiveHeaders: [authHeader, ...configuredSensitive] });
  const extra = compileExtraHeaders(ownValue(parsed, "extraHeaders"), baseRedactor);
  const sensitiveHeaders = [authHeader, ...configuredSensitive, ...extra.sensitiveNames];
  const secrets = accessToken ? [accessToken, rawAccessToken] : [];
  const redactor = createRedactor({ sensitiveHeaders, secrets });
  const baseUrl2 = new URL(String(parsed.baseUrl));
  const timeoutMs = valueOr(parsed, "timeoutMs");
  return {
    baseUrl: baseUrl2,
    urlBuilder: new UrlBuilder(baseUrl2, valueOr(parsed, "apiVersion")),
    retry: valueOr(parsed, "retry"),
    retryWaitMs: valueOr(parsed, "retryWait") * 1e3,
    retryCodes: new Set(valueOr(parsed, "retryCodes")),
    authToken: ownValue(parsed, "authToken"),
    accessToken,
    accessTokenExpiresAtMs,
    authHeader,
    authTokenMode,
    extraHeaders: extra.headers,
    sensitiveHeaders,
    rawData: valueOr(parsed, "rawData"),
    allowRedirects: valueOr(parsed, "allowRedirects"),
    verify,
    transport,
    // Deadlines become timers: capped at 2^31-1 ms so a huge value never overflows into "fire at once".
    timeoutMs: capToTimerLimit(timeoutMs),
    connectTimeoutMs: capToTimerLimit(Math.min(valueOr(parsed, "connectTimeoutMs"), timeoutMs)),
    totalTimeoutMs: ownValue(parsed, "totalTimeoutMs"),
    maxRetryAfterMs: valueOr(parsed, "maxRetryAfterMs"),
    maxResponseBytes: valueOr(parsed, "maxResponseBytes"),
    maxRedirects: valueOr(parsed, "maxRedirects"),
    logger: resolveLogger(ownValue(parsed, "logger")),
    userAgent,
    hooks: resolveHooks(ownValue(parsed, "hooks")),
    retryNonIdempotent: valueOr(parsed, "retryNonIdempotent"),
    backoff: valueOr(parsed, "backoff"),
    clock: ownValue(parsed, "clock") ?? Date.now,
    sleep: ownValue(parsed, "sleep") ?? defaultSleep,
    random: ownValue(parsed, "random") ?? Math.random,
    redactor
  };
}

// src/security-warnings.ts
function isLoopbackHost(hostname) {
  const host = hostname.toLowerCase();
  if (host === "localhost" || host === "[::1]" || host === "::1") return true;
  const octets = host.split(".");
  return octets.length === 4 && octets[0] === "127" && octets.every((octet) => /^\d{1,3}$/.test(octet) && Number(octet) < 256);
}
function warnAboutInsecureSettings(options) {
  const { baseUrl: baseUrl2, logger } = options;
  const hasToken = options.authToken !== void 0 || options.accessToken !== void 0;
  if (hasToken && options.authTokenMode.toLowerCase() === "bearer" && baseUrl2.protocol === "http:" && !isLoopbackHost(baseUrl2.hostname)) {
    logger.warn(
      `@meta/rest: a Bearer token is configured for ${baseUrl2.origin} over plain http; it can be read on the network. Use https.`
    );
  }
  if (options.verify === false) {
    logger.warn("@meta/rest: verify is false, so TLS certificates are not checked for this client.");
  }
}

// src/response-decoding.ts
function isBlank(text) {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code !== 32 && code !== 9 && code !== 10 && code !== 13) return false;
  }
  return true;
}
var HTML_MEDIA_TYPES = /* @__PURE__ */ new Set(["text/html", "application/xhtml+xml"]);
function looksLikeHtml(contentType, text) {
  if (contentType !== null) {
    const semicolon = contentType.indexOf(";");
    const mediaType = (semicolon === -1 ? contentType : contentType.slice(0, semicolon)).trim().toLowerCase();
    if (HTML_MEDIA_TYPES.has(mediaType)) return true;
  }
  const start = text.slice(0, 64).replace(/^\uFEFF?\s*/, "").slice(0, 15).toLowerCase();
  return start.startsWith("<!doctype html") || start.startsWith("<html");
}
function htmlResponseError(text, target) {
  return new ResponseParseError({
    code: "ERR_HTML_RESPONSE",
    statusCode: target.status,
    snippet: text,
    message: "the server answered with an HTML page instead of API data. Likely causes: the baseUrl lacks the /api path (OpenMetadata serves its web UI with 200 there), or an auth proxy answered with its login page. Pass rawData: true to receive the HTML as text",
    method: target.method,
    url: target.url,
    redactor: target.redactor
  });
}
function decodeSuccessBody(text, target, rawData) {
  if (text === void 0 || text.length === 0) return null;
  if (isJsonContentType(target.contentType)) {
    try {
      return JSON.parse(text);
    } catch (error) {
      if (isBlank(text)) return null;
      if (looksLikeHtml(null, text)) {
        if (rawData) return text;
        throw htmlResponseError(text, target);
      }
      throw new ResponseParseError({
        statusCode: target.status,
        snippet: text,
        message: "the response body is not valid JSON",
        method: target.method,
        url: target.url,
        cause: error,
        redactor: target.redactor
      });
    }
  }
  if (isBlank(text)) return null;
  if (!rawData && looksLikeHtml(target.contentType, text)) throw htmlResponseError(text, target);
  return text;
}

// src/success-result.ts
async function successResult(outcome, call, redactor) {
  const { response, request } = outcome;
  const target = {
    method: call.method,
    url: request.url,
    status: response.status,
    contentType: response.headers.get("content-type"),
    redactor
  };
  let data = decodeSuccessBody(outcome.text, target, call.rawData);
  if (call.schema !== void 0) {
    const target2 = { method: call.method, url: request.url, statusCode: response.status, redactor };
    data = await validateWithSchema(call.schema, data, target2);
  }
  if (!call.rawData) return data;
  return { status: response.status, headers: response.headers.toRecord(), data };
}

// src/token-state.ts
function providerError(message, cause) {
  return new AuthProviderError(message, cause === void 0 ? {} : { cause });
}
var TokenState = class {
  #options;
  #token;
  #previousToken;
  #expiresAtMs;
  #refreshAtMs;
  #headerValue;
  #refreshing;
  #redactor;
  constructor(options) {
    this.#options = options;
    this.#redactor = options.redactor;
    if (options.accessToken !== void 0) {
      this.#setToken(options.accessToken, options.accessTokenExpiresAtMs, void 0);
    }
  }
  /** True when a provider is configured (so a 401 may force one refresh). */
  get hasProvider() {
    return this.#options.provider !== void 0;
  }
  /** The redactor that also masks every token this client has used. */
  get redactor() {
    return this.#redactor;
  }
  /** True when the next attempt must wait for a refresh first: no token yet, or within the refresh margin. */
  needsRefresh() {
    if (this.#options.provider === void 0) return false;
    if (this.#token === void 0 || this.#token === "") return true;
    return this.#refreshAtMs !== void 0 && this.#options.clock() >= this.#refreshAtMs;
  }
  /** The auth header value for the next attempt, or `undefined` to send none. */
  headerValue() {
    if (this.#options.provider === void 0 && this.#expiresAtMs !== void 0) {
      if (this.#options.clock() >= this.#expiresAtMs) return void 0;
    }
    return this.#headerValue;
  }
  /** Start a refresh, or join the one in flight. Rejects with `AuthProviderError`; state is then unchanged. */
  refresh() {
    this.#refreshing ??= this.#callProvider().finally(() => {
      this.#refreshing = void 0;
    });
    return this.#refreshing;
  }
  /**
   * After a 401 for a request signed with `rejectedValue`: when the token changed since (another call refreshed
   * it, or the provider rotated it), resolve at once so the caller replays with the current one; else refresh,
   * joining a refresh already in flight. Five calls failing with one revoked token cost one provider call.
   */
  refreshAfterRejection(rejectedValue) {
    if (this.#refreshing !== void 0) return this.#refreshing;
    if (this.#headerValue !== rejectedValue) return Promise.resolve();
    return this.refresh();
  }
  async #callProvider() {
    const provider = this.#options.provider;
    let result;
    try {
      result = await provider();
    } catch (error) {
      throw providerError("The auth token provider failed", error);
    }
    if (!Array.isArray(result) || result.length < 1 || result.length > 2 || typeof result[0] !== "string") {
      throw providerError("The auth token provider must return [token, expiry]");
    }
    const token = normaliseToken(result[0], this.#options.authHeader, "authToken");
    const nowMs = this.#options.clock();
    this.#setToken(token, providerTokenExpiresAtMs(token, result[1], nowMs), nowMs);
  }
  #setToken(token, expiresAtMs, fetchedAtMs) {
    this.#token = token;
    this.#expiresAtMs = expiresAtMs;
    this.#refreshAtMs = expiresAtMs === void 0 ? void 0 : tokenRefreshAtMs(fetchedAtMs ?? expiresAtMs - 24e4, expiresAtMs);
    const mode = this.#options.mode;
    this.#headerValue = tokenUse(token) !== "send" ? void 0 : mode ? `${mode} ${token}` : token;
    if (this.#headerValue === void 0) return;
    const secrets = this.#previousToken === void 0 ? [token] : [token, this.#previousToken];
    this.#redactor = this.#options.redactor.extend({ secrets });
    this.#previousToken = token;
  }
};

// src/rest.ts
var REST = class {
  #options;
  #transport;
  #ownsTransport;
  #tokens;
  #pipeline;
  #lifecycle = new ClientLifecycle();
  /** Validate `config` (a `ConfigError` names the bad field, before any I/O) and create the default transport. */
  constructor(config) {
    const options = resolveOptions(config);
    this.#options = options;
    this.#ownsTransport = options.transport === void 0;
    this.#transport = options.transport ?? createDefaultTransport({ verify: options.verify, connectTimeoutMs: options.connectTimeoutMs });
    this.#tokens = new TokenState({
      provider: options.authToken,
      accessToken: options.accessToken,
      accessTokenExpiresAtMs: options.accessTokenExpiresAtMs,
      mode: options.authTokenMode,
      authHeader: options.authHeader,
      clock: options.clock,
      redactor: options.redactor
    });
    const headers = new RequestHeaders({
      defaults: { "User-Agent": options.userAgent, Accept: "application/json, */*;q=0.8" },
      authHeader: options.authHeader,
      extraHeaders: options.extraHeaders
    });
    const lifecycle = this.#lifecycle;
    this.#pipeline = createPipeline({
      options,
      transport: this.#transport,
      tokens: this.#tokens,
      headers,
      closeSignal: lifecycle.closeSignal,
      isClosed: () => lifecycle.closed
    });
    warnAboutInsecureSettings(options);
  }
  /** GET `path`; `data` becomes the query string (arrays repeat the key, null/undefined dropped). */
  get(path, data, options) {
    return this.#call("GET", path, data, options);
  }
  /** POST `data` (objects and arrays as JSON; strings and bytes verbatim). Not replayed on 504 by default. */
  post(path, data, options) {
    return this.#call("POST", path, data, options);
  }
  /** PUT `data` (objects and arrays as JSON; strings and bytes verbatim). */
  put(path, data, options) {
    return this.#call("PUT", path, data, options);
  }
  /** PATCH `data`; JSON bodies default to `Content-Type: application/json-patch+json`. */
  patch(path, data, options) {
    return this.#call("PATCH", path, data, options);
  }
  /** DELETE `path`; `data`, when given, is sent as the body like POST. Query flags go in `options.query`. */
  delete(path, data, options) {
    return this.#call("DELETE", path, data, options);
  }
  /**
   * Refuse new calls (`ClientClosedError`), release calls waiting in backoff or on the token provider, let
   * exchanges on the wire finish (or, with `{ force: true }`, abort them: their calls reject with
   * `ClientClosedError`), then close the transport if REST created it. A second call returns the first call's
   * promise; a forced call after a graceful one upgrades it.
   */
  close(options) {
    if (options !== void 0 && !isPlainObject(options)) {
      return Promise.reject(new ConfigError("close() options must be a plain object", { field: "options" }));
    }
    const release = () => this.#ownsTransport ? this.#transport.close() : Promise.resolve();
    return this.#lifecycle.close(release, options);
  }
  /** `await using client = new REST(...)` closes the client at the end of the scope. */
  [Symbol.asyncDispose]() {
    return this.close();
  }
  async #call(method, path, data, rawOptions) {
    this.#lifecycle.enter();
    let signal;
    try {
      const options = checkRequestOptions(rawOptions);
      const callerSignal = options?.signal;
      if (callerSignal !== void 0) signal = new CallSignal(callerSignal, this.#lifecycle.forceSignal);
      const call = this.#prepare(method, path, data, options, signal?.signal, callerSignal);
      const outcome = await this.#pipeline.send(call);
      if (outcome.kind !== "success")
        throw new Error("unreachable: the pipeline returned a non-success outcome");
      return await successResult(outcome, call, this.#tokens.redactor);
    } finally {
      signal?.release();
      this.#lifecycle.leave();
    }
  }
  #prepare(method, path, data, options, signal, callerSignal) {
    const isGet = method === "GET";
    const url = this.#options.urlBuilder.build(path, isGet ? data : void 0, options?.query);
    const encoded = isGet ? void 0 : encodeBody(method, data);
    if (callerSignal?.aborted) throw callerSignal.reason;
    const callHeaders = options?.headers;
    if (callHeaders !== void 0) validateCallHeaders(callHeaders);
    return {
      method,
      url,
      body: encoded?.body,
      contentType: encoded?.contentType,
      callHeaders,
      signal: signal ?? this.#lifecycle.forceSignal,
      callerSignal,
      timeoutMs: options?.timeoutMs === void 0 ? this.#options.timeoutMs : capToTimerLimit(options.timeoutMs),
      schema: options?.schema,
      rawData: options?.rawData ?? this.#options.rawData,
      maxAttempts: (options?.retry ?? this.#options.retry) + 1,
      retryNonIdempotent: options?.retryNonIdempotent ?? this.#options.retryNonIdempotent,
      deadlineMs: void 0,
      totalDeadlineBinds: false,
      attempt: 1,
      replayedAfter401: false,
      authValue: void 0,
      request: void 0
    };
  }
};
export {
  CLIENT_DEFAULTS,
  REST
};

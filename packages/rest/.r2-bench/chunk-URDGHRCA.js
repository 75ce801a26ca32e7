// ../errors/src/header-entries.ts
var UNPRINTABLE = "[unprintable]";
function safeString(value) {
  if (typeof value === "string") return value;
  try {
    return String(value);
  } catch {
    return UNPRINTABLE;
  }
}
function valueString(value) {
  if (value === void 0 || value === null) return void 0;
  if (Array.isArray(value)) return value.map(safeString).join(", ");
  return safeString(value);
}
function headerEntries(headers) {
  const entries = [];
  if (typeof headers !== "object" || headers === null) return entries;
  const add = (name, value) => {
    const text = valueString(value);
    if (text !== void 0) entries.push([safeString(name).trim(), text]);
  };
  try {
    if (Array.isArray(headers) || !(typeof headers.forEach === "function")) {
      if (typeof headers[Symbol.iterator] === "function") {
        for (const pair of headers) {
          if (typeof pair === "object" && pair !== null) add(pair[0], pair[1]);
        }
        return entries;
      }
      for (const name of Object.keys(headers)) {
        try {
          add(name, headers[name]);
        } catch {
        }
      }
      return entries;
    }
    headers.forEach((value, name) => {
      add(name, value);
    });
  } catch {
  }
  return entries;
}

// ../errors/src/config-issue.ts
function normaliseIssues(issues, redactor) {
  const list = Array.isArray(issues) ? issues : [];
  return Object.freeze(
    list.map((raw) => {
      const issue = typeof raw === "object" && raw !== null ? raw : {};
      const path = Array.isArray(issue.path) ? issue.path : [];
      return Object.freeze({
        path: Object.freeze([...path]),
        message: redactor.text(safeString(issue.message ?? "")),
        ...typeof issue.code === "string" ? { code: issue.code } : {}
      });
    })
  );
}
function issueSummary(issue) {
  return { ...issue, path: issue.path.map(pathElement) };
}
function pathElement(element) {
  return typeof element === "number" ? element : safeString(element);
}

// ../errors/src/sensitive-names.ts
var REDACTED = "****";
var DEFAULT_SENSITIVE_HEADERS = Object.freeze([
  "authorization",
  "proxy-authorization",
  "cookie",
  "set-cookie"
]);
var SENSITIVE_QUERY_NAMES = Object.freeze([
  "token",
  "accesstoken",
  "refreshtoken",
  "idtoken",
  "clientsecret",
  "clientassertion",
  "secret",
  "password",
  "passwd",
  "passphrase",
  "pwd",
  "apikey",
  "key",
  "privatekey",
  "signature",
  "sig",
  "auth",
  "authorization",
  "credential",
  "credentials",
  "jwt",
  "session",
  "sessionid"
]);
var SENSITIVE_QUERY_SUFFIXES = Object.freeze([
  "token",
  "secret",
  "password",
  "apikey",
  "signature",
  "credential"
]);
var MAX_NAME_CHARACTERS = 256;
var SENSITIVE_HEADER_NAME_PARTS = Object.freeze([
  "token",
  "secret",
  "password",
  "api-key",
  "apikey",
  "session",
  "auth"
]);
function hasSensitiveHeaderNamePart(lowerName) {
  const name = lowerName.length > MAX_NAME_CHARACTERS ? lowerName.slice(0, MAX_NAME_CHARACTERS) : lowerName;
  for (const part of SENSITIVE_HEADER_NAME_PARTS) if (name.includes(part)) return true;
  return false;
}
function normaliseName(name) {
  let normalised = "";
  for (let index = 0; index < name.length && index < MAX_NAME_CHARACTERS; index++) {
    const character = name[index];
    if (character === "-" || character === "_" || character === ".") continue;
    normalised += character.toLowerCase();
  }
  return normalised;
}
function isSensitiveParameterName(name) {
  if (typeof name !== "string" || name.length < 3) return false;
  const normalised = normaliseName(name);
  if (SENSITIVE_QUERY_NAMES.includes(normalised)) return true;
  return SENSITIVE_QUERY_SUFFIXES.some((suffix) => normalised.endsWith(suffix));
}
var AUTH_SCHEME = /^([A-Za-z][A-Za-z0-9!#$%&'*+.^_`|~-]{0,63})[ \t]+\S/;
function maskCredentials(value) {
  const match = AUTH_SCHEME.exec(String(value));
  return match ? `${match[1]} ${REDACTED}` : REDACTED;
}

// ../errors/src/embedded-credentials.ts
var MAX_NAME_CHARACTERS2 = 256;
function isNameCharacter(code) {
  return code >= 48 && code <= 57 || // 0-9
  code >= 65 && code <= 90 || // A-Z
  code >= 97 && code <= 122 || // a-z
  code === 45 || // -
  code === 46 || // .
  code === 95 || // _
  code === 37;
}
var VALUE_ENDS = /* @__PURE__ */ new Set([..."&#;,)]}<>\"'`\\", " ", "	", "\r", "\n", "\f", "\v"]);
var AUTHORITY_ENDS = /* @__PURE__ */ new Set([..."/?#\\<>\"'`", " ", "	", "\r", "\n", "\f", "\v"]);
var TRAILING_PUNCTUATION = /* @__PURE__ */ new Set([":", ".", "!", "?"]);
var WHITESPACE = /* @__PURE__ */ new Set([" ", "	", "\r", "\n", "\f", "\v"]);
function endsValue(text, index) {
  const character = text[index];
  if (VALUE_ENDS.has(character)) return true;
  if (!TRAILING_PUNCTUATION.has(character)) return false;
  const next = text[index + 1];
  return next === void 0 || WHITESPACE.has(next);
}
function decodeName(raw) {
  if (!raw.includes("%") && !raw.includes("+")) return raw;
  try {
    return decodeURIComponent(raw.replaceAll("+", " "));
  } catch {
    return raw;
  }
}
function maskQueryPairs(query) {
  const pairs = query.split("&");
  let changed = false;
  for (let index = 0; index < pairs.length; index++) {
    const pair = pairs[index];
    const equals = pair.indexOf("=");
    if (equals === -1) continue;
    const rawName = pair.slice(0, equals);
    if (isSensitiveParameterName(decodeName(rawName))) {
      pairs[index] = `${rawName}=${REDACTED}`;
      changed = true;
    }
  }
  return changed ? pairs.join("&") : query;
}
function maskUserinfo(text) {
  let output = "";
  let copied = 0;
  let from = 0;
  for (let scheme = text.indexOf("://"); scheme !== -1; scheme = text.indexOf("://", from)) {
    const start = scheme + 3;
    let end = start;
    let at = -1;
    for (; end < text.length; end++) {
      const character = text[end];
      if (AUTHORITY_ENDS.has(character)) break;
      if (character === "@") at = end;
    }
    if (at !== -1) {
      output += `${text.slice(copied, start)}${REDACTED}`;
      copied = at;
    }
    from = end;
  }
  return copied === 0 ? text : output + text.slice(copied);
}
function maskSensitivePairs(text) {
  let output = "";
  let copied = 0;
  let floor = 0;
  for (let equals = text.indexOf("="); equals !== -1; equals = text.indexOf("=", floor)) {
    let nameStart = equals;
    while (nameStart > floor && equals - nameStart < MAX_NAME_CHARACTERS2 && isNameCharacter(text.charCodeAt(nameStart - 1))) {
      nameStart--;
    }
    floor = equals + 1;
    if (nameStart === equals || !isSensitiveParameterName(decodeName(text.slice(nameStart, equals))))
      continue;
    let valueEnd = equals + 1;
    while (valueEnd < text.length && !endsValue(text, valueEnd)) valueEnd++;
    if (valueEnd > equals + 1) {
      output += `${text.slice(copied, equals + 1)}${REDACTED}`;
      copied = valueEnd;
    }
    floor = valueEnd;
  }
  return copied === 0 ? text : output + text.slice(copied);
}
function maskQuotedPairs(text) {
  let output = "";
  let copied = 0;
  let floor = 0;
  for (let colon = text.indexOf(":"); colon !== -1; colon = text.indexOf(":", floor)) {
    const lower = floor;
    floor = colon + 1;
    let nameEnd = colon;
    while (nameEnd > lower && WHITESPACE.has(text[nameEnd - 1])) nameEnd--;
    if (nameEnd - 1 < lower || text[nameEnd - 1] !== '"') continue;
    nameEnd--;
    let nameStart = nameEnd;
    while (nameStart > lower && nameEnd - nameStart < MAX_NAME_CHARACTERS2 && isNameCharacter(text.charCodeAt(nameStart - 1))) {
      nameStart--;
    }
    if (nameStart === nameEnd || text[nameStart - 1] !== '"') continue;
    if (!isSensitiveParameterName(text.slice(nameStart, nameEnd))) continue;
    let valueStart = colon + 1;
    while (valueStart < text.length && WHITESPACE.has(text[valueStart])) valueStart++;
    floor = valueStart;
    if (text[valueStart] !== '"') continue;
    let valueEnd = valueStart + 1;
    while (valueEnd < text.length && text[valueEnd] !== '"') valueEnd += text[valueEnd] === "\\" ? 2 : 1;
    valueEnd = Math.min(valueEnd, text.length);
    output += `${text.slice(copied, valueStart + 1)}${REDACTED}`;
    copied = valueEnd;
    floor = Math.max(valueEnd, valueStart + 1);
  }
  return copied === 0 ? text : output + text.slice(copied);
}
function maskEmbeddedCredentials(text) {
  let result = text;
  if (result.includes("://")) result = maskUserinfo(result);
  if (result.includes("=")) result = maskSensitivePairs(result);
  if (result.includes('"')) result = maskQuotedPairs(result);
  return result;
}

// ../errors/src/value-redaction.ts
var MAX_DEPTH = 32;
var TOO_DEEP = "[too deep]";
var UNREADABLE = "[unreadable]";
function redactValue(value, redactor) {
  return redactAt(value, redactor, 0, /* @__PURE__ */ new Map());
}
function redactAt(value, redactor, depth, copies) {
  if (typeof value === "string") return redactor.text(value);
  if (typeof value !== "object" || value === null) return value;
  if (depth > MAX_DEPTH) return TOO_DEEP;
  const known = copies.get(value);
  if (known !== void 0) return known;
  try {
    if (Array.isArray(value)) {
      const copy = [];
      copies.set(value, copy);
      for (const item of value) copy.push(redactAt(item, redactor, depth + 1, copies));
      return copy;
    }
    if (value instanceof URL) return redactor.url(value);
    if (value instanceof Error) return { name: value.name, message: redactor.text(String(value.message)) };
    const prototype = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== null) return value;
    return copyRecord(value, redactor, depth, copies);
  } catch {
    return UNREADABLE;
  }
}
function copyRecord(record, redactor, depth, copies) {
  const copy = {};
  copies.set(record, copy);
  for (const key of Object.keys(record)) {
    let item;
    try {
      item = record[key];
    } catch {
      item = UNREADABLE;
    }
    Object.defineProperty(copy, key, {
      value: redactEntry(key, item, redactor, depth, copies),
      enumerable: true,
      writable: true,
      configurable: true
    });
  }
  return copy;
}
function redactEntry(key, item, redactor, depth, copies) {
  const primitive = typeof item === "string" || typeof item === "number" || typeof item === "bigint";
  if (primitive && redactor.isSensitiveHeader(key)) return redactor.text(maskCredentials(String(item)));
  if (primitive && isSensitiveParameterName(key)) return REDACTED;
  return redactAt(item, redactor, depth + 1, copies);
}

// ../errors/src/redaction.ts
var MIN_SECRET_CHARACTERS = 4;
function spellingsOf(secret) {
  const spellings = [secret];
  try {
    const encoded = encodeURIComponent(secret);
    spellings.push(
      encoded,
      encoded.replace(/%[0-9A-F]{2}/g, (percentEscape) => percentEscape.toLowerCase())
    );
    spellings.push(new URLSearchParams([["", secret]]).toString().slice(1));
  } catch {
  }
  return spellings;
}
var SecretRedactor = class {
  #sensitiveHeaders;
  #secrets;
  #spellings;
  constructor(sensitiveHeaders, secrets) {
    this.#sensitiveHeaders = sensitiveHeaders;
    this.#secrets = secrets;
    const spellings = new Set(secrets.flatMap(spellingsOf));
    this.#spellings = [...spellings].sort((left, right) => right.length - left.length);
  }
  isSensitiveHeader(name) {
    const lowerName = safeString(name).trim().toLowerCase();
    return this.#sensitiveHeaders.has(lowerName) || hasSensitiveHeaderNamePart(lowerName);
  }
  headers(headers) {
    const record = {};
    for (const [name, value] of headerEntries(headers)) {
      const masked = this.headerValue(name, value);
      const previous = Object.hasOwn(record, name) ? record[name] : void 0;
      Object.defineProperty(record, name, {
        value: previous === void 0 ? masked : `${previous}, ${masked}`,
        enumerable: true,
        writable: true,
        configurable: true
      });
    }
    return record;
  }
  headerValue(name, value) {
    const text = safeString(value);
    if (this.isSensitiveHeader(name)) return this.text(maskCredentials(text));
    return this.text(text);
  }
  url(url) {
    let text;
    try {
      text = typeof url === "string" ? url : url instanceof URL ? url.href : safeString(url);
    } catch {
      return REDACTED;
    }
    let parsed;
    try {
      parsed = new URL(text);
    } catch {
      return this.text(text);
    }
    if (parsed.username || parsed.password) {
      parsed.username = REDACTED;
      parsed.password = "";
    }
    const search = maskQueryPairs(parsed.search.slice(1));
    if (search !== parsed.search.slice(1)) parsed.search = search;
    const hash = maskQueryPairs(parsed.hash.slice(1));
    if (hash !== parsed.hash.slice(1)) parsed.hash = hash;
    return this.text(parsed.href);
  }
  text(text) {
    let result = safeString(text);
    for (const spelling of this.#spellings) {
      if (result.includes(spelling)) result = result.split(spelling).join(REDACTED);
    }
    return maskEmbeddedCredentials(result);
  }
  value(value) {
    return redactValue(value, this);
  }
  extend(options) {
    const more = options ?? {};
    return createRedactor({
      sensitiveHeaders: [...this.#sensitiveHeaders, ...stringsOf(more.sensitiveHeaders)],
      secrets: [...this.#secrets, ...stringsOf(more.secrets)]
    });
  }
};
function stringsOf(values) {
  if (typeof values === "string") return [values];
  const strings = [];
  if (typeof values !== "object" || values === null) return strings;
  try {
    for (const value of values) if (typeof value === "string") strings.push(value);
  } catch {
  }
  return strings;
}
function createRedactor(options = {}) {
  const resolved = options ?? {};
  const sensitiveHeaders = new Set(DEFAULT_SENSITIVE_HEADERS);
  for (const name of stringsOf(resolved.sensitiveHeaders)) sensitiveHeaders.add(name.trim().toLowerCase());
  const secrets = new Set(
    stringsOf(resolved.secrets).filter((secret) => secret.length >= MIN_SECRET_CHARACTERS)
  );
  return new SecretRedactor(sensitiveHeaders, [...secrets]);
}

// ../errors/src/meta-error.ts
var ERROR_KINDS = /* @__PURE__ */ Symbol.for("@meta/errors.kinds");
var INSPECT = /* @__PURE__ */ Symbol.for("nodejs.util.inspect.custom");
function hasErrorKind(value, kind) {
  if (typeof value !== "object" || value === null) return false;
  try {
    const kinds = value[ERROR_KINDS];
    return Array.isArray(kinds) && kinds.includes(kind);
  } catch {
    return false;
  }
}
var MetaError = class extends Error {
  /** The kind used by the brand; subclasses override it with their class name. */
  static kind = "MetaError";
  /** A stable machine-readable code (`ECONNREFUSED`, `ERR_TIMEOUT`, an HTTP status, ...). */
  code;
  /** Kept (private, never serialised) to mask the cause's text in `toJSON()`. */
  #redactor;
  constructor(message, code, input) {
    const options = typeof input === "object" && input !== null ? input : {};
    const redactor = options.redactor ?? createRedactor(options);
    super(redactor.text(safeString(message)), "cause" in options ? { cause: options.cause } : void 0);
    this.#redactor = redactor;
    this.code = code;
    const kinds = [];
    let errorClass = new.target;
    while (typeof errorClass === "function" && errorClass !== Error) {
      if (Object.hasOwn(errorClass, "kind")) kinds.push(errorClass.kind);
      errorClass = Object.getPrototypeOf(errorClass);
    }
    Object.defineProperty(this, ERROR_KINDS, { value: Object.freeze(kinds), enumerable: false });
    const name = Object.hasOwn(new.target, "kind") ? new.target.kind : new.target.name || new.target.kind;
    Object.defineProperty(this, "name", {
      value: name,
      enumerable: false,
      writable: true,
      configurable: true
    });
  }
  /** `instanceof` that also recognises errors made by another copy of this package. */
  static [Symbol.hasInstance](value) {
    if (!Object.hasOwn(this, "kind")) return Function.prototype[Symbol.hasInstance].call(this, value);
    return hasErrorKind(value, this.kind);
  }
  /** The redactor this error was built with, for subclasses that format more fields. */
  get redactor() {
    return this.#redactor;
  }
  /** The fields shown by `toJSON()` and `util.inspect`; subclasses add theirs. Never holds a secret. */
  details() {
    return {};
  }
  /** A JSON-safe summary: name, code, message, the class's own fields, and the cause's name and message. */
  toJSON() {
    const json = { name: this.name, code: this.code, message: this.message };
    if (activeSummaries >= MAX_CAUSE_DEPTH) return json;
    activeSummaries++;
    try {
      Object.assign(json, this.details());
      if (this.cause !== void 0)
        json.cause = this.#redactor.value(summariseCause(this.cause, this.#redactor));
    } finally {
      activeSummaries--;
    }
    return json;
  }
  /** Node's `util.inspect` shows the same safe summary, with the stack, instead of every own property. */
  [INSPECT]() {
    const { name: _name, message: _message, ...rest } = this.toJSON();
    let fields = "";
    try {
      fields = Object.keys(rest).length > 0 ? ` ${JSON.stringify(rest, null, 2)}` : "";
    } catch {
    }
    return `${this.stack ?? `${this.name}: ${this.message}`}${fields}`;
  }
};
var MAX_CAUSE_DEPTH = 8;
var activeSummaries = 0;
function summariseCause(cause, redactor, depth = 0) {
  try {
    if (hasErrorKind(cause, "MetaError") && typeof cause.toJSON === "function") {
      return cause.toJSON();
    }
    if (typeof cause === "object" && cause !== null && "message" in cause) {
      const error = cause;
      const summary = {
        name: safeString(error.name),
        message: redactor.text(safeString(error.message))
      };
      if (typeof error.code === "string" || typeof error.code === "number") summary.code = error.code;
      if (error.cause !== void 0 && depth < MAX_CAUSE_DEPTH) {
        summary.cause = summariseCause(error.cause, redactor, depth + 1);
      }
      return summary;
    }
    return redactor.text(safeString(cause));
  } catch {
    return UNPRINTABLE;
  }
}
function isMetaError(value) {
  return hasErrorKind(value, "MetaError");
}

// ../errors/src/config-error.ts
var ConfigError = class _ConfigError extends MetaError {
  static kind = "ConfigError";
  /** The dotted config key or argument at fault. */
  field;
  /** The validation issues. */
  issues;
  constructor(message, options) {
    const field = options?.field;
    if (typeof field !== "string" || field.length === 0) {
      throw new _ConfigError('"field" must be a non-empty string naming the config key or argument', {
        field: "field"
      });
    }
    super(message, "ERR_CONFIG", options);
    this.field = field;
    this.issues = normaliseIssues(
      options.issues ?? [{ path: this.field.split("."), message }],
      this.redactor
    );
  }
  details() {
    return {
      field: this.field,
      issues: this.issues.map(issueSummary)
    };
  }
};

// ../errors/src/option-checks.ts
function optionsObject(options, field) {
  if (options === void 0 || options === null) return {};
  if (typeof options !== "object" || Array.isArray(options)) {
    throw new ConfigError(`"${field}" must be an object`, { field });
  }
  return options;
}
function checkedNumber(value, field, rule = {}) {
  const minimum = rule.minimum ?? 0;
  if (typeof value !== "number" || !Number.isFinite(value) || value < minimum || rule.integer === true && !Number.isInteger(value)) {
    const kind = rule.integer === true ? "an integer" : "a finite number";
    throw new ConfigError(`"${field}" must be ${kind} >= ${minimum}`, { field });
  }
  return value;
}
function optionalNumber(value, field, rule = {}) {
  return value === void 0 ? void 0 : checkedNumber(value, field, rule);
}
function optionalString(value, field) {
  if (value === void 0) return void 0;
  if (typeof value !== "string" || value.length === 0) {
    throw new ConfigError(`"${field}" must be a non-empty string`, { field });
  }
  return value;
}

// ../errors/src/client-closed-error.ts
var ClientClosedError = class extends MetaError {
  static kind = "ClientClosedError";
  constructor(message = "The client is closed", options) {
    super(message, "ERR_CLIENT_CLOSED", optionsObject(options, "options"));
  }
};

// ../errors/src/request-target.ts
function normaliseMethod(method) {
  return safeString(method).toUpperCase();
}
function describeTarget(target, redactor) {
  const method = target.method ? normaliseMethod(target.method) : "";
  const url = target.url === void 0 ? "" : redactor.url(target.url);
  return [method, url].filter(Boolean).join(" ");
}

// ../errors/src/http-exchange.ts
var MAX_ERROR_BODY_CHARACTERS = 64 * 1024;
function cutPoint(text, limit) {
  if (text.length <= limit) return text.length;
  const code = text.charCodeAt(limit - 1);
  return code >= 55296 && code <= 56319 ? limit - 1 : limit;
}
function boundedSnippet(text, limit = MAX_ERROR_BODY_CHARACTERS) {
  if (text.length <= limit) return text;
  const end = cutPoint(text, limit);
  return `${text.slice(0, end)}\u2026 [${text.length - end} more characters]`;
}
function redactedSnippet(text, redactor, limit = MAX_ERROR_BODY_CHARACTERS) {
  const window = limit + Math.max(limit, MAX_ERROR_BODY_CHARACTERS);
  const head = text.length > window ? text.slice(0, window) : text;
  const redacted = redactor.text(head);
  const dropped = text.length - head.length;
  if (dropped === 0) return boundedSnippet(redacted, limit);
  const end = cutPoint(redacted, limit);
  return `${redacted.slice(0, end)}\u2026 [${redacted.length - end + dropped} more characters]`;
}
function bodyText(body) {
  const bytes = body instanceof ArrayBuffer ? new Uint8Array(body) : new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  return new TextDecoder().decode(bytes);
}
function storedBody(body, redactor) {
  if (typeof body === "string") return redactedSnippet(body, redactor);
  if (typeof body !== "object" || body === null) return body;
  try {
    if (body instanceof ArrayBuffer || ArrayBuffer.isView(body))
      return redactedSnippet(bodyText(body), redactor);
  } catch {
    return UNPRINTABLE;
  }
  const redacted = redactor.value(body);
  let serialised;
  try {
    serialised = JSON.stringify(redacted);
  } catch {
  }
  return serialised !== void 0 && serialised.length > MAX_ERROR_BODY_CHARACTERS ? boundedSnippet(serialised) : redacted;
}
function redactRequest(request, redactor) {
  return Object.freeze({
    method: normaliseMethod(request.method),
    url: redactor.url(request.url),
    headers: Object.freeze(redactor.headers(request.headers))
  });
}
function isJsonContentType(headers) {
  for (const name of Object.keys(headers)) {
    if (name.toLowerCase() !== "content-type") continue;
    const type = (headers[name] ?? "").split(";", 1)[0].trim().toLowerCase();
    return type === "application/json" || type.includes("/") && type.endsWith("+json");
  }
  return false;
}
function parsedJsonBody(body, headers) {
  if (!isJsonContentType(headers)) return body;
  let text;
  try {
    if (typeof body === "string") text = body;
    else if (body instanceof ArrayBuffer || ArrayBuffer.isView(body)) text = bodyText(body);
  } catch {
    return body;
  }
  if (text === void 0 || text.trim() === "" || text.length > MAX_ERROR_BODY_CHARACTERS) return body;
  try {
    return JSON.parse(text);
  } catch {
    return body;
  }
}
function redactResponse(response, redactor) {
  const headers = Object.freeze(redactor.headers(response.headers));
  return Object.freeze({
    status: response.status,
    statusText: typeof response.statusText === "string" ? redactor.text(response.statusText) : "",
    headers,
    body: storedBody(parsedJsonBody(response.body, headers), redactor)
  });
}

// ../errors/src/status-text.ts
var REASON_PHRASES = Object.freeze({
  200: "OK",
  201: "Created",
  202: "Accepted",
  204: "No Content",
  300: "Multiple Choices",
  301: "Moved Permanently",
  302: "Found",
  303: "See Other",
  304: "Not Modified",
  307: "Temporary Redirect",
  308: "Permanent Redirect",
  400: "Bad Request",
  401: "Unauthorized",
  402: "Payment Required",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  406: "Not Acceptable",
  407: "Proxy Authentication Required",
  408: "Request Timeout",
  409: "Conflict",
  410: "Gone",
  411: "Length Required",
  412: "Precondition Failed",
  413: "Content Too Large",
  414: "URI Too Long",
  415: "Unsupported Media Type",
  416: "Range Not Satisfiable",
  417: "Expectation Failed",
  421: "Misdirected Request",
  422: "Unprocessable Content",
  423: "Locked",
  424: "Failed Dependency",
  425: "Too Early",
  426: "Upgrade Required",
  428: "Precondition Required",
  429: "Too Many Requests",
  431: "Request Header Fields Too Large",
  451: "Unavailable For Legal Reasons",
  500: "Internal Server Error",
  501: "Not Implemented",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
  505: "HTTP Version Not Supported",
  507: "Insufficient Storage",
  508: "Loop Detected",
  511: "Network Authentication Required"
});
function reasonPhrase(status, received) {
  if (received) return received;
  return REASON_PHRASES[status] ?? "";
}

// ../errors/src/api-error.ts
var MAX_PARSED_TEXT_BODY = MAX_ERROR_BODY_CHARACTERS;
function bodyObject(body) {
  if (typeof body === "string") {
    const trimmed = body.trim();
    if (!trimmed.startsWith("{") || trimmed.length > MAX_PARSED_TEXT_BODY) return void 0;
    try {
      return bodyObject(JSON.parse(trimmed));
    } catch {
      return void 0;
    }
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) return void 0;
  return body;
}
function readBodyField(body, field) {
  if (body === void 0) return void 0;
  try {
    return Object.hasOwn(body, field) ? body[field] : void 0;
  } catch {
    return void 0;
  }
}
function fallbackMessage(status, statusText, request) {
  const reason = status === void 0 ? "" : reasonPhrase(status, statusText);
  const head = status === void 0 ? "HTTP request failed" : `${status}${reason ? ` ${reason}` : ""}`;
  return request ? `${head} for ${request.method} ${request.url}` : head;
}
function messageOf(errorBody, response, request) {
  const bodyMessage = readBodyField(bodyObject(errorBody), "message");
  if (typeof bodyMessage === "string" && bodyMessage.length > 0) return boundedSnippet(bodyMessage);
  if (typeof errorBody === "string" && errorBody.length > 0 && response === void 0) {
    return boundedSnippet(errorBody);
  }
  return fallbackMessage(response?.status, response?.statusText ?? "", request);
}
function checkedHttpInfo(httpInfo) {
  const info = optionsObject(httpInfo, "httpInfo");
  const { request, response, ...rest } = info;
  const checked = rest;
  if (request !== void 0 && request !== null) {
    checked.request = optionsObject(request, "httpInfo.request");
  }
  if (response !== void 0 && response !== null) {
    const checkedResponse = optionsObject(response, "httpInfo.response");
    checkedNumber(checkedResponse.status, "httpInfo.response.status", { integer: true });
    checked.response = checkedResponse;
  }
  optionalNumber(info.retryAfterMs, "httpInfo.retryAfterMs");
  return checked;
}
function codeOf(body, response, redactor) {
  const bodyCode = readBodyField(bodyObject(body), "code");
  if (typeof bodyCode === "number") return bodyCode;
  if (typeof bodyCode === "string" && bodyCode.length > 0)
    return redactor.text(boundedSnippet(bodyCode, 256));
  return response?.status ?? "ERR_API";
}
var APIError = class extends MetaError {
  static kind = "APIError";
  /** The HTTP status, or `undefined` when the error was built without a response. */
  statusCode;
  /** The request that failed, redacted: `{ method, url, headers }`. */
  request;
  /** The response, redacted: `{ status, statusText, headers, body }`; the body parsed when JSON, else a bounded snippet. */
  response;
  /** A server-requested delay in milliseconds that was not slept (it passed `maxRetryAfterMs`). */
  retryAfterMs;
  /** The `Location` header of a 3xx that was not followed, redacted. */
  location;
  /**
   * @param errorBody - the error body (`{ code, message }` from OpenMetadata), or any value the server sent.
   * @param httpInfo - the request and response, plus `cause`, `retryAfterMs`, `location` and redaction options.
   */
  constructor(errorBody, httpInfo) {
    const info = checkedHttpInfo(httpInfo);
    const redactor = info.redactor ?? createRedactor(info);
    const request = info.request ? redactRequest(info.request, redactor) : void 0;
    const response = info.response ? redactResponse({ ...info.response, body: info.response.body ?? errorBody }, redactor) : void 0;
    const body = errorBody ?? info.response?.body;
    super(messageOf(body, response, request), codeOf(body, response, redactor), { ...info, redactor });
    this.statusCode = response?.status;
    this.request = request;
    this.response = response;
    this.retryAfterMs = info.retryAfterMs;
    this.location = info.location === void 0 ? void 0 : redactor.url(info.location);
  }
  details() {
    return {
      statusCode: this.statusCode,
      request: this.request,
      response: this.response,
      retryAfterMs: this.retryAfterMs,
      location: this.location
    };
  }
};

// ../errors/src/auth-provider-error.ts
var AuthProviderError = class extends MetaError {
  static kind = "AuthProviderError";
  constructor(message = "The auth token provider failed", options) {
    super(message, "ERR_AUTH_PROVIDER", optionsObject(options, "options"));
  }
};

// ../errors/src/network-error.ts
function platformCode(cause, depth = 0) {
  if (typeof cause !== "object" || cause === null || depth > 2) return void 0;
  try {
    const { code, cause: inner } = cause;
    if (typeof code === "string" && code.length > 0 && code.length <= 64) return code;
    return platformCode(inner, depth + 1);
  } catch {
    return void 0;
  }
}
var NetworkError = class extends MetaError {
  static kind = "NetworkError";
  /** The request method, when known. */
  method;
  /** The redacted request URL, when known. */
  url;
  /** True when the failure happened before any response byte arrived. */
  beforeResponse;
  /** True when replaying the request may succeed: no response byte arrived and the failure is not permanent. */
  retryable;
  /** The status a proxy answered a `CONNECT` with, for code `ERR_PROXY_TUNNEL`. */
  proxyStatus;
  constructor(input) {
    const options = optionsObject(input, "options");
    optionalString(options.code, "code");
    if (options.beforeResponse !== void 0 && typeof options.beforeResponse !== "boolean") {
      throw new ConfigError('"beforeResponse" must be a boolean', { field: "beforeResponse" });
    }
    const redactor = options.redactor ?? createRedactor(options);
    const code = options.code ?? platformCode(options.cause) ?? "ERR_NETWORK";
    const target = describeTarget(options, redactor);
    const reason = options.message ?? "network error";
    super(`${target ? `${target} failed: ` : ""}${reason} (${code})`, code, { ...options, redactor });
    this.method = options.method === void 0 ? void 0 : normaliseMethod(options.method);
    this.url = options.url === void 0 ? void 0 : redactor.url(options.url);
    this.beforeResponse = options.beforeResponse ?? false;
    this.retryable = this.beforeResponse && options.retryable !== false;
    this.proxyStatus = typeof options.proxyStatus === "number" ? options.proxyStatus : void 0;
  }
  details() {
    return {
      method: this.method,
      url: this.url,
      beforeResponse: this.beforeResponse,
      ...this.proxyStatus === void 0 ? {} : { proxyStatus: this.proxyStatus }
    };
  }
};
function isNetworkError(value) {
  return hasErrorKind(value, "NetworkError");
}

// ../errors/src/response-parse-error.ts
var PARSE_SNIPPET_CHARACTERS = 1024;
var ResponseParseError = class extends MetaError {
  static kind = "ResponseParseError";
  /** The HTTP status of the response. */
  statusCode;
  /** The start of the body, bounded and redacted. */
  snippet;
  /** Schema validation issues, when a schema rejected the body. */
  issues;
  /** The request method, when known. */
  method;
  /** The redacted request URL, when known. */
  url;
  constructor(input) {
    const options = optionsObject(input, "options");
    optionalNumber(options.statusCode, "statusCode", { integer: true });
    const redactor = options.redactor ?? createRedactor(options);
    const target = describeTarget(options, redactor);
    const status = options.statusCode === void 0 ? "" : ` (HTTP ${options.statusCode})`;
    const reason = options.message ?? "the response body could not be parsed";
    const code = options.code === "ERR_HTML_RESPONSE" ? options.code : "ERR_RESPONSE_PARSE";
    super(`${target ? `${target}: ` : ""}${reason}${status}`, code, { ...options, redactor });
    this.statusCode = options.statusCode;
    this.snippet = options.snippet === void 0 ? void 0 : redactedSnippet(safeString(options.snippet), redactor, PARSE_SNIPPET_CHARACTERS);
    this.issues = options.issues === void 0 ? void 0 : normaliseIssues(options.issues, redactor);
    this.method = options.method === void 0 ? void 0 : normaliseMethod(options.method);
    this.url = options.url === void 0 ? void 0 : redactor.url(options.url);
  }
  details() {
    return {
      statusCode: this.statusCode,
      snippet: this.snippet,
      issues: this.issues?.map(issueSummary),
      method: this.method,
      url: this.url
    };
  }
};

// ../errors/src/response-too-large-error.ts
var ResponseTooLargeError = class extends MetaError {
  static kind = "ResponseTooLargeError";
  /** The limit that was crossed, in decoded bytes. */
  limitBytes;
  /** The HTTP status of the response, when known. */
  statusCode;
  /** The request method, when known. */
  method;
  /** The redacted request URL, when known. */
  url;
  constructor(input) {
    const options = optionsObject(input, "options");
    checkedNumber(options.limitBytes, "limitBytes", { integer: true });
    optionalNumber(options.statusCode, "statusCode", { integer: true });
    const redactor = options.redactor ?? createRedactor(options);
    const target = describeTarget(options, redactor);
    super(
      `${target ? `${target}: ` : ""}response body exceeded ${options.limitBytes} bytes`,
      "ERR_RESPONSE_TOO_LARGE",
      { ...options, redactor }
    );
    this.limitBytes = options.limitBytes;
    this.statusCode = options.statusCode;
    this.method = options.method === void 0 ? void 0 : normaliseMethod(options.method);
    this.url = options.url === void 0 ? void 0 : redactor.url(options.url);
  }
  details() {
    return { limitBytes: this.limitBytes, statusCode: this.statusCode, method: this.method, url: this.url };
  }
};

// ../errors/src/retry-exception.ts
function isRetryException(value) {
  return hasErrorKind(value, "RetryException");
}

// ../errors/src/timeout-error.ts
var TIMEOUT_PHASES = Object.freeze(["connect", "headers", "body", "total"]);
var TimeoutError = class extends MetaError {
  static kind = "TimeoutError";
  /** Which deadline passed. */
  phase;
  /** The deadline in milliseconds, when known. */
  timeoutMs;
  /** The request method, when known. */
  method;
  /** The redacted request URL, when known. */
  url;
  constructor(input) {
    const options = optionsObject(input, "options");
    if (!TIMEOUT_PHASES.includes(options.phase)) {
      throw new ConfigError(`"phase" must be one of ${TIMEOUT_PHASES.join(", ")}`, { field: "phase" });
    }
    optionalNumber(options.timeoutMs, "timeoutMs");
    const redactor = options.redactor ?? createRedactor(options);
    const target = describeTarget(options, redactor);
    const limit = options.timeoutMs === void 0 ? "" : ` after ${options.timeoutMs} ms`;
    super(`${target ? `${target} ` : ""}timed out (${options.phase})${limit}`, "ERR_TIMEOUT", {
      ...options,
      redactor
    });
    this.phase = options.phase;
    this.timeoutMs = options.timeoutMs;
    this.method = options.method === void 0 ? void 0 : normaliseMethod(options.method);
    this.url = options.url === void 0 ? void 0 : redactor.url(options.url);
  }
  details() {
    return { phase: this.phase, timeoutMs: this.timeoutMs, method: this.method, url: this.url };
  }
};
function isTimeoutError(value) {
  return hasErrorKind(value, "TimeoutError");
}

// ../errors/src/too-many-redirects-error.ts
var TooManyRedirectsError = class extends MetaError {
  static kind = "TooManyRedirectsError";
  /** The configured limit. */
  maxRedirects;
  /** The redacted URLs visited, first to last. */
  chain;
  /** The request method, when known. */
  method;
  /** The redacted last URL, when known. */
  url;
  constructor(input) {
    const options = optionsObject(input, "options");
    checkedNumber(options.maxRedirects, "maxRedirects", { integer: true });
    const chain = chainOf(options.chain);
    const redactor = options.redactor ?? createRedactor(options);
    const target = describeTarget(options, redactor);
    super(
      `${target ? `${target}: ` : ""}more than ${options.maxRedirects} redirects`,
      "ERR_TOO_MANY_REDIRECTS",
      { ...options, redactor }
    );
    this.maxRedirects = options.maxRedirects;
    this.chain = Object.freeze(chain.map((url) => redactor.url(url)));
    this.method = options.method === void 0 ? void 0 : normaliseMethod(options.method);
    this.url = options.url === void 0 ? void 0 : redactor.url(options.url);
  }
  details() {
    return { maxRedirects: this.maxRedirects, chain: this.chain, method: this.method, url: this.url };
  }
};
function chainOf(chain) {
  if (chain === void 0 || chain === null) return [];
  if (typeof chain !== "object" || typeof chain[Symbol.iterator] !== "function") {
    throw new ConfigError('"chain" must be an array of URLs', { field: "chain" });
  }
  return [...chain];
}

// ../transport/src/header-rules.ts
var TOKEN_CHARACTERS = new Uint8Array(128);
for (const character of "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ") {
  TOKEN_CHARACTERS[character.charCodeAt(0)] = 1;
}
function isHeaderToken(name) {
  if (name.length === 0) return false;
  for (let index = 0; index < name.length; index++) {
    const code = name.charCodeAt(index);
    if (code >= 128 || TOKEN_CHARACTERS[code] !== 1) return false;
  }
  return true;
}
var FORBIDDEN_VALUE_CHARACTERS = "CR, LF, NUL, another control character or a character above U+00FF";
function hasForbiddenValueCharacter(value) {
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index);
    if (code < 32 && code !== 9 || code === 127 || code > 255) return true;
  }
  return false;
}
var UNSENDABLE_HEADER_NAMES = /* @__PURE__ */ new Set(["expect"]);

// ../transport/src/check-request.ts
function problem(field, message) {
  return new ConfigError(message, { field });
}
function isHttpUrl(url) {
  const scheme = url.slice(0, 8).toLowerCase();
  const hostStart = scheme.startsWith("https://") ? 8 : scheme.startsWith("http://") ? 7 : -1;
  if (hostStart === -1 || url.length === hostStart) return false;
  const first = url[hostStart];
  return first !== "/" && first !== "?" && first !== "#";
}
function headersProblem(headers) {
  if (headers === void 0) return void 0;
  if (typeof headers !== "object" || headers === null || Array.isArray(headers)) {
    return problem("headers", '"headers" must be an object of header names and string values');
  }
  for (const name of Object.keys(headers)) {
    const shownName = name.slice(0, 64);
    if (!isHeaderToken(name))
      return problem(`headers.${shownName}`, "a header name must be an RFC 9110 token");
    if (UNSENDABLE_HEADER_NAMES.has(name.toLowerCase())) {
      return problem(
        `headers.${shownName}`,
        `no transport can send "${shownName}": it asks for an interim 100 Continue that is never awaited`
      );
    }
    const value = headers[name];
    if (typeof value !== "string" || hasForbiddenValueCharacter(value)) {
      return problem(
        `headers.${shownName}`,
        `a header value must be a string without ${FORBIDDEN_VALUE_CHARACTERS}`
      );
    }
  }
  return void 0;
}
function isNonNegative(value, integer) {
  return typeof value === "number" && Number.isFinite(value) && value >= 0 && (!integer || Number.isInteger(value));
}
function isSignal(value) {
  return typeof value === "object" && value !== null && typeof value.aborted === "boolean" && typeof value.addEventListener === "function";
}
function isRedactor(value) {
  return typeof value === "object" && value !== null && typeof value.url === "function" && typeof value.text === "function";
}
function requestProblem(request) {
  if (typeof request !== "object" || request === null)
    return problem("request", "send() takes a request object");
  const { method, url, headers, body, signal, timeoutMs, maxResponseBytes, redactor } = request;
  if (typeof method !== "string" || !isHeaderToken(method)) {
    return problem("method", '"method" must be an RFC 9110 token such as GET');
  }
  if (typeof url !== "string" || !isHttpUrl(url)) {
    return problem("url", '"url" must be an absolute http: or https: URL');
  }
  const headerProblem = headersProblem(headers);
  if (headerProblem) return headerProblem;
  if (body !== void 0 && typeof body !== "string" && !(body instanceof Uint8Array)) {
    return problem("body", '"body" must be a string or a Uint8Array');
  }
  if (signal !== void 0 && !isSignal(signal)) return problem("signal", '"signal" must be an AbortSignal');
  if (timeoutMs !== void 0 && !isNonNegative(timeoutMs, false)) {
    return problem("timeoutMs", '"timeoutMs" must be a finite number >= 0');
  }
  if (maxResponseBytes !== void 0 && !isNonNegative(maxResponseBytes, true)) {
    return problem("maxResponseBytes", '"maxResponseBytes" must be an integer >= 0');
  }
  if (redactor !== void 0 && !isRedactor(redactor)) {
    return problem("redactor", '"redactor" must be a Redactor from createRedactor()');
  }
  return void 0;
}

// ../transport/src/content-codings.ts
var ACCEPT_ENCODING = "gzip, deflate, br";
var MAX_CONTENT_CODINGS = 5;
var NO_CODINGS = Object.freeze([]);
function parseContentCodings(header, context) {
  if (!header) return NO_CODINGS;
  const parts = header.split(",");
  if (parts.length > MAX_CONTENT_CODINGS) {
    throw codingError(`too many content codings (${parts.length}, at most ${MAX_CONTENT_CODINGS})`, context);
  }
  const codings = [];
  for (const part of parts) {
    const coding = part.trim().toLowerCase();
    if (coding === "gzip" || coding === "x-gzip") codings.push("gzip");
    else if (coding === "deflate" || coding === "br") codings.push(coding);
    else if (coding !== "identity" && coding !== "") {
      throw codingError(`unsupported content coding "${coding.slice(0, 32)}"`, context);
    }
  }
  return codings;
}
function codingError(message, context) {
  return new ResponseParseError({
    message,
    statusCode: context.statusCode,
    method: context.method,
    url: context.url,
    ...context.redactor ? { redactor: context.redactor } : {}
  });
}
function hasAcceptEncoding(headers) {
  for (const name in headers) {
    if (name.length === 15 && name.toLowerCase() === "accept-encoding") return true;
  }
  return false;
}
function withAcceptEncoding(headers) {
  if (hasAcceptEncoding(headers)) return headers;
  return { ...headers, "accept-encoding": ACCEPT_ENCODING };
}

// ../transport/src/timer-delay.ts
var MAX_TIMER_DELAY_MS = 2 ** 31 - 1;
function timerDelay(timeoutMs) {
  return timeoutMs > MAX_TIMER_DELAY_MS ? MAX_TIMER_DELAY_MS : timeoutMs;
}

// ../transport/src/abort-fan-out.ts
var subscribersBySignal = /* @__PURE__ */ new WeakMap();
function fanOut(event) {
  const signal = event.target;
  const subscribers = subscribersBySignal.get(signal);
  if (subscribers === void 0) return;
  subscribersBySignal.delete(signal);
  for (const subscriber of subscribers) subscriber.handleEvent();
}
function subscribeAbort(signal, subscriber) {
  let subscribers = subscribersBySignal.get(signal);
  if (subscribers === void 0) {
    subscribers = /* @__PURE__ */ new Set();
    subscribersBySignal.set(signal, subscribers);
    signal.addEventListener("abort", fanOut, { once: true });
  }
  subscribers.add(subscriber);
}
function unsubscribeAbort(signal, subscriber) {
  const subscribers = subscribersBySignal.get(signal);
  if (subscribers === void 0 || !subscribers.delete(subscriber) || subscribers.size > 0) return;
  subscribersBySignal.delete(signal);
  signal.removeEventListener("abort", fanOut);
}

// ../transport/src/map-transport-error.ts
var RESET_CODES = /* @__PURE__ */ new Set(["ECONNRESET", "UND_ERR_SOCKET", "EPIPE"]);
var RESPONSE_ARRIVED_CODES = /* @__PURE__ */ new Set([
  "UND_ERR_RES_CONTENT_LENGTH_MISMATCH",
  "UND_ERR_HEADERS_OVERFLOW",
  "UND_ERR_RES_EXCEEDED_MAX_SIZE"
]);
var TIMEOUT_PHASES2 = {
  UND_ERR_CONNECT_TIMEOUT: "connect",
  UND_ERR_HEADERS_TIMEOUT: "headers",
  UND_ERR_BODY_TIMEOUT: "body"
};
var PARSER_ERROR_CODE = "HPE_INVALID_RESPONSE";
function findErrorCode(error) {
  let current = error;
  for (let depth = 0; depth < 5 && typeof current === "object" && current !== null; depth++) {
    const code = current.code;
    if (typeof code === "string" && code !== "") return code;
    if (current.name === "HTTPParserError") return PARSER_ERROR_CODE;
    current = current.cause;
  }
  return void 0;
}
function stableNetworkCode(code) {
  if (code === void 0) return "ERR_NETWORK";
  return RESET_CODES.has(code) ? "ECONNRESET" : code;
}
function mapTransportError(error, context) {
  if (isMetaError(error)) return error;
  const code = findErrorCode(error);
  const redactor = context.redactor ? { redactor: context.redactor } : {};
  const phase = code === void 0 ? void 0 : TIMEOUT_PHASES2[code];
  if (phase !== void 0) {
    return new TimeoutError({
      phase,
      method: context.method,
      url: context.url,
      cause: error,
      ...context.timeoutMs === void 0 ? {} : { timeoutMs: context.timeoutMs },
      ...redactor
    });
  }
  if (code?.startsWith("Z_") || code?.startsWith("ERR_BROTLI") || isCodingLimitError(error)) {
    return new ResponseParseError({
      message: "the response body could not be decoded",
      method: context.method,
      url: context.url,
      cause: error,
      ...context.statusCode === void 0 ? {} : { statusCode: context.statusCode },
      ...redactor
    });
  }
  if (isBadResponse(error)) {
    return new NetworkError({
      code: "ERR_BAD_RESPONSE",
      message: "the server sent a response the HTTP parser cannot read (an unsolicited 100 Continue)",
      method: context.method,
      url: context.url,
      cause: error,
      beforeResponse: false,
      ...redactor
    });
  }
  return new NetworkError({
    code: stableNetworkCode(code),
    message: describeCause(error),
    method: context.method,
    url: context.url,
    cause: error,
    // A parser error means response bytes did arrive, even if no valid status line was made of them.
    beforeResponse: context.beforeResponse && !code?.startsWith("HPE_") && !RESPONSE_ARRIVED_CODES.has(code ?? ""),
    retryable: !isPermanentFailureCode(code),
    ...redactor
  });
}
function isPermanentFailureCode(code) {
  if (code === void 0) return false;
  return code.startsWith("ERR_SSL_") || code.startsWith("ERR_TLS_") || code.includes("CERT") || code.includes("SELF_SIGNED") || code.startsWith("UNABLE_TO_") || code === "HOSTNAME_MISMATCH";
}
function isBadResponse(error) {
  let current = error;
  for (let depth = 0; depth < 5 && typeof current === "object" && current !== null; depth++) {
    const { code, message } = current;
    if (code === "UND_ERR_SOCKET" && message === "bad response") return true;
    current = current.cause;
  }
  return false;
}
function isCodingLimitError(error) {
  let current = error;
  for (let depth = 0; depth < 5 && typeof current === "object" && current !== null; depth++) {
    const message = current.message;
    if (typeof message === "string" && message.startsWith("too many content-encodings")) return true;
    current = current.cause;
  }
  return false;
}
function describeCause(error) {
  let current = error;
  let message = "network error";
  for (let depth = 0; depth < 5 && typeof current === "object" && current !== null; depth++) {
    const text = current.message;
    if (typeof text === "string" && text !== "" && text !== "fetch failed") message = text;
    current = current.cause;
  }
  return message.length > 200 ? `${message.slice(0, 200)}...` : message;
}
function attemptTimeout(phase, context) {
  return new TimeoutError({
    phase,
    method: context.method,
    url: context.url,
    ...context.timeoutMs === void 0 ? {} : { timeoutMs: context.timeoutMs },
    ...context.redactor ? { redactor: context.redactor } : {}
  });
}

// ../transport/src/own-options.ts
function ownOptions(options) {
  const copy = /* @__PURE__ */ Object.create(null);
  if (options === void 0 || options === null) return copy;
  for (const key of Object.keys(options))
    copy[key] = options[key];
  return copy;
}

// ../transport/src/transport-headers.ts
var RecordHeaders = class {
  #record;
  constructor(record) {
    this.#record = record;
  }
  #lookup(name) {
    const key = name.toLowerCase();
    const value = this.#record[key];
    return value === void 0 || !Object.hasOwn(this.#record, key) ? void 0 : value;
  }
  get(name) {
    const value = this.#lookup(name);
    if (value === void 0) return null;
    return typeof value === "string" ? value : value.join(", ");
  }
  getAll(name) {
    const value = this.#lookup(name);
    if (value === void 0) return [];
    return typeof value === "string" ? [value] : [...value];
  }
  has(name) {
    return this.#lookup(name) !== void 0;
  }
  *entries() {
    for (const name of Object.keys(this.#record)) yield [name, this.get(name)];
  }
  [Symbol.iterator]() {
    return this.entries();
  }
  toRecord() {
    const record = {};
    for (const name of Object.keys(this.#record)) record[name] = this.get(name);
    return record;
  }
};
function createTransportHeaders(headers = {}) {
  const record = /* @__PURE__ */ Object.create(null);
  const add = (name, value) => {
    const key = name.toLowerCase();
    const previous = record[key];
    if (previous === void 0) record[key] = value;
    else if (typeof previous === "string") record[key] = [previous, value];
    else previous.push(value);
  };
  if (typeof headers[Symbol.iterator] === "function") {
    for (const [name, value] of headers) add(name, String(value));
  } else {
    for (const [name, value] of Object.entries(headers)) {
      if (value === void 0) continue;
      if (typeof value === "string") add(name, value);
      else for (const item of value) add(name, String(item));
    }
  }
  return new RecordHeaders(record);
}
function wrapLowercaseHeaders(record) {
  return new RecordHeaders(record);
}

// ../transport/src/undici/chunked-decoder.ts
var MAX_LINE_BYTES = 4096;
var CR = 13;
var LF = 10;
var ChunkedFramingError = class extends Error {
  name = "ChunkedFramingError";
  code = "HPE_INVALID_CHUNK_SIZE";
};
var ChunkedDecoder = class {
  #sink;
  #phase = "size";
  #line = "";
  #remaining = 0;
  constructor(sink) {
    this.#sink = sink;
  }
  /** True once the last chunk and the trailer section ended. */
  get done() {
    return this.#phase === "done";
  }
  /** Decode `chunk`; throws {@link ChunkedFramingError}. Bytes after the end are ignored (the caller drops them). */
  write(chunk) {
    let index = 0;
    while (index < chunk.length && this.#phase !== "done") {
      if (this.#phase === "data") {
        const take = Math.min(this.#remaining, chunk.length - index);
        this.#sink.onChunkData(chunk.subarray(index, index + take));
        index += take;
        this.#remaining -= take;
        if (this.#remaining === 0) this.#phase = "data-end";
        continue;
      }
      const lineEnd = chunk.indexOf(LF, index);
      const end = lineEnd === -1 ? chunk.length : lineEnd;
      this.#line += chunk.toString("latin1", index, end);
      if (this.#line.length > MAX_LINE_BYTES)
        throw new ChunkedFramingError("a chunked framing line is too long");
      if (lineEnd === -1) return;
      index = lineEnd + 1;
      const line = this.#line;
      this.#line = "";
      this.#onLine(line);
    }
  }
  #onLine(line) {
    if (line.charCodeAt(line.length - 1) !== CR) {
      throw new ChunkedFramingError("a chunked framing line ends with a bare LF");
    }
    const content = line.slice(0, -1);
    if (this.#phase === "data-end") {
      if (content !== "") throw new ChunkedFramingError("a chunk is longer than its size");
      this.#phase = "size";
    } else if (this.#phase === "size") {
      this.#onSizeLine(content);
    } else if (content === "") {
      this.#phase = "done";
    }
  }
  #onSizeLine(content) {
    const extension = content.indexOf(";");
    const digits = (extension === -1 ? content : content.slice(0, extension)).replace(/[ \t]+$/, "");
    if (!/^[0-9A-Fa-f]{1,12}$/.test(digits)) throw new ChunkedFramingError("a chunk size is not hexadecimal");
    const size = Number.parseInt(digits, 16);
    if (size === 0) {
      this.#phase = "trailer";
      return;
    }
    this.#remaining = size;
    this.#phase = "data";
  }
};

// ../transport/src/undici/transfer-framing.ts
var PLAIN = Object.freeze({ dechunk: false, codings: Object.freeze([]) });
var PARSER_DECHUNKS = /(?:^|,)[ \t]*chunked *$/i;
function transferFraming(header) {
  if (header === void 0 || header === "chunked") return PLAIN;
  const lines = typeof header === "string" ? [header] : header;
  const tokens = [];
  for (const line of lines) {
    for (const part of line.split(",")) {
      const token = part.replace(/^[ \t]+|[ \t]+$/g, "").toLowerCase();
      if (token !== "") tokens.push(token);
    }
  }
  if (tokens.length === 0) return "an empty Transfer-Encoding";
  const chunkedLast = tokens[tokens.length - 1] === "chunked";
  const applied = chunkedLast ? tokens.slice(0, -1) : tokens;
  const codings = [];
  for (const token of applied) {
    if (token === "gzip" || token === "x-gzip") codings.push("gzip");
    else if (token === "deflate") codings.push("deflate");
    else return `the transfer coding "${token.slice(0, 32)}" cannot be decoded`;
  }
  const lastLine = lines[lines.length - 1] ?? "";
  const dechunk = chunkedLast && !PARSER_DECHUNKS.test(lastLine);
  if (!dechunk && codings.length === 0) return PLAIN;
  return { dechunk, codings };
}

// ../transport/src/parse-json-body.ts
function parseJsonBody(text, context) {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ResponseParseError({
      message: "the response body is not valid JSON",
      statusCode: context.statusCode,
      snippet: text,
      method: context.method,
      url: context.url,
      cause: error,
      ...context.redactor ? { redactor: context.redactor } : {}
    });
  }
}
function bodyAlreadyUsed() {
  return new TypeError("the response body was already read or cancelled");
}

export {
  createRedactor,
  ConfigError,
  APIError,
  AuthProviderError,
  ClientClosedError,
  NetworkError,
  isNetworkError,
  ResponseParseError,
  ResponseTooLargeError,
  isRetryException,
  TimeoutError,
  isTimeoutError,
  TooManyRedirectsError,
  subscribeAbort,
  unsubscribeAbort,
  isHeaderToken,
  FORBIDDEN_VALUE_CHARACTERS,
  hasForbiddenValueCharacter,
  UNSENDABLE_HEADER_NAMES,
  requestProblem,
  MAX_CONTENT_CODINGS,
  parseContentCodings,
  withAcceptEncoding,
  findErrorCode,
  mapTransportError,
  attemptTimeout,
  ownOptions,
  parseJsonBody,
  bodyAlreadyUsed,
  timerDelay,
  createTransportHeaders,
  wrapLowercaseHeaders,
  ChunkedDecoder,
  transferFraming
};

import type { Redactor } from '@meta/errors';

/**
 * The body limit a transport applies when a request sets no `maxResponseBytes` (SPEC 3.8: 64 MiB of decoded
 * bytes), so a transport used on its own is as safe against a decompression bomb as one used through REST.
 */
export const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

/**
 * One HTTP exchange as `@meta/rest` hands it to a transport. Everything is already validated and encoded: the URL
 * is absolute, header names are RFC 9110 tokens and values contain no CR, LF or NUL.
 */
export interface TransportRequest {
  /** Upper-case method: `GET`, `POST`, `PUT`, `PATCH`, `DELETE`, `HEAD`, `OPTIONS`. */
  readonly method: string;
  /** The absolute `http:` or `https:` URL. */
  readonly url: string;
  /** Header names and values. Names are compared case-insensitively; the transport adds `Accept-Encoding`. */
  readonly headers: Readonly<Record<string, string>>;
  /** The request body, sent verbatim. */
  readonly body?: string | Uint8Array | undefined;
  /** Aborts the exchange; the transport rejects with `signal.reason`. */
  readonly signal?: AbortSignal | undefined;
  /**
   * A deadline for the whole attempt in milliseconds: connect, TLS, headers and reading the body. Not an idle
   * timer. Passing it rejects with `TimeoutError` (`phase` says where it was).
   */
  readonly timeoutMs?: number | undefined;
  /**
   * The most decoded body bytes to accept before failing with `ResponseTooLargeError`.
   * @default {@link DEFAULT_MAX_RESPONSE_BYTES} (64 MiB)
   */
  readonly maxResponseBytes?: number | undefined;
  /** Masks secrets in the errors this exchange may produce (from the client's redaction policy). */
  readonly redactor?: Redactor | undefined;
}

/** Response headers: names are case-insensitive; repeated headers keep every value. */
export interface TransportHeaders extends Iterable<[string, string]> {
  /** The value, repeated values joined with `, ` (as the Fetch standard does), or `null`. */
  get(name: string): string | null;
  /** Every value of a header, in the order received (`Set-Cookie` included). */
  getAll(name: string): string[];
  /** True when the header is present. */
  has(name: string): boolean;
  /** Lowercase name and value pairs, repeated values joined with `, `. */
  entries(): IterableIterator<[string, string]>;
  /** A plain object with lowercase names and joined values. */
  toRecord(): Record<string, string>;
}

/** One HTTP response. The body can be read once (as text, bytes or JSON) or cancelled without reading. */
export interface TransportResponse {
  readonly status: number;
  readonly statusText: string;
  readonly headers: TransportHeaders;
  /** The URL that answered (transports never follow redirects, so this is the request URL). */
  readonly url: string;
  /** True once the body was read or cancelled. */
  readonly bodyUsed: boolean;
  /**
   * True when the platform hid a redirect from the transport: a browser's fetch with `redirect: "manual"` answers
   * a 3xx with an opaque-redirect response (`status` 0, no headers, no `Location`), so it cannot be inspected or
   * followed in this runtime. Absent or false otherwise.
   */
  readonly opaqueRedirect?: boolean;
  /** The decoded body as UTF-8 text. */
  text(): Promise<string>;
  /** The decoded body bytes. */
  bytes(): Promise<Uint8Array>;
  /** The body parsed as JSON; invalid JSON rejects with `ResponseParseError`. */
  json<T = unknown>(): Promise<T>;
  /** Drop the body without reading it and release the connection (or destroy it when that is cheaper). */
  cancel(reason?: unknown): Promise<void>;
  /**
   * A bounded read: the first `maxBytes` decoded bytes of the body as UTF-8 text, without downloading the rest.
   * Once more than `maxBytes` decoded bytes arrived (decompressed bytes count, not wire bytes, so a gzip bomb
   * stops there too), the rest of the body is cancelled: the connection is released or destroyed, never read to
   * its end. The text is cut before a character that does not fit whole (so it may hold slightly fewer than
   * `maxBytes` bytes), and a leading byte order mark is dropped as `text()` drops it. `truncated` says whether
   * the body was longer than `maxBytes`; when it is false, the text is the whole body, exactly as `text()`.
   *
   * Like the other reads, it consumes the body (a second read rejects) and fails as they do: a network failure,
   * the deadline, an abort, a coding error within the bytes read, and `ResponseTooLargeError` when
   * `maxResponseBytes` is passed first (only possible when it is below `maxBytes`). A `maxBytes` that is not an
   * integer >= 0 rejects with a `ConfigError` naming `maxBytes`.
   *
   * Optional, so a transport written before it existed still satisfies this interface. Callers go through
   * `readTextPrefix(response, maxBytes)` from `@meta/transport`, which falls back to reading the whole body with
   * `bytes()` and cutting it the same way when a transport has no `textPrefix`: same result, only the download
   * is not shortened. Transport authors can build the result with `textPrefixOf` from `@meta/transport/adapter`.
   *
   * @param maxBytes - The most decoded body bytes to read: an integer >= 0.
   */
  textPrefix?(maxBytes: number): Promise<TransportTextPrefix>;
}

/** What a bounded read ({@link TransportResponse.textPrefix}) returns. */
export interface TransportTextPrefix {
  /** At most `maxBytes` bytes of the decoded body as UTF-8 text, cut at a character boundary. */
  readonly text: string;
  /** True when the body had more than `maxBytes` decoded bytes: the rest was not read and is gone. */
  readonly truncated: boolean;
}

/**
 * Sends one HTTP exchange. Transports neither retry nor follow redirects: a 3xx comes back as a response.
 * Failures reject with the @meta/errors classes: `NetworkError`, `TimeoutError`, `ResponseTooLargeError`,
 * `ResponseParseError`, or the caller's `signal.reason` on abort.
 */
export interface Transport {
  /** A short name for logs: `undici`, `fetch`, `testing`. */
  readonly name: string;
  /** Send the request and resolve once the status line and headers arrived. */
  send(request: TransportRequest): Promise<TransportResponse>;
  /** Release what the transport owns (pools, sockets, timers). Idempotent. Never closes a borrowed dispatcher. */
  close(): Promise<void>;
}

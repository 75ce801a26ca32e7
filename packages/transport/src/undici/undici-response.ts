import { isResponseTooLargeError, type Redactor } from '@meta/errors';
import { bodyAlreadyUsed, parseJsonBody } from '../parse-json-body.js';
import { checkMaxBytes, textPrefixOf } from '../text-prefix.js';
import type { TransportHeaders, TransportResponse, TransportTextPrefix } from '../transport.js';
import { ByteAccumulator } from './byte-accumulator.js';

/** What the response needs from the exchange behind it: cancelling, and what a JSON error names. */
export interface ResponseSource {
  readonly method: string;
  readonly redactor: Redactor | undefined;
  /** Stop the exchange (drop the connection) because the caller cancelled the body. */
  cancelBody(reason: Error): void;
}

/** One of the three reads a body supports; each turns the complete body into its result. */
type BodyRead = (body: Buffer, response: UndiciResponse) => unknown;

function readBytes(body: Buffer): Uint8Array {
  return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
}

/** Node's UTF-8 decoder behind `Buffer#toString()`; undici's own body mixin calls it the same way. */
interface Utf8Decodable {
  utf8Slice(start: number, end: number): string;
}

function readText(body: Buffer): string {
  const text = (body as unknown as Utf8Decodable).utf8Slice(0, body.length);
  // A UTF-8 byte order mark is not part of the text (the Fetch standard's `text()` drops it too).
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function readJson(body: Buffer, response: UndiciResponse): unknown {
  return parseJsonBody(readText(body), response.jsonContext());
}

/** A read waiting for the body to complete (or, for a bounded read, for more than `maxBytes` bytes). */
interface PendingRead {
  readonly read: BodyRead;
  readonly maxBytes?: number;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/**
 * The {@link TransportResponse} of an undici exchange, with its body buffered in memory as it arrives (bounded by
 * the exchange's byte limit, memory bounded whatever the chunking). A read before the body completed waits for
 * it; a failure of the exchange after the headers arrived rejects the read.
 */
export class UndiciResponse implements TransportResponse {
  bodyUsed = false;
  readonly #source: ResponseSource;
  readonly #body = new ByteAccumulator();
  #complete = false;
  #failure: { readonly error: unknown } | undefined;
  /** True when the body passed the byte limit unread: its first `limit` bytes stay for a bounded read. */
  #overflowed = false;
  #pending: PendingRead | undefined;

  constructor(
    readonly status: number,
    readonly statusText: string,
    readonly headers: TransportHeaders,
    readonly url: string,
    source: ResponseSource,
  ) {
    this.#source = source;
  }

  /** Decoded body bytes received so far. */
  get receivedBytes(): number {
    return this.#body.length;
  }

  text(): Promise<string> {
    return this.#read(readText) as Promise<string>;
  }

  bytes(): Promise<Uint8Array> {
    return this.#read(readBytes) as Promise<Uint8Array>;
  }

  json<T = unknown>(): Promise<T> {
    return this.#read(readJson) as Promise<T>;
  }

  textPrefix(maxBytes: number): Promise<TransportTextPrefix> {
    try {
      checkMaxBytes(maxBytes);
    } catch (error) {
      return Promise.reject(error);
    }
    const read: BodyRead = (body) => textPrefixOf(body, maxBytes);
    const receiving = !this.#complete && (this.#failure === undefined || this.#overflowed);
    if (receiving && this.#body.length > maxBytes && !this.bodyUsed) {
      // More than enough arrived already (the body may even have passed the limit while unread): answer from it
      // and stop the download now.
      this.bodyUsed = true;
      return new Promise((resolve, reject) => this.#endPrefix({ read, maxBytes, resolve, reject }));
    }
    return this.#read(read, maxBytes) as Promise<TransportTextPrefix>;
  }

  /**
   * True when a waiting bounded read ends before `limit` decoded bytes: a chunk that crosses the exchange's byte
   * limit then goes to that read (which keeps its first bytes and cancels the rest) instead of failing it.
   */
  prefixEndsWithin(limit: number): boolean {
    const maxBytes = this.#pending?.maxBytes;
    return maxBytes !== undefined && maxBytes < limit;
  }

  cancel(reason?: unknown): Promise<void> {
    this.bodyUsed = true;
    this.#body.clear();
    if (!this.#complete && this.#failure === undefined) {
      this.#source.cancelBody(
        reason instanceof Error ? reason : new Error('the response body was cancelled'),
      );
    }
    return Promise.resolve();
  }

  // ---- fed by the exchange ----

  /** Append decoded body bytes; a bounded read waiting for more than its `maxBytes` is answered at once. */
  append(chunk: Buffer): void {
    const pending = this.#pending;
    if (this.bodyUsed && pending === undefined) return;
    this.#body.append(chunk);
    if (pending?.maxBytes !== undefined && this.#body.length > pending.maxBytes) this.#endPrefix(pending);
  }

  /** The body is complete: answer a waiting read. */
  finish(): void {
    this.#complete = true;
    const pending = this.#pending;
    if (pending === undefined) return;
    this.#pending = undefined;
    this.#settle(pending);
  }

  /**
   * The exchange failed after the headers: a waiting or later read rejects with `error`. A body that passed the
   * byte limit before any read keeps what arrived within the limit, so a later bounded read for fewer bytes still
   * gets its prefix (as on the fetch transport); every other read rejects.
   */
  fail(error: unknown): void {
    if (this.#complete || this.#failure !== undefined) return;
    this.#failure = { error };
    this.#overflowed = !this.bodyUsed && isResponseTooLargeError(error);
    if (!this.#overflowed) this.#body.clear();
    const pending = this.#pending;
    this.#pending = undefined;
    pending?.reject(error);
  }

  /** What a JSON parse error names. */
  jsonContext(): { method: string; url: string; statusCode: number; redactor?: Redactor } {
    const redactor = this.#source.redactor;
    return {
      method: this.#source.method,
      url: this.url,
      statusCode: this.status,
      ...(redactor ? { redactor } : {}),
    };
  }

  #read(read: BodyRead, maxBytes?: number): Promise<unknown> {
    if (this.bodyUsed) return Promise.reject(bodyAlreadyUsed());
    this.bodyUsed = true;
    if (this.#failure !== undefined) {
      this.#body.clear();
      return Promise.reject(this.#failure.error);
    }
    if (this.#complete) {
      // The usual case (the body is small and already here): no executor closure.
      try {
        return Promise.resolve(read(this.#body.take(), this));
      } catch (error) {
        return Promise.reject(error);
      }
    }
    return new Promise((resolve, reject) => {
      this.#pending =
        maxBytes === undefined ? { read, resolve, reject } : { read, maxBytes, resolve, reject };
    });
  }

  /** A bounded read has its bytes before the body ended: answer it, then cancel the rest of the body. */
  #endPrefix(pending: PendingRead): void {
    this.#pending = undefined;
    this.#settle(pending);
    // The exchange fails with this reason, which no read sees: the bounded read was already answered.
    this.#source.cancelBody(new Error('the rest of the body was not read (bounded read)'));
  }

  #settle(pending: PendingRead): void {
    try {
      pending.resolve(pending.read(this.#body.take(), this));
    } catch (error) {
      pending.reject(error);
    }
  }
}

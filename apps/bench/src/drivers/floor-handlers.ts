const RETRY_AFTER = 'retry-after';

/** What one exchange yields: the status, the raw body bytes and, on a 429 only, the `Retry-After` value. */
export interface FloorResponse {
  readonly status: number;
  readonly body: Buffer;
  readonly retryAfter: string | undefined;
}

/** Builds the handler of one exchange; resolves with the whole response or rejects with undici's error. */
export type FloorHandlerFactory = (
  resolve: (response: FloorResponse) => void,
  reject: (error: Error) => void,
) => object;

/** `Retry-After` from undici's raw `[name, value, name, value, ...]` header list; read only for a 429. */
function findRetryAfter(rawHeaders: readonly (Buffer | string)[]): string | undefined {
  for (let index = 0; index + 1 < rawHeaders.length; index += 2) {
    if (String(rawHeaders[index]).toLowerCase() === RETRY_AFTER) return String(rawHeaders[index + 1]);
  }
  return undefined;
}

/**
 * The least an undici 7 client can do per request: the core callbacks (`onConnect`, `onHeaders`, `onData`,
 * `onComplete`, `onError`) called directly. A handler without `onRequestStart` is not wrapped in undici's
 * `UnwrapHandler`, which would also parse every header into an object. Status and raw chunks, nothing else.
 */
class LegacyFloorHandler {
  readonly #resolve: (response: FloorResponse) => void;
  readonly #reject: (error: Error) => void;
  readonly #chunks: Buffer[] = [];
  #status = 0;
  #retryAfter: string | undefined;

  constructor(resolve: (response: FloorResponse) => void, reject: (error: Error) => void) {
    this.#resolve = resolve;
    this.#reject = reject;
  }

  onConnect(): void {}

  onHeaders(statusCode: number, rawHeaders: (Buffer | string)[]): boolean {
    this.#status = statusCode;
    if (statusCode === 429) this.#retryAfter = findRetryAfter(rawHeaders);
    return true;
  }

  onData(chunk: Buffer): boolean {
    this.#chunks.push(chunk);
    return true;
  }

  onComplete(): void {
    this.#resolve({ status: this.#status, body: Buffer.concat(this.#chunks), retryAfter: this.#retryAfter });
  }

  onError(error: Error): void {
    this.#reject(error);
  }
}

/**
 * The same minimum on undici's controller API (`onRequestStart`, `onResponseStart`, ...), the API
 * `@meta/transport`'s handler implements. On undici 7 it runs behind `UnwrapHandler`, so the gap between this
 * driver and the legacy floor is what that API costs by itself.
 */
class ControllerFloorHandler {
  readonly #resolve: (response: FloorResponse) => void;
  readonly #reject: (error: Error) => void;
  readonly #chunks: Buffer[] = [];
  #status = 0;
  #retryAfter: string | undefined;

  constructor(resolve: (response: FloorResponse) => void, reject: (error: Error) => void) {
    this.#resolve = resolve;
    this.#reject = reject;
  }

  onRequestStart(): void {}

  onResponseStart(
    _controller: unknown,
    statusCode: number,
    headers: Record<string, string | string[]>,
  ): void {
    this.#status = statusCode;
    if (statusCode === 429) {
      const value = headers[RETRY_AFTER];
      this.#retryAfter = Array.isArray(value) ? value[0] : value;
    }
  }

  onResponseData(_controller: unknown, chunk: Buffer): void {
    this.#chunks.push(chunk);
  }

  onResponseEnd(): void {
    this.#resolve({ status: this.#status, body: Buffer.concat(this.#chunks), retryAfter: this.#retryAfter });
  }

  onResponseError(_controller: unknown, error: Error): void {
    this.#reject(error);
  }
}

/** The floor's handler: undici 7's core callbacks, called without any adapter. */
export const legacyFloorHandler: FloorHandlerFactory = (resolve, reject) =>
  new LegacyFloorHandler(resolve, reject);

/** The floor's work on the controller API (what `@meta/transport` implements). */
export const controllerFloorHandler: FloorHandlerFactory = (resolve, reject) =>
  new ControllerFloorHandler(resolve, reject);

import { createRequire } from 'node:module';
import * as undici from 'undici';

/** undici 7's own adapter for controller-API handlers, applied exactly where `Dispatcher.dispatch` applies it. */
const UnwrapHandler = createRequire(import.meta.resolve('undici'))('./lib/handler/unwrap-handler.js') as {
  unwrap(handler: object): LegacyHandler;
};

/** undici 7's core callbacks: what its client calls on every handler (after `UnwrapHandler`, if any). */
interface LegacyHandler {
  onConnect(abort: (reason: Error) => void): void;
  onHeaders(
    status: number,
    rawHeaders: Buffer[],
    resume: () => void,
    statusText: string,
  ): boolean | undefined;
  onData(chunk: Buffer): boolean | undefined;
  onComplete(trailers: Buffer[]): void;
}

/** The `small` route's answer: the same body and headers the bench server sends for `/api/v1/system/version`. */
const BODY = Buffer.from(
  JSON.stringify({ version: '1.9.4', revision: 'b1f3c4d5e6', timestamp: 1733140000000 }),
);
const RAW_HEADERS = [
  ['content-type', 'application/json'],
  ['content-length', String(BODY.length)],
  ['date', new Date().toUTCString()],
  ['connection', 'keep-alive'],
  ['keep-alive', 'timeout=5'],
]
  .flat()
  .map((text) => Buffer.from(text));

let pending: LegacyHandler[] = [];

/** Answer every request dispatched since the last turn, in one `setImmediate`, as a connection would. */
function answerPending(): void {
  const batch = pending;
  pending = [];
  for (const handler of batch) {
    handler.onConnect(() => {});
    handler.onHeaders(200, RAW_HEADERS, () => {}, 'OK');
    // A fresh Buffer per response, like a socket read.
    handler.onData(Buffer.from(BODY));
    handler.onComplete([]);
  }
}

/**
 * An undici 7 `Agent` stand-in that answers every request in memory: no socket, no server, no parser. What a client
 * spends per request over it is the client's own code (plus `JSON.parse`), measured without the kernel and the
 * scheduling noise of a shared machine.
 */
class MemoryAgent {
  dispatch(_options: object, handler: object): boolean {
    if (pending.length === 0) setImmediate(answerPending);
    pending.push(UnwrapHandler.unwrap(handler));
    return true;
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  destroy(): Promise<void> {
    return Promise.resolve();
  }
}

/** The installed undici 7 with its `Agent` replaced by {@link MemoryAgent}, for `createUndiciTransport({ undici })`. */
export const memoryUndici = { ...undici, Agent: MemoryAgent };

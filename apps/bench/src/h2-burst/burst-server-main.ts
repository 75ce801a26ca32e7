/**
 * Child-process entry of the burst server (see `burst-server.ts`), so its CPU is its own. Argv: `<idleCloseMs>`.
 * Sends `{ type: 'listening', origin, ca }`, answers `counts` with the running {@link ServerCounts}, exits on
 * `close` or when the parent disconnects.
 */
import type { ServerCounts } from './burst-sample.js';
import { startBurstServer } from './burst-server.js';

const server = await startBurstServer(Number(process.argv[2] ?? '0'));

function shutdown(): void {
  void server.close().then(() => process.exit(0));
  // A client that never closes its session must not keep the process: the parent is done.
  setTimeout(() => process.exit(0), 500).unref();
}

process.on('message', (message: { type?: string }) => {
  if (message.type === 'counts')
    process.send?.({ type: 'counts', counts: server.counts() satisfies ServerCounts });
  if (message.type === 'close') shutdown();
});
process.on('disconnect', shutdown);
process.send?.({ type: 'listening', ...server.endpoint });

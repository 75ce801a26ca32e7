/**
 * Child-process entry of the fetch A/B harness. argv: `<origin> <variant ids, comma separated>`. Sends `ready`,
 * then answers each `window` message (one variant, one route, a request count, a concurrency) with the CPU the
 * process spent on it; `close` ends it.
 */
import { findWorkload } from '../workloads.js';
import { type AbSend, selectVariants } from './fetch-ab-variants.js';

interface WindowMessage {
  readonly type: 'window';
  readonly variant: string;
  readonly route: string;
  readonly requests: number;
  readonly concurrency: number;
}

/** What one window cost: client CPU (user + system) and wall time, in microseconds. */
export interface WindowResult {
  readonly type: 'window';
  readonly cpuMicroseconds: number;
  /** The user-mode part of `cpuMicroseconds` (the rest is the kernel's: socket writes, reads, wake-ups). */
  readonly userMicroseconds: number;
  readonly wallMicroseconds: number;
  readonly requests: number;
}

const [origin = '', variantList = ''] = process.argv.slice(2);
const sends = new Map<string, AbSend>();
for (const variant of selectVariants(variantList.split(',').filter((id) => id !== ''))) {
  sends.set(variant.id, variant.create(origin));
}

/** `requests` GETs of `path`, `concurrency` at a time, each checked to be parsed JSON. */
async function runWindow(send: AbSend, path: string, requests: number, concurrency: number): Promise<void> {
  let started = 0;
  async function lane(): Promise<void> {
    while (started < requests) {
      started += 1;
      const data = await send(path);
      if (typeof data !== 'object' || data === null)
        throw new Error(`body was not parsed JSON: ${typeof data}`);
    }
  }
  await Promise.all(Array.from({ length: concurrency }, lane));
}

async function measure(message: WindowMessage): Promise<WindowResult> {
  const send = sends.get(message.variant);
  if (send === undefined) throw new Error(`variant ${message.variant} is not loaded in this process`);
  const path = findWorkload(message.route).path;
  const wallStart = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  await runWindow(send, path, message.requests, message.concurrency);
  const cpu = process.cpuUsage(cpuStart);
  return {
    type: 'window',
    cpuMicroseconds: cpu.user + cpu.system,
    userMicroseconds: cpu.user,
    wallMicroseconds: Number((process.hrtime.bigint() - wallStart) / 1000n),
    requests: message.requests,
  };
}

process.on('disconnect', () => process.exit(0));
process.on('message', (message: WindowMessage | { type: 'close' }) => {
  if (message.type === 'close') process.exit(0);
  measure(message).then(
    (result) => process.send?.(result),
    (error: unknown) =>
      process.send?.({ type: 'error', message: error instanceof Error ? error.message : String(error) }),
  );
});
process.send?.({ type: 'ready' });

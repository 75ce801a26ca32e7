import type { Socket } from 'node:net';
import { gzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import type { ConformanceHarness } from './conformance-harness.js';
import { incompressibleText } from './framing-bodies.js';
import { textOf, useRawCaseRunner } from './raw-case-runner.js';

const DEADLINE_MS = 60_000;

/**
 * Write `body` as a chunked response with 1-byte chunks: every byte becomes its own parser callback on the
 * client, whatever TCP does with the segments. Written in slices so the server never buffers 12 MB at once.
 */
function oneByteChunks(head: string, body: Buffer): (socket: Socket) => void {
  return (socket) => {
    socket.write(`HTTP/1.1 200 OK\r\n${head}Transfer-Encoding: chunked\r\n\r\n`);
    let offset = 0;
    const writeSlice = () => {
      while (offset < body.length) {
        const end = Math.min(body.length, offset + 16_384);
        let framed = '';
        for (let index = offset; index < end; index++)
          framed += `1\r\n${String.fromCharCode(body[index]!)}\r\n`;
        offset = end;
        if (!socket.write(framed, 'latin1')) {
          socket.once('drain', writeSlice);
          return;
        }
      }
      socket.end('0\r\n\r\n');
    };
    writeSlice();
  };
}

/** Peak heap and external memory growth while `work` runs, sampled every 10 ms. */
async function peakMemoryGrowth(work: () => Promise<void>): Promise<number> {
  const baseline = process.memoryUsage();
  const base = baseline.heapUsed + baseline.arrayBuffers;
  let peak = 0;
  const sampler = setInterval(() => {
    const now = process.memoryUsage();
    peak = Math.max(peak, now.heapUsed + now.arrayBuffers - base);
  }, 10);
  try {
    await work();
  } finally {
    clearInterval(sampler);
  }
  return peak;
}

/**
 * What a body costs the client must not depend on how the server chunks it (issues 12.2, 18.5): memory stays
 * within a small constant factor of the body size (one object kept per chunk made 2 MB cost about 250 MB), and
 * decoding a compressed body in 1-byte chunks costs CPU in proportion to its size (zlib fed byte by byte cost
 * 3-4 s for 113 KB). Bounds are generous: they catch the per-chunk cost, not a slow machine.
 */
export function registerBodyCostCases(harness: ConformanceHarness): void {
  if (harness.notApplicable.injectedFetch) return;
  describe('body cost whatever the chunking (raw server)', () => {
    const runner = useRawCaseRunner(harness);

    test('a 2 MB body in 1-byte chunks is held in memory within a small factor of its size (issue 12.2)', async () => {
      const text = incompressibleText(2 * 1024 * 1024, 3);
      let received = '';
      const growth = await peakMemoryGrowth(async () => {
        const { outcome } = await runner.run({
          path: '/one-byte-chunks',
          timeoutMs: DEADLINE_MS,
          respond: oneByteChunks('Content-Type: text/plain\r\n', Buffer.from(text)),
        });
        received = textOf(outcome, 200);
      });
      expect(received === text, 'the body arrives intact').toBe(true);
      // Text (2 MB as a string, 2 MB of bytes) plus generous room for garbage not yet collected.
      expect(growth, `peak growth ${Math.round(growth / 1048576)} MiB`).toBeLessThan(96 * 1024 * 1024);
    }, 120_000);

    test('a 113 KB gzip body in 1-byte chunks decodes at a CPU cost independent of the chunking (issue 18.5)', async () => {
      const text = incompressibleText(160 * 1024, 5);
      const gzipped = gzipSync(text);
      const before = process.cpuUsage();
      const { outcome } = await runner.run({
        path: '/gzip-one-byte-chunks',
        timeoutMs: DEADLINE_MS,
        respond: oneByteChunks('Content-Encoding: gzip\r\n', gzipped),
      });
      const cpu = process.cpuUsage(before);
      expect(textOf(outcome, 200) === text, 'the body decodes intact').toBe(true);
      // Server and client share this process: framing 113 K chunks costs both some CPU, feeding zlib per byte
      // cost seconds more.
      expect((cpu.user + cpu.system) / 1000, 'CPU milliseconds').toBeLessThan(2500);
    }, 120_000);
  });
}

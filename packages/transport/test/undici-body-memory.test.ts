import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

const child = fileURLToPath(new URL('./fixtures/one-byte-chunks-child.ts', import.meta.url));

test('a 2 MB body in 1-byte chunks is read by a process with a 64 MiB heap (one object per chunk needed ~250 MB)', () => {
  const result = spawnSync(
    process.execPath,
    ['--max-old-space-size=64', '--conditions=@meta/source', '--import', 'tsx', child],
    { encoding: 'utf8', timeout: 120_000, env: process.env },
  );
  expect(result.stderr.slice(-2000)).not.toMatch(/heap out of memory|FATAL/);
  expect(result.status, result.stderr.slice(-2000)).toBe(0);
  expect(result.stdout.trim()).toBe(String(2 * 1024 * 1024));
}, 150_000);

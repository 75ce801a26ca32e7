#!/usr/bin/env node
// Proves a published package is consumable from its built output: publint in strict mode, then
// are-the-types-wrong on the packed tarball. The packages are ESM-only (Node >= 20.19 can require() them), so attw
// runs with the esm-only profile, which skips the CommonJS-resolves-to-ESM rule on purpose.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const bin = join(dirname(fileURLToPath(import.meta.url)), '..', 'node_modules', '.bin');
const steps = [
  [join(bin, 'publint'), ['--strict']],
  [join(bin, 'attw'), ['--pack', '.', '--profile', 'esm-only', '--format', 'table-flipped']],
];
for (const [command, args] of steps) {
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

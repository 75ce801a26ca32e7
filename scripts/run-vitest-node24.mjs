#!/usr/bin/env node
// Runs this package's vitest suite on Node 24 (a real binary from npm), so the gate proves both Node majors.
// The gate resolves the binary once and passes it in META_NODE24_BIN; run by hand, we ask npx for it.
import { execFileSync, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const workspaceRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const node24 =
  process.env.META_NODE24_BIN ||
  execFileSync('npx', ['-y', 'node@24', '-p', 'process.execPath'], { encoding: 'utf8' }).trim();
const vitest = join(workspaceRoot, 'node_modules', 'vitest', 'vitest.mjs');
// META_UNDICI=8: the transport tests exercise undici 8, which the peer range claims and which needs Node >= 22.
const result = spawnSync(node24, [vitest, 'run', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, META_UNDICI: '8' },
});
process.exit(result.status ?? 1);

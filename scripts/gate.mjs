#!/usr/bin/env node
// The whole test gate, as the README's second command and .ci/run run it: lint, layering, typecheck, build,
// API reports and reference, links, README code, bundle budget, unit tests on Node 20 (this machine) and Node 24
// (a binary from npm), package checks (publint, attw), the release rehearsal (verdaccio). Every step runs even
// when an earlier one failed, so one run shows everything that is wrong. It ends with the line CI reads:
// `N passed, N failed`, adding up every test that ran (each vitest JSON report in .reports/) plus each non-test
// step that failed.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const reports = join(root, '.reports');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: '1', FORCE_COLOR: process.env.FORCE_COLOR ?? '0' };
const turbo = (...args) => [
  bin('turbo'),
  ['run', ...args, '--ui=stream', '--log-order=grouped', '--continue'],
];

function node24Binary() {
  if (process.env.META_NODE24_BIN) return process.env.META_NODE24_BIN;
  return execFileSync('npx', ['-y', 'node@24', '-p', 'process.execPath'], { encoding: 'utf8', env }).trim();
}

const steps = [
  ['lint (biome)', () => [bin('biome'), ['ci', '.']]],
  ['layering (errors <- transport <- rest <- apps)', () => [process.execPath, ['scripts/check-layers.mjs']]],
  ['typecheck (every package, against src/)', () => turbo('typecheck')],
  ['typecheck (scripts)', () => [bin('tsc'), ['-p', 'scripts/tsconfig.json']]],
  ['build', () => turbo('build')],
  ['API reports (api-extractor, one per entry point)', () => [process.execPath, ['scripts/api-report.mjs']]],
  ['API reference (TypeDoc, every export documented)', () => [process.execPath, ['scripts/api-docs.mjs']]],
  ['Markdown links stay inside the repository', () => [process.execPath, ['scripts/check-links.mjs']]],
  [
    'README code blocks (type-checked; runnable ones run)',
    () => [process.execPath, ['scripts/readme-code.mjs']],
  ],
  [
    'bundle budget (REST + fetch transport; fails above 25 KB gzip)',
    () => [process.execPath, ['scripts/bundle-budget.mjs']],
  ],
  [
    'chromium (Debian package, installed when missing)',
    () => [process.execPath, ['apps/browser/scripts/ensure-chromium.mjs']],
  ],
  [`tests on Node ${process.versions.node}`, () => turbo('test', '--concurrency=1')],
  ['tests of the workspace scripts', () => [bin('vitest'), ['run', '--root', 'scripts']]],
  [
    'tests on Node 24',
    () => {
      env.META_NODE24_BIN = node24Binary();
      env.META_NODE_MAJOR = '24';
      return turbo('test:node24', '--concurrency=1');
    },
  ],
  [
    'package checks (publint --strict, attw --pack)',
    () => {
      delete env.META_NODE_MAJOR; // back to the build step's cache key, so turbo does not rebuild for Node 20
      return turbo('check:package');
    },
  ],
  [
    'release rehearsal (verdaccio; ESM, require, node16, bundler, a real request)',
    () => [process.execPath, ['scripts/release-rehearsal.mjs']],
  ],
];

rmSync(reports, { recursive: true, force: true });
const outcomes = [];
for (const [title, prepare] of steps) {
  console.log(`\n━━ ${title}`);
  const started = Date.now();
  let ok;
  try {
    const [command, args] = prepare();
    ok = spawnSync(command, args, { cwd: root, stdio: 'inherit', env }).status === 0;
  } catch (error) {
    console.error(error);
    ok = false;
  }
  outcomes.push({ title, ok, seconds: ((Date.now() - started) / 1000).toFixed(1) });
}

let passed = 0;
let failed = 0;
let skipped = 0;
const counted = [];
for (const file of existsSync(reports)
  ? readdirSync(reports)
      .filter((name) => name.endsWith('.json'))
      .sort()
  : []) {
  const report = JSON.parse(readFileSync(join(reports, file), 'utf8'));
  // A test file that failed to load has no failed test but a failed suite: count it, or it would vanish.
  const failedHere =
    report.numFailedTests + (report.numFailedTests === 0 ? (report.numFailedTestSuites ?? 0) : 0);
  passed += report.numPassedTests;
  failed += failedHere;
  skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  counted.push(
    `  ${file.replace(/\.json$/, '').padEnd(24)} ${report.numPassedTests} passed, ${failedHere} failed`,
  );
}
const failedSteps = outcomes.filter((outcome) => !outcome.ok);
failed += failedSteps.length;

console.log('\n━━ gate summary');
for (const outcome of outcomes)
  console.log(`  ${outcome.ok ? 'ok  ' : 'FAIL'} ${outcome.title} (${outcome.seconds} s)`);
console.log('\n  tests counted from .reports/:');
for (const line of counted) console.log(line);
if (failedSteps.length > 0) console.log(`  plus ${failedSteps.length} failed step(s), counted as failures`);
console.log(`\n${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);

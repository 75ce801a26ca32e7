import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, test } from 'vitest';

const REPOSITORY_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const run = promisify(execFile);

/** pnpm as the gate runs it: the pnpm running this test when there is one, else the pinned version from npx. */
function pnpmCommand(): [string, string[]] {
  const execPath = process.env.npm_execpath ?? '';
  if (/pnpm\.c?js$/.test(execPath)) return [process.execPath, [execPath]];
  return ['npx', ['-y', 'pnpm@10.34.9']];
}

async function pnpmStdout(args: readonly string[]): Promise<string> {
  const [command, prefix] = pnpmCommand();
  const { stdout } = await run(command, [...prefix, ...args], {
    cwd: REPOSITORY_ROOT,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '' },
    maxBuffer: 64 * 1024 * 1024,
  });
  return stdout;
}

test('pnpm -s run playground --json prints one JSON document and nothing else on stdout', async () => {
  const stdout = await pnpmStdout(['--silent', 'run', 'playground', '--json', '--transport', 'fetch']);
  const record = JSON.parse(stdout) as { ok: boolean; runs: Array<{ steps: Array<{ code: string }> }> };
  expect(record.ok).toBe(true);
  expect(record.runs[0]!.steps.every((step) => step.code.length > 0)).toBe(true);
}, 120_000);

test('pnpm run playground --json prints one JSON document and nothing else on stdout, without -s', async () => {
  // pnpm prints a "> <package> <script> <dir>" banner on stdout before any script; the repository's .pnpmfile.cjs
  // gives exactly this command pnpm's silent reporter, so stdout is the playground's JSON alone.
  const stdout = await pnpmStdout(['run', 'playground', '--json', '--transport', 'fetch']);
  expect(stdout.trimStart().startsWith('{')).toBe(true);
  expect(JSON.parse(stdout).ok).toBe(true);
}, 120_000);

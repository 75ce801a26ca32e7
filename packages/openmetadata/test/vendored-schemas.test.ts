import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

const PACKAGE = fileURLToPath(new URL('..', import.meta.url));

test('the vendored schemas parse, their reachable refs resolve and every example validates (check.mjs)', () => {
  const result = spawnSync(process.execPath, [join(PACKAGE, 'openmetadata-spec', 'check.mjs')], {
    cwd: PACKAGE,
    encoding: 'utf8',
    env: { ...process.env, NODE_PATH: join(PACKAGE, 'node_modules') },
  });
  expect(result.stdout).toContain('all checks passed');
  expect(result.stdout).not.toMatch(/^FAIL /m);
  expect(result.status).toBe(0);
}, 60_000);

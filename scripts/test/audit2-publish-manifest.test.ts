import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { publishedPackages, workspaceRoot } from '../lib/published-packages.mjs';

const require = createRequire(import.meta.url);
const { publishManifest, SOURCE_CONDITION } = require('../lib/publish-manifest.cjs');
const pnpmfile = require('../../.pnpmfile.cjs');

/** Every file path an `exports`/`imports` value points at, at any depth. */
function targetsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (typeof value !== 'object' || value === null) return [];
  return Object.values(value).flatMap(targetsOf);
}

// The `@meta/source` condition (src/*.ts, for the workspace's build-free tests) must not reach a tarball: a
// consumer that sets the same condition would load TypeScript from node_modules, which Node refuses.
test('the root .pnpmfile.cjs runs publishManifest before every pack and publish', () => {
  expect(pnpmfile.hooks.beforePacking).toBe(publishManifest);
});

test('the lockfile records the checksum of the current .pnpmfile.cjs (else every frozen install fails)', () => {
  const pnpmfileText = readFileSync(join(workspaceRoot, '.pnpmfile.cjs'));
  const checksum = `sha256-${createHash('sha256').update(pnpmfileText).digest('base64')}`;
  const lockfile = readFileSync(join(workspaceRoot, 'pnpm-lock.yaml'), 'utf8');
  expect(/^pnpmfileChecksum: (\S+)$/m.exec(lockfile)?.[1]).toBe(checksum);
});

describe.each(publishedPackages().map((pkg) => [pkg.name, pkg.manifest] as const))(
  '%s',
  (_name, manifest) => {
    const published = publishManifest(manifest);

    test('the published manifest has no @meta/source condition and points only at dist/', () => {
      expect(JSON.stringify(published)).not.toContain(SOURCE_CONDITION);
      const targets = [...targetsOf(published.exports), ...targetsOf(published.imports ?? {})];
      expect(
        targets.filter((target) => !target.startsWith('./dist/') && target !== './package.json'),
      ).toEqual([]);
    });

    test('every other export condition and field is kept as written', () => {
      expect(Object.keys(published.exports)).toEqual(Object.keys(manifest.exports));
      for (const [subpath, target] of Object.entries(manifest.exports as Record<string, unknown>)) {
        if (typeof target !== 'object' || target === null) continue;
        const { [SOURCE_CONDITION]: _source, ...rest } = target as Record<string, unknown>;
        expect(published.exports[subpath]).toEqual(rest);
      }
      const { exports: _exports, imports: _imports, ...fields } = manifest;
      expect(published).toMatchObject(fields);
      expect(JSON.parse(readFileSync(join(workspaceRoot, 'package.json'), 'utf8')).packageManager).toBe(
        'pnpm@10.34.9',
      );
    });
  },
);

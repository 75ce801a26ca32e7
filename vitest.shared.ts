import { mkdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ViteUserConfig } from 'vitest/config';

const workspaceRoot = dirname(fileURLToPath(import.meta.url));

/**
 * Resolve workspace packages to their `src/` through the `@meta/source` export condition, so tests never need a
 * build, and write a JSON report per package and Node major that `scripts/gate.mjs` adds up into the closing
 * `N passed, N failed` line.
 */
export function sharedTestConfig(
  configFileUrl: string,
  overrides: { testTimeout?: number } = {},
): ViteUserConfig {
  const packageDirectory = dirname(fileURLToPath(configFileUrl));
  const nodeMajor = process.versions.node.split('.')[0];
  const reportDirectory = join(workspaceRoot, '.reports');
  mkdirSync(reportDirectory, { recursive: true });
  const conditions = ['@meta/source', 'module', 'node', 'development|production'];
  return {
    resolve: { conditions },
    ssr: { resolve: { conditions, externalConditions: ['@meta/source'] } },
    test: {
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      environment: 'node',
      testTimeout: overrides.testTimeout ?? 20_000,
      hookTimeout: 30_000,
      reporters: ['default', 'json'],
      outputFile: { json: join(reportDirectory, `${basename(packageDirectory)}-node${nodeMajor}.json`) },
    },
  };
}

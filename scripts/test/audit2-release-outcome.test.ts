import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { workspaceRoot } from '../lib/published-packages.mjs';
import {
  changesetPackages,
  privatePackageNames,
  versionedPrivatePackages,
  wrongInternalRanges,
} from '../lib/release-outcome.mjs';

// The release rehearsal's post-publish checks (scripts/lib/release-outcome.mjs) judge what `pnpm release` left:
// these prove the judges themselves, on inputs whose answer is known.
test('reads the package names of every pending changeset, quoted or not, and ignores the README', () => {
  const folder = mkdtempSync(join(tmpdir(), 'changesets-'));
  try {
    writeFileSync(join(folder, 'README.md'), '---\n"@meta/not-a-changeset": major\n---\n');
    writeFileSync(
      join(folder, 'a.md'),
      '---\n"@meta/rest": minor\n\'@meta/errors\': patch\n---\n\nBody: x\n',
    );
    writeFileSync(
      join(folder, 'b.md'),
      '---\n@meta/transport: patch\n---\n\n"@meta/openmetadata": not frontmatter\n',
    );
    expect([...changesetPackages(folder)].sort()).toEqual(['@meta/errors', '@meta/rest', '@meta/transport']);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test('an internal range is right only as ^<the version just published>; third-party ranges are not judged', () => {
  const versions = new Map([
    ['@meta/errors', '0.2.0'],
    ['@meta/transport', '0.1.1'],
  ]);
  const manifest = {
    name: '@meta/rest',
    dependencies: { '@meta/errors': '^0.2.0', '@meta/transport': 'workspace:^', undici: '^7.30.2' },
    peerDependencies: { '@meta/errors': '^0.0.0' },
  };
  expect(wrongInternalRanges(manifest, versions)).toEqual([
    '@meta/rest dependencies.@meta/transport: workspace:^ (published 0.1.1)',
    '@meta/rest peerDependencies.@meta/errors: ^0.0.0 (published 0.2.0)',
  ]);
});

test('the private workspace packages are the apps (never published)', () => {
  expect(privatePackageNames().sort()).toEqual(['@meta/bench', '@meta/browser-tests', '@meta/playground']);
});

test('.changeset/config.json keeps every private package out of versioning (no version bump, no CHANGELOG)', () => {
  const config = JSON.parse(readFileSync(join(workspaceRoot, '.changeset/config.json'), 'utf8'));
  expect(config.privatePackages).toEqual({ version: false, tag: false });
  expect(versionedPrivatePackages(workspaceRoot)).toEqual([]);
});

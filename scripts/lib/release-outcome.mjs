// What a release must leave behind, checked by the release rehearsal after `pnpm release` published to its local
// registry (each check is `[title, { ok, output }]`):
// - every package named in a pending changeset got a new version, and a CHANGELOG.md entry for it;
// - the registry's manifests carry real ranges on the other @meta packages (`^` + the version just published; no
//   `workspace:`), and no workspace-only `@meta/source` condition;
// - the private workspace packages (apps, bench, browser tests) were neither published nor given a version or a
//   CHANGELOG (.changeset/config.json `privatePackages`; without it every release bumped @meta/browser-tests).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { registryRequest } from './local-registry.mjs';
import { workspaceRoot } from './published-packages.mjs';

/** The package names in the frontmatter of the pending changesets of `folder`. */
export function changesetPackages(folder) {
  return new Set(
    readdirSync(folder)
      .filter((file) => file.endsWith('.md') && file !== 'README.md')
      .flatMap((file) => {
        const frontmatter = /^---\n([\s\S]*?)\n---/.exec(readFileSync(join(folder, file), 'utf8'))?.[1] ?? '';
        return [...frontmatter.matchAll(/^["']?(@?[\w./-]+)["']?\s*:/gm)].map((match) => match[1]);
      }),
  );
}

/**
 * The workspace's private packages (apps/* and any private package under packages/) under `root`, with the folder
 * relative to it and the version their manifest holds there.
 */
export function privatePackages(root = workspaceRoot) {
  return ['apps', 'packages'].flatMap((group) =>
    readdirSync(join(root, group))
      .map((folder) => ({ folder: join(group, folder), file: join(root, group, folder, 'package.json') }))
      .filter(({ file }) => existsSync(file))
      .map(({ folder, file }) => ({ folder, manifest: JSON.parse(readFileSync(file, 'utf8')) }))
      .filter(({ manifest }) => manifest.private === true)
      .map(({ folder, manifest }) => ({ name: manifest.name, folder, version: manifest.version })),
  );
}

/** Names of the workspace's private packages. */
export function privatePackageNames(root = workspaceRoot) {
  return privatePackages(root).map((pkg) => pkg.name);
}

/** Private packages that `changeset version` touched in `tree`: a new version or a CHANGELOG.md. */
export function versionedPrivatePackages(tree) {
  const before = new Map(privatePackages().map((pkg) => [pkg.name, pkg.version]));
  return privatePackages(tree)
    .filter(
      (pkg) => pkg.version !== before.get(pkg.name) || existsSync(join(tree, pkg.folder, 'CHANGELOG.md')),
    )
    .map((pkg) => `${pkg.name} (${pkg.folder}: version ${pkg.version})`);
}

/** Internal dependency ranges of one published manifest that are not `^<the version published now>`. */
export function wrongInternalRanges(manifest, versionByName) {
  return ['dependencies', 'peerDependencies', 'optionalDependencies'].flatMap((field) =>
    Object.entries(manifest[field] ?? {})
      .filter(([name]) => versionByName.has(name))
      .filter(([name, range]) => range !== `^${versionByName.get(name)}`)
      .map(
        ([name, range]) =>
          `${manifest.name} ${field}.${name}: ${range} (published ${versionByName.get(name)})`,
      ),
  );
}

/**
 * @param {{ tree: string, registryUrl: string, versions: { name: string, folder: string, version: string,
 *   manifest: any }[] }} release `versions`: each published package with its new version; `manifest` is the
 *   workspace's manifest from before the release
 * @returns {Promise<[string, { ok: boolean, output: string }][]>}
 */
export async function checkReleaseOutcome({ tree, registryUrl, versions }) {
  const named = changesetPackages(join(workspaceRoot, '.changeset'));
  const expected = versions.filter((pkg) => named.size === 0 || named.has(pkg.name));
  const unbumped = expected.filter((pkg) => pkg.version === pkg.manifest.version).map((pkg) => pkg.name);
  const unlogged = expected
    .filter((pkg) => {
      const changelog = join(tree, 'packages', pkg.folder, 'CHANGELOG.md');
      return !existsSync(changelog) || !readFileSync(changelog, 'utf8').includes(`## ${pkg.version}`);
    })
    .map((pkg) => pkg.name);
  const versionByName = new Map(versions.map((pkg) => [pkg.name, pkg.version]));
  const problems = [];
  for (const pkg of versions) {
    const { body } = await registryRequest('GET', `${registryUrl}${pkg.name.replace('/', '%2f')}`);
    const published = body?.versions?.[pkg.version];
    if (published === undefined) continue; // reported by the "registry serves" check
    problems.push(...wrongInternalRanges(published, versionByName));
    if (JSON.stringify(published).includes('@meta/source'))
      problems.push(`${pkg.name}: @meta/source published`);
  }
  const leaked = versionedPrivatePackages(tree);
  for (const name of privatePackageNames()) {
    const { status } = await registryRequest('GET', `${registryUrl}${name.replace('/', '%2f')}`);
    if (status !== 404) leaked.push(`${name} (HTTP ${status})`);
  }
  return [
    [
      `changeset version bumped and logged every package a changeset names (${expected.length})`,
      {
        ok: unbumped.length === 0 && unlogged.length === 0,
        output: `not bumped: ${unbumped}; no CHANGELOG entry: ${unlogged}`,
      },
    ],
    [
      'published manifests depend on the other @meta packages at ^<published version>, with no @meta/source',
      { ok: problems.length === 0, output: problems.join('\n') },
    ],
    [
      `no private workspace package was versioned or reached the registry (${privatePackageNames().join(', ')})`,
      { ok: leaked.length === 0, output: leaked.join('\n') },
    ],
  ];
}

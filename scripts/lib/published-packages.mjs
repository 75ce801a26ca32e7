// The one list of what this repository publishes, read from the manifests rather than repeated in every script:
// each non-private package under packages/, and each of its `exports` entries that has types (an entry point).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Absolute path of the workspace root. */
export const workspaceRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * The published packages, in dependency-friendly alphabetical order of their folders.
 * @returns {{ name: string, folder: string, directory: string, manifest: any, entryPoints: EntryPoint[] }[]}
 */
export function publishedPackages() {
  const packagesFolder = join(workspaceRoot, 'packages');
  return readdirSync(packagesFolder)
    .sort()
    .map((folder) => ({ folder, directory: join(packagesFolder, folder) }))
    .filter(({ directory }) => existsSync(join(directory, 'package.json')))
    .map(({ folder, directory }) => {
      const manifest = JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8'));
      return { name: manifest.name, folder, directory, manifest, entryPoints: entryPointsOf(manifest) };
    })
    .filter(({ manifest }) => manifest.private !== true);
}

/**
 * @typedef {{ subpath: string, specifier: string, slug: string, types: string, source: string }} EntryPoint
 * `subpath` is the exports key ('.', './undici'), `specifier` what a consumer imports ('@meta/transport/undici'),
 * `slug` a file-name-safe id ('transport-undici'), `types` the built .d.ts and `source` the TypeScript source.
 */

/**
 * The entry points of one manifest: each `exports` entry that declares `types` (so `./package.json` is not one).
 * @returns {EntryPoint[]}
 */
export function entryPointsOf(manifest) {
  const unscoped = manifest.name.replace(/^@[^/]+\//, '');
  return Object.entries(manifest.exports ?? {})
    .filter(([, target]) => typeof target === 'object' && target !== null && typeof target.types === 'string')
    .map(([subpath, target]) => {
      const tail = subpath === '.' ? '' : subpath.slice(2);
      return {
        subpath,
        specifier: tail === '' ? manifest.name : `${manifest.name}/${tail}`,
        slug: tail === '' ? unscoped : `${unscoped}-${tail.replaceAll('/', '-')}`,
        types: target.types,
        source: target['@meta/source'],
      };
    });
}

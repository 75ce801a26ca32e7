// The package.json that goes into a tarball (pnpm's `beforePacking` hook, wired in the root .pnpmfile.cjs; runs on
// `pnpm pack` and on every `pnpm publish`, so also under `changeset publish`).
// The `@meta/source` export condition points at `src/*.ts` so the workspace's tests and tools run without a build.
// Published, it is a trap: a consumer that sets that condition (e.g. a monorepo of its own with the same habit,
// `node --conditions=@meta/source`, a bundler or tsconfig `customConditions`) would load TypeScript from
// node_modules, which Node refuses (ERR_UNKNOWN_FILE_EXTENSION, ERR_UNSUPPORTED_NODE_MODULES_TYPE_STRIPPING) and
// whose imports of dev-only packages (zod, bundled into dist) are not installed. So every `@meta/source` key is
// removed from `exports` and `imports`, at any depth; everything else is kept as written.
'use strict';

/** The workspace-only condition that must never reach a published manifest. */
const SOURCE_CONDITION = '@meta/source';

/** A copy of an `exports`/`imports` value without the source condition, at any depth. */
function withoutSourceCondition(target) {
  if (Array.isArray(target)) return target.map(withoutSourceCondition);
  if (typeof target !== 'object' || target === null) return target;
  return Object.fromEntries(
    Object.entries(target)
      .filter(([key]) => key !== SOURCE_CONDITION)
      .map(([key, value]) => [key, withoutSourceCondition(value)]),
  );
}

/** The manifest as published: `exports` and `imports` without the `@meta/source` condition. */
function publishManifest(manifest) {
  const published = { ...manifest };
  if (manifest.exports !== undefined) published.exports = withoutSourceCondition(manifest.exports);
  if (manifest.imports !== undefined) published.imports = withoutSourceCondition(manifest.imports);
  return published;
}

module.exports = { SOURCE_CONDITION, publishManifest, withoutSourceCondition };

import { createRequire } from 'node:module';

/** Which Node and which undici copies a driver process really ran on, read inside that process. */
export interface RuntimeInfo {
  /** `process.version`, e.g. `v20.20.2`. */
  readonly node: string;
  /** The undici inside Node (global fetch), e.g. `6.24.1`. */
  readonly bundledUndici: string;
  /** npm undici copies loaded into the process (`7.30.2`), empty when none was. */
  readonly npmUndici: readonly string[];
}

const PNPM_UNDICI = /[\\/]\.pnpm[\\/]undici@([^\\/_]+)[\\/]/;

/**
 * Read the versions from the CommonJS module cache: npm undici is CommonJS, so any copy an ES module imported
 * (directly or through `@meta/transport`) is listed there under its pnpm store path, which carries the version.
 * Called after the driver has sent requests, so lazily loaded copies are counted.
 */
export function runtimeInfo(): RuntimeInfo {
  const versions = new Set<string>();
  for (const path of Object.keys(createRequire(import.meta.url).cache)) {
    const match = PNPM_UNDICI.exec(path);
    if (match?.[1] !== undefined) versions.add(match[1]);
  }
  return {
    node: process.version,
    bundledUndici: process.versions.undici ?? '?',
    npmUndici: [...versions].sort(),
  };
}

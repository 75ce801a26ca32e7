import { execFileSync } from 'node:child_process';

/** A Node binary the drivers can run on. */
export interface NodeRuntime {
  /** `''` for the Node running the harness, `node24` for an extra one: suffixes driver keys (`undici@node24`). */
  readonly key: string;
  /** The major version, e.g. 24. */
  readonly major: number;
  /** The binary: `process.execPath`, or the one `npx -y node@<major>` installs. */
  readonly execPath: string;
}

/** The Node running the harness. */
export function hostRuntime(): NodeRuntime {
  return { key: '', major: Number(process.versions.node.split('.')[0]), execPath: process.execPath };
}

/**
 * Find the binary of Node `major` through npx (the npm package `node@<major>` ships the real binary; npx caches
 * it, so only the first run downloads). Throws with npx's message when it cannot.
 */
function npxNodeBinary(major: number): string {
  try {
    return execFileSync('npx', ['-y', `node@${major}`, '-p', 'process.execPath'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 180_000,
    }).trim();
  } catch (error) {
    const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new Error(`--node ${major}: could not get Node ${major} through "npx -y node@${major}": ${detail}`);
  }
}

/** The host Node first, then each requested major that differs from it, in the order given. */
export function resolveRuntimes(majors: readonly number[]): NodeRuntime[] {
  const host = hostRuntime();
  const runtimes = [host];
  for (const major of majors) {
    if (runtimes.some((runtime) => runtime.major === major)) continue;
    runtimes.push({ key: `node${major}`, major, execPath: npxNodeBinary(major) });
  }
  return runtimes;
}

/** A driver's key on a runtime: the driver id on the host Node, `<id>@node24` on another. */
export function instanceKey(driverId: string, runtime: NodeRuntime): string {
  return runtime.key === '' ? driverId : `${driverId}@${runtime.key}`;
}

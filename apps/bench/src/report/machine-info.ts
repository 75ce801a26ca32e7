import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, platform, release, totalmem } from 'node:os';

/** The npm undici the raw driver and the undici transport use (Node's fetch bundles its own). */
function npmUndiciVersion(): string {
  try {
    const require = createRequire(import.meta.url);
    const manifest = JSON.parse(readFileSync(require.resolve('undici/package.json'), 'utf8')) as {
      version: string;
    };
    return manifest.version;
  } catch {
    return '?';
  }
}

/** The machine line every report carries: numbers are only comparable on the same Node and machine. */
export function machineLine(): string {
  const processors = cpus();
  const model = processors[0]?.model.trim() ?? 'unknown CPU';
  const memoryGiB = (totalmem() / 1024 ** 3).toFixed(1);
  return (
    `Node ${process.version} (fetch: bundled undici ${process.versions.undici ?? '?'}; npm undici ${npmUndiciVersion()}), ` +
    `${model}, ` +
    `${processors.length} cores, ${memoryGiB} GiB, ${platform()} ${release()}`
  );
}

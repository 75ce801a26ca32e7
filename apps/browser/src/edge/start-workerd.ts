import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';

/** The `workerd` npm package: its default export is the path of the platform binary. */
const workerdPackage = createRequire(import.meta.url)('workerd') as {
  default: string;
  compatibilityDate: string;
};

/** A running workerd serving one worker on a loopback port. */
export interface WorkerdServer {
  /** `http://127.0.0.1:<port>`. */
  readonly origin: string;
  /** Stops workerd and removes its temporary directory. */
  close(): Promise<void>;
}

/**
 * workerd's config: the worker on a kernel-chosen loopback port, and an outbound network that may reach loopback
 * (workerd's default `internet` service allows public addresses only).
 */
function configText(compatibilityDate: string): string {
  return `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [
    (name = "main", worker = .worker),
    (name = "loopback", network = (allow = ["public", "private", "local"])),
  ],
  sockets = [(name = "http", address = "127.0.0.1:0", http = (), service = "main")],
);
const worker :Workerd.Worker = (
  modules = [(name = "worker.js", esModule = embed "worker.js")],
  compatibilityDate = "${compatibilityDate}",
  globalOutbound = "loopback",
);
`;
}

/** Resolves with the port from workerd's control channel (`{"event":"listen","port":N}` lines on fd 3). */
function listenPort(child: ChildProcess, output: () => string): Promise<number> {
  return new Promise((resolve, reject) => {
    let control = '';
    (child.stdio[3] as Readable).on('data', (chunk: Buffer) => {
      control += chunk.toString('utf8');
      const match = /"event":"listen"[^}]*"port":(\d+)/.exec(control);
      if (match) resolve(Number(match[1]));
    });
    child.once('error', reject);
    child.once('exit', (code) =>
      reject(new Error(`workerd exited with ${code} before listening:\n${output()}`)),
    );
  });
}

/** Bundle text in, a running workerd out. Fails with workerd's own output when it cannot start. */
export async function startWorkerd(workerSource: string): Promise<WorkerdServer> {
  const directory = await mkdtemp(join(tmpdir(), 'meta-workerd-'));
  await writeFile(join(directory, 'worker.js'), workerSource);
  await writeFile(join(directory, 'config.capnp'), configText(workerdPackage.compatibilityDate));
  const child = spawn(workerdPackage.default, ['serve', 'config.capnp', '--control-fd=3'], {
    cwd: directory,
    stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString('utf8');
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const close = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
    await rm(directory, { recursive: true, force: true });
  };
  try {
    const port = await listenPort(child, () => output);
    return { origin: `http://127.0.0.1:${port}`, close };
  } catch (error) {
    await close();
    throw error;
  }
}

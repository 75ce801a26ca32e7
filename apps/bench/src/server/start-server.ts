import { ChildLink } from '../runner/child-link.js';

/** The loopback server running in its own process. */
export interface ServerProcess {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  readonly origin: string;
  /** Requests served so far and the server's own CPU time (microseconds). */
  stats(): Promise<{ served: number; cpuMicroseconds: number }>;
  close(): Promise<void>;
}

/** Start the benchmark server in a child process and wait until it listens. */
export async function startServer(): Promise<ServerProcess> {
  const { link, ready } = await ChildLink.start(new URL('./server-main.ts', import.meta.url), {
    readyType: 'listening',
  });
  const { port } = ready as unknown as { port: number };
  return {
    origin: `http://127.0.0.1:${port}`,
    async stats() {
      const reply = await link.call<{ type: string; served: number; cpu: NodeJS.CpuUsage }>(
        { type: 'stats' },
        'stats',
      );
      return { served: reply.served, cpuMicroseconds: reply.cpu.user + reply.cpu.system };
    },
    close: () => link.close(),
  };
}

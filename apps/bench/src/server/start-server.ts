import { ChildLink } from '../runner/child-link.js';

/** Requests each loopback server answered, by protocol on the TLS one. */
export interface ServedCounts {
  readonly http: number;
  readonly tlsHttp1: number;
  readonly tlsHttp2: number;
}

/** The TLS server's address and the CA its certificate chains to. */
export interface TlsEndpoint {
  /** `https://127.0.0.1:<port>`, no trailing slash. */
  readonly origin: string;
  /** The run's test CA (PEM): the only certificate TLS drivers trust. */
  readonly ca: string;
}

/** The loopback servers running in their own process. */
export interface ServerProcess {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  readonly origin: string;
  /** Present when started with `tls: true`. */
  readonly tls: TlsEndpoint | undefined;
  /** Requests served so far and the server process's own CPU time (microseconds). */
  stats(): Promise<{ served: number; byServer: ServedCounts; cpuMicroseconds: number }>;
  close(): Promise<void>;
}

interface ListeningMessage {
  readonly port: number;
  readonly tlsPort?: number;
  readonly ca?: string;
}

/**
 * Start the benchmark servers in a child process and wait until they listen. With `tls`, an HTTP/2 TLS server
 * (HTTP/1.1 allowed) on a CA generated for this run serves the same routes next to the plain one.
 */
export async function startServer(options: { tls?: boolean } = {}): Promise<ServerProcess> {
  const { link, ready } = await ChildLink.start(new URL('./server-main.ts', import.meta.url), {
    args: options.tls === true ? ['tls'] : [],
    readyType: 'listening',
  });
  const { port, tlsPort, ca } = ready as unknown as ListeningMessage;
  return {
    origin: `http://127.0.0.1:${port}`,
    tls:
      tlsPort === undefined || ca === undefined ? undefined : { origin: `https://127.0.0.1:${tlsPort}`, ca },
    async stats() {
      const reply = await link.call<{ type: string; served: ServedCounts; cpu: NodeJS.CpuUsage }>(
        { type: 'stats' },
        'stats',
      );
      const byServer = reply.served;
      return {
        served: byServer.http + byServer.tlsHttp1 + byServer.tlsHttp2,
        byServer,
        cpuMicroseconds: reply.cpu.user + reply.cpu.system,
      };
    },
    close: () => link.close(),
  };
}

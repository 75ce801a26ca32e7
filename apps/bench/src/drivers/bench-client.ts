import type { TlsEndpoint } from '../server/start-server.js';

/** One logical request as the measuring loop hands it to a driver. */
export interface BenchRequest {
  readonly method: 'GET' | 'POST';
  /** Path under `/api/v1`, starting with `/`, query included. */
  readonly path: string;
  /** A JSON body the driver serialises itself (each library its own way). */
  readonly body?: object | undefined;
}

/** A client under test: sends one logical request and resolves with the parsed JSON body. */
export interface BenchClient {
  send(request: BenchRequest): Promise<unknown>;
  close(): Promise<void>;
}

/** Connection-pool settings every pooled driver is given, so pool sizing never decides a comparison. */
export interface PoolSettings {
  /** Connections per origin. @default 256 */
  readonly connections: number;
  /** Idle keep-alive before a pooled socket closes. @default 60000 */
  readonly keepAliveTimeoutMs: number;
  /** Connect timeout. @default 10000 */
  readonly connectTimeoutMs: number;
}

/** What a driver needs to build its client. */
export interface DriverContext {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  readonly origin: string;
  readonly pool: PoolSettings;
  /** The TLS server (HTTP/2 and HTTP/1.1) and its test CA; present when a driver of the run needs it. */
  readonly tls?: TlsEndpoint | undefined;
}

/** Builds one driver's client inside its own process. */
export type CreateBenchClient = (context: DriverContext) => Promise<BenchClient>;

/** The pool settings of every run; more connections than the highest concurrency, idle sockets kept for a round. */
export const DEFAULT_POOL: PoolSettings = {
  connections: 256,
  keepAliveTimeoutMs: 60_000,
  connectTimeoutMs: 10_000,
};

import { createFetchTransport } from '@meta/transport';
import { type ClientConfig, REST } from '../../src/index.js';

export { rejectionOf } from '../helpers/rejection-of.js';

/** The two real transports every hardening test runs on. */
export const TRANSPORT_KINDS = ['undici', 'fetch'] as const;
export type TransportKind = (typeof TRANSPORT_KINDS)[number];

/**
 * A client on `kind`: undici is REST's own default transport (created, owned and closed by REST, so `verify` and
 * `connectTimeoutMs` are exercised too); fetch is `createFetchTransport()` over Node's global fetch.
 */
export function createClient(kind: TransportKind, config: ClientConfig): REST {
  if (kind === 'undici') return new REST(config);
  return new REST({ ...config, transport: createFetchTransport() });
}

/** A quiet logger that keeps every line, for leak checks. */
export function createCapturingLogger(): {
  lines: string[];
  logger: Required<Record<LogLevel, (m: string) => void>>;
} {
  const lines: string[] = [];
  const record =
    (level: LogLevel) =>
    (message: string, ...details: unknown[]) => {
      lines.push(`${level}: ${[message, ...details].map(String).join(' ')}`);
    };
  return {
    lines,
    logger: { debug: record('debug'), info: record('info'), warn: record('warn'), error: record('error') },
  };
}

type LogLevel = 'debug' | 'info' | 'warn' | 'error';

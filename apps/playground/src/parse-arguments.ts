import { parseArgs } from 'node:util';
import { apiBaseUrl } from '@meta/openmetadata';
import type { TransportName } from './session/session-record.js';

/** The playground's command line, parsed. */
export interface PlaygroundArguments {
  readonly transports: readonly TransportName[];
  readonly verbose: boolean;
  readonly json: boolean;
  readonly help: boolean;
  /** A real OpenMetadata server's API root (ends in `/api`); absent means the mocks. */
  readonly baseUrl?: string;
  /** The bearer token for `baseUrl` (`no_token` when the server has auth off). */
  readonly token?: string;
}

/** A command line the playground cannot run; main prints the message and the usage and exits 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** The `--help` text. */
export const USAGE = `Usage: pnpm run playground [options]

  --transport fetch|undici|both   which transport(s) run the session (default: both)
  --verbose                       also print each request (auth redacted) and the client's log lines
  --json                          print one machine-readable JSON record instead of the narration
  --base-url URL                  run the read-only steps against a real OpenMetadata server
                                  (e.g. http://localhost:8585/api; "/api" is added when the path does not
                                  end in it, and /api/v1 is read as /api)
  --token T                       the bearer token for --base-url (or set OPENMETADATA_TOKEN
                                  or OPENMETADATA_JWT_TOKEN)
  --help                          show this text

Exits 0 only when every step did what it was expected to do.`;

function transportsOf(value: string): TransportName[] {
  if (value === 'both') return ['fetch', 'undici'];
  if (value === 'fetch' || value === 'undici') return [value];
  throw new UsageError(`--transport must be fetch, undici or both, not "${value}"`);
}

/**
 * The API root for a `--base-url`: `/api` is appended when the path does not end in it (`http://om:8585`,
 * `https://example.com/openmetadata`), and `/api/v1` is read as `/api`, as `OpenMetadata.fromEnv` reads a host.
 */
function apiRootOf(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    // The value is not echoed: it may hold credentials.
    throw new UsageError('--base-url must be an absolute http(s) URL such as http://localhost:8585/api');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new UsageError('--base-url must use http or https');
  if (url.username !== '' || url.password !== '')
    throw new UsageError('--base-url must not contain credentials: pass the token with --token');
  if (url.search !== '' || url.hash !== '')
    throw new UsageError('--base-url must not contain a query or fragment');
  // The same rule as `OpenMetadata.fromEnv`: `/api` is appended unless the path ends in it, `/api/v1` is cut
  // back to `/api` (REST adds the version), so `--base-url` and OPENMETADATA_HOST take the same values.
  return apiBaseUrl(url.href, '--base-url').replace(/\/+$/, '');
}

/** Parse `argv` (without the node and script entries). */
export function parseArguments(
  argv: readonly string[],
  environment: NodeJS.ProcessEnv = {},
): PlaygroundArguments {
  let parsed: ReturnType<
    typeof parseArgs<{ options: typeof OPTIONS; strict: true; allowPositionals: false }>
  >;
  try {
    // `pnpm run playground -- --verbose` passes the `--` through; accept it as the end of pnpm's own options.
    const args = argv[0] === '--' ? argv.slice(1) : [...argv];
    parsed = parseArgs({ args, options: OPTIONS, strict: true, allowPositionals: false });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values } = parsed;
  // OPENMETADATA_JWT_TOKEN is the variable OpenMetadata's SDK (and `OpenMetadata.fromEnv`) reads.
  const token = values.token ?? environment.OPENMETADATA_TOKEN ?? environment.OPENMETADATA_JWT_TOKEN;
  if (values.token !== undefined && values['base-url'] === undefined) {
    throw new UsageError('--token needs --base-url');
  }
  return {
    transports: transportsOf(values.transport ?? 'both'),
    verbose: values.verbose ?? false,
    json: values.json ?? false,
    help: values.help ?? false,
    ...(values['base-url'] === undefined
      ? {}
      : { baseUrl: apiRootOf(values['base-url']), token: token ?? 'no_token' }),
  };
}

const OPTIONS = {
  transport: { type: 'string' },
  verbose: { type: 'boolean' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  'base-url': { type: 'string' },
  token: { type: 'string' },
} as const;

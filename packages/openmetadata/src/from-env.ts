import { ConfigError } from '@meta/errors';

/** The environment variables `OpenMetadata.fromEnv` reads, as the Python SDK 2.0 does. */
export const ENVIRONMENT_VARIABLES = Object.freeze({
  /** The server, e.g. `http://localhost:8585` (`/api` is appended when missing). */
  host: 'OPENMETADATA_HOST',
  /** A bot's JWT, sent as `Authorization: Bearer <token>`. */
  token: 'OPENMETADATA_JWT_TOKEN',
});

/** A set of environment variables: `process.env`, `import.meta.env`, or a plain object. */
export type Environment = Readonly<Record<string, string | undefined>>;

/** The default environment: `process.env` where there is one (Node, Bun, Deno's compatibility), else empty. */
export function defaultEnvironment(): Environment {
  const process = (globalThis as { process?: { env?: Environment } }).process;
  return process?.env ?? {};
}

function required(env: Environment, name: string): string {
  const value = env[name]?.trim();
  if (value === undefined || value.length === 0) {
    throw new ConfigError(`Environment variable ${name} is not set`, { field: name });
  }
  return value;
}

/**
 * The REST base URL for an OpenMetadata host. OpenMetadata serves its API under `/api` and its web UI everywhere
 * else, so a host without `/api` (`http://localhost:8585`, as the Python SDK takes it) gets `/api` appended; a
 * host ending in `/api` or `/api/v1` is used up to `/api` (REST adds the version). `field` is the name a
 * `ConfigError` for a bad host carries (`fromEnv` passes `OPENMETADATA_HOST`).
 *
 * @example apiBaseUrl('http://localhost:8585') // 'http://localhost:8585/api'
 */
export function apiBaseUrl(host: string, field = 'host'): string {
  let url: URL;
  try {
    url = new URL(host);
  } catch (error) {
    throw new ConfigError(`${field} must be an absolute http(s) URL such as http://localhost:8585`, {
      field,
      cause: error,
    });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(`${field} must be an http:// or https:// URL such as http://localhost:8585`, {
      field,
    });
  }
  const path = url.pathname.replace(/\/+$/, '').replace(/\/api\/v1$/, '/api');
  url.pathname = path.endsWith('/api') ? path : `${path}/api`;
  return url.href;
}

/** `baseUrl` and `accessToken` from `OPENMETADATA_HOST` and `OPENMETADATA_JWT_TOKEN`. */
export function configFromEnvironment(env: Environment): { baseUrl: string; accessToken: string } {
  const host = required(env, ENVIRONMENT_VARIABLES.host);
  const token = required(env, ENVIRONMENT_VARIABLES.token);
  return { baseUrl: apiBaseUrl(host, ENVIRONMENT_VARIABLES.host), accessToken: token };
}

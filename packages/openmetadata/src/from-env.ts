import { ConfigError } from '@meta/errors';

/** The environment variables `OpenMetadata.fromEnv` reads, as the Python SDK 2.0 does (`OpenMetadataConfig.from_env`). */
export const ENVIRONMENT_VARIABLES = Object.freeze({
  /** The server, e.g. `http://localhost:8585` or `http://localhost:8585/api` (`/api` is appended when missing). */
  host: 'OPENMETADATA_HOST',
  /** Read when `OPENMETADATA_HOST` is not set, as the Python SDK 2.0 does. */
  hostAlias: 'OPENMETADATA_SERVER_URL',
  /** A bot's JWT, sent as `Authorization: Bearer <token>`. */
  token: 'OPENMETADATA_JWT_TOKEN',
  /** Read when `OPENMETADATA_JWT_TOKEN` is not set, as the Python SDK 2.0 does. */
  tokenAlias: 'OPENMETADATA_API_KEY',
});

/** A set of environment variables: `process.env`, `import.meta.env`, or a plain object. */
export type Environment = Readonly<Record<string, string | undefined>>;

/** The default environment: `process.env` where there is one (Node, Bun, Deno's compatibility), else empty. */
export function defaultEnvironment(): Environment {
  const process = (globalThis as { process?: { env?: Environment } }).process;
  return process?.env ?? {};
}

/** A value read from the environment and the variable it came from (named by errors about the value). */
export interface EnvironmentValue {
  /** The value, trimmed. */
  readonly value: string;
  /** The variable it was read from, e.g. `OPENMETADATA_HOST`. */
  readonly variable: string;
}

// The first of `name` and its `alias` that is set and not blank; a ConfigError naming `name` when neither is.
// Own properties only: a variable inherited from a polluted Object.prototype could otherwise send the real token
// to a host nobody configured.
function required(env: Environment, name: string, alias: string): EnvironmentValue {
  for (const variable of [name, alias]) {
    const raw: unknown = Object.hasOwn(env, variable) ? env[variable] : undefined;
    if (raw !== undefined && typeof raw !== 'string') {
      throw new ConfigError(`Environment variable ${variable} must be a string`, { field: variable });
    }
    const value = raw?.trim();
    if (value !== undefined && value.length > 0) return { value, variable };
  }
  throw new ConfigError(`Environment variable ${name} (or ${alias}) is not set`, { field: name });
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

/** What `fromEnv` builds its client from, and which variable each value came from. */
export interface EnvironmentConfig {
  /** `baseUrl` and `accessToken` for `REST`, each left out when the caller's overrides give it. */
  readonly config: { readonly baseUrl?: string; readonly accessToken?: string };
  /** The variable each config field was read from, so an error about the value names it. */
  readonly variables: Readonly<Record<string, string>>;
}

/** The config fields a caller may give instead of the variables: the server, and the token or a token provider. */
export interface EnvironmentOverrides {
  /** Given: `OPENMETADATA_HOST` is not read. */
  readonly baseUrl?: unknown;
  /** Given: `OPENMETADATA_JWT_TOKEN` is not read. */
  readonly accessToken?: unknown;
  /** Given (a token provider): `OPENMETADATA_JWT_TOKEN` is not read. */
  readonly authToken?: unknown;
}

/**
 * `baseUrl` from `OPENMETADATA_HOST` (else `OPENMETADATA_SERVER_URL`) and `accessToken` from
 * `OPENMETADATA_JWT_TOKEN` (else `OPENMETADATA_API_KEY`), as the Python SDK 2.0 reads them. A value the caller
 * gives in `overrides` is not read, so a missing variable it replaces is no error (as SDK 2.0's `configure`
 * reads the environment only for what it was not given).
 */
export function configFromEnvironment(
  env: Environment,
  overrides: EnvironmentOverrides = {},
): EnvironmentConfig {
  const config: { baseUrl?: string; accessToken?: string } = {};
  const variables: Record<string, string> = {};
  if (overrides.baseUrl === undefined) {
    const host = required(env, ENVIRONMENT_VARIABLES.host, ENVIRONMENT_VARIABLES.hostAlias);
    config.baseUrl = apiBaseUrl(host.value, host.variable);
    variables.baseUrl = host.variable;
  }
  if (overrides.accessToken === undefined && overrides.authToken === undefined) {
    const token = required(env, ENVIRONMENT_VARIABLES.token, ENVIRONMENT_VARIABLES.tokenAlias);
    config.accessToken = token.value;
    variables.accessToken = token.variable;
  }
  return { config, variables };
}

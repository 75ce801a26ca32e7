import { ConfigError, isConfigError, ResponseParseError } from '@meta/errors';
import { type ClientConfig, REST } from '@meta/rest';
import { EntityApi } from './entity-api.js';
import { ENTITY_KINDS, type EntityKind, type EntityKinds } from './entity-kinds.js';
import { configFromEnvironment, defaultEnvironment, type Environment } from './from-env.js';

// A value read from the environment that REST refuses is reported under the variable's name, so the user knows
// which variable to fix (REST's messages never quote the token).
function renameEnvironmentField(
  error: unknown,
  overrides: Partial<OpenMetadataConfig>,
  variables: Readonly<Record<string, string>>,
): unknown {
  if (!isConfigError(error)) return error;
  const variable = Object.hasOwn(variables, error.field) ? variables[error.field] : undefined;
  if (variable === undefined || Object.hasOwn(overrides, error.field)) return error;
  return new ConfigError(`Environment variable ${variable}: ${error.message}`, {
    field: variable,
    issues: error.issues,
    cause: error,
  });
}

/** `ClientConfig` of `@meta/rest` plus the options of this layer. */
export interface OpenMetadataConfig extends ClientConfig {
  /** Check every response against the vendored JSON Schemas (needs `ajv` and `ajv-formats`). @default false */
  readonly validate?: boolean | undefined;
}

/** Options for a client built on a `REST` instance you pass in. */
export interface OpenMetadataOptions {
  /** Check every response against the vendored JSON Schemas (needs `ajv` and `ajv-formats`). @default false */
  readonly validate?: boolean | undefined;
}

/** What `GET /api/v1/system/version` returns. */
export interface ServerVersion {
  /** The release, e.g. `1.6.2`. */
  readonly version: string;
  /** The git revision of the build. */
  readonly revision?: string;
  /** The build time in epoch milliseconds. */
  readonly timestamp?: number;
}

/** The {@link EntityApi} of one entity kind, typed with its entity and create request. */
export type EntityApiOf<K extends EntityKind> = EntityApi<EntityKinds[K]['entity'], EntityKinds[K]['create']>;

/**
 * One {@link EntityApi} per entity kind. Written out property by property (not a mapped type) so each one
 * carries its own documentation in editors and the API reference; the check below keeps it complete.
 */
export interface EntityApis {
  /** `/tables`: `Table` entities, created with `CreateTable`. */
  readonly tables: EntityApiOf<'tables'>;
  /** `/databases`: `Database` entities, created with `CreateDatabase`. */
  readonly databases: EntityApiOf<'databases'>;
  /** `/databaseSchemas`: `DatabaseSchema` entities, created with `CreateDatabaseSchema`. */
  readonly databaseSchemas: EntityApiOf<'databaseSchemas'>;
  /** `/services/databaseServices`: `DatabaseService` entities, created with `CreateDatabaseService`. */
  readonly databaseServices: EntityApiOf<'databaseServices'>;
  /** `/users`: `User` entities, created with `CreateUser`. */
  readonly users: EntityApiOf<'users'>;
  /** `/teams`: `Team` entities, created with `CreateTeam`. */
  readonly teams: EntityApiOf<'teams'>;
  /** `/classifications`: `Classification` entities, created with `CreateClassification`. */
  readonly classifications: EntityApiOf<'classifications'>;
  /** `/tags`: `Tag` entities, created with `CreateTag`. */
  readonly tags: EntityApiOf<'tags'>;
  /** `/glossaries`: `Glossary` entities, created with `CreateGlossary`. */
  readonly glossaries: EntityApiOf<'glossaries'>;
  /** `/glossaryTerms`: `GlossaryTerm` entities, created with `CreateGlossaryTerm`. */
  readonly glossaryTerms: EntityApiOf<'glossaryTerms'>;
  /** `/dashboards`: `Dashboard` entities, created with `CreateDashboard`. */
  readonly dashboards: EntityApiOf<'dashboards'>;
  /** `/pipelines`: `Pipeline` entities, created with `CreatePipeline`. */
  readonly pipelines: EntityApiOf<'pipelines'>;
  /** `/topics`: `Topic` entities, created with `CreateTopic`. */
  readonly topics: EntityApiOf<'topics'>;
}

// Fails to compile when an entity kind is added to EntityKinds but not to EntityApis (or the other way round).
type MissingKinds = Exclude<EntityKind, keyof EntityApis> | Exclude<keyof EntityApis, EntityKind>;
const everyKindHasAnApi: [MissingKinds] extends [never] ? true : MissingKinds = true;
void everyKindHasAnApi;

// The properties are assigned in the constructor from ENTITY_KINDS; the interface merge types them.
// biome-ignore lint/correctness/noUnusedVariables: a merged declaration must repeat the class's type parameters
export interface OpenMetadata<RawData extends boolean = false> extends EntityApis {}

/**
 * The typed OpenMetadata client: one {@link EntityApi} per entity kind (`client.tables`, `client.users`, ...)
 * over a `@meta/rest` `REST` client, plus `health()` and `serverVersion()`.
 *
 * @example
 * ```ts
 * await using client = new OpenMetadata({ baseUrl: 'http://localhost:8585/api', accessToken: jwt });
 * const table = await client.tables.getByName('mysql_prod.shop.public.orders', { fields: ['owners'] });
 * ```
 */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: see the interface above
export class OpenMetadata<RawData extends boolean = false> {
  /**
   * The REST client every call goes through, typed as it was made: a `REST` with `rawData: true` passed in stays
   * `REST<true>` here (this layer's own calls ask for the body per call, so they are unaffected).
   */
  readonly rest: REST<RawData>;
  readonly #ownsRest: boolean;

  /**
   * From a config (a `REST` is created and owned: `close()` closes it) or from a `REST` you made (it is not
   * closed by this client).
   */
  constructor(
    config: (OpenMetadataConfig & { readonly rawData?: RawData | undefined }) | REST<RawData>,
    options: OpenMetadataOptions = {},
  ) {
    if (typeof config !== 'object' || config === null) {
      throw new ConfigError('config must be a ClientConfig object or a REST instance', { field: 'config' });
    }
    if (typeof options !== 'object' || options === null) {
      throw new ConfigError('options must be an object such as { validate: true }', { field: 'options' });
    }
    const { validate: _validate, ...restConfig } = config instanceof REST ? {} : config;
    // Own properties only, like every option of this layer: an inherited `validate` is not the caller's choice.
    const ownValidate = (from: object): unknown =>
      Object.hasOwn(from, 'validate') ? (from as OpenMetadataOptions).validate : undefined;
    const validate = ownValidate(options) ?? (config instanceof REST ? undefined : ownValidate(config));
    // Checked before the REST client (and its transport) exists, so a bad option leaks nothing.
    if (validate !== undefined && typeof validate !== 'boolean') {
      throw new ConfigError('validate must be a boolean', { field: 'validate' });
    }
    this.#ownsRest = !(config instanceof REST);
    this.rest =
      config instanceof REST ? config : new REST<RawData>(restConfig as ClientConfig & { rawData?: RawData });
    // Every entity call passes `rawData: false` per call, so the client's own rawData never reaches them.
    const rest = this.rest as REST;
    for (const [kind, { path, schema }] of Object.entries(ENTITY_KINDS)) {
      const api = new EntityApi({ rest, path, entitySchema: schema, validate: validate ?? false });
      Object.defineProperty(this, kind, { value: api, enumerable: true });
    }
  }

  /**
   * A client for `OPENMETADATA_HOST` with the bot token `OPENMETADATA_JWT_TOKEN` (the Python SDK 2.0 variables;
   * like it, `OPENMETADATA_SERVER_URL` and `OPENMETADATA_API_KEY` are read when those are not set). `env`
   * defaults to `process.env` where there is one; `overrides` are merged last, and a variable they replace
   * (`baseUrl`; `accessToken` or `authToken`) is not read. A missing variable is a `ConfigError` whose `field`
   * names it. A host without `/api` gets `/api` appended.
   *
   * @example const client = OpenMetadata.fromEnv(); // OPENMETADATA_HOST=http://localhost:8585
   */
  static fromEnv<RawData extends boolean = false>(
    env: Environment = defaultEnvironment(),
    overrides: Omit<Partial<OpenMetadataConfig>, 'rawData'> & { readonly rawData?: RawData | undefined } = {},
  ): OpenMetadata<RawData> {
    if (typeof env !== 'object' || env === null) {
      throw new ConfigError('env must be an object of environment variables such as process.env', {
        field: 'env',
      });
    }
    if (typeof overrides !== 'object' || overrides === null) {
      throw new ConfigError('overrides must be an OpenMetadataConfig object', { field: 'overrides' });
    }
    const { config, variables } = configFromEnvironment(env, overrides);
    try {
      return new OpenMetadata<RawData>({ ...config, ...overrides } as OpenMetadataConfig & {
        rawData?: RawData;
      });
    } catch (error) {
      throw renameEnvironmentField(error, overrides, variables);
    }
  }

  /**
   * GET `/system/version`, as the Python SDK's `health_check()` does: `true` when the server answers with a
   * version, `false` when it answers without one. Failures (network, `APIError`) reject as they would anywhere.
   */
  async health(options: { signal?: AbortSignal | undefined } = {}): Promise<boolean> {
    const body = await (this.rest as REST).get<unknown>('/system/version', undefined, {
      ...options,
      rawData: false,
    });
    return typeof (body as Partial<ServerVersion> | null)?.version === 'string';
  }

  /** GET `/system/version`: `{ version, revision, timestamp }`; a body without a version is a `ResponseParseError`. */
  async serverVersion(options: { signal?: AbortSignal | undefined } = {}): Promise<ServerVersion> {
    // `rawData: false` per call: the body whatever the client's own rawData (hence the cast).
    const body = await (this.rest as REST).get<ServerVersion>('/system/version', undefined, {
      ...options,
      rawData: false,
    });
    if (typeof body?.version !== 'string') {
      throw new ResponseParseError({ message: 'GET /system/version: the response has no "version" string' });
    }
    return body;
  }

  /** Close the REST client if this client created it; a REST passed in is left open. */
  close(): Promise<void> {
    return this.#ownsRest ? this.rest.close() : Promise.resolve();
  }

  /** `await using client = new OpenMetadata(...)` closes it at the end of the scope. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }
}

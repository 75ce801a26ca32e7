export { EntityApi, type EntityApiContext, type GetResult, type PatchOperation } from './entity-api.js';
export {
  ENTITY_KINDS,
  type EntityKind,
  type EntityKindRoute,
  type EntityKinds,
  type KindTypes,
} from './entity-kinds.js';
export type {
  CallOptions,
  DeleteOptions,
  EntityField,
  FieldList,
  GetOptions,
  Include,
  ListAllOptions,
  ListOptions,
  WriteOptions,
} from './entity-options.js';
export { build, fqn, quoteName, split, unquoteName } from './fqn.js';
export { apiBaseUrl, ENVIRONMENT_VARIABLES, type Environment } from './from-env.js';
export type * from './generated/entity-types.js';
export type { SchemaRootName } from './generated/schema-bundle.js';
export { DEFAULT_PAGE_SIZE, type EntityList, MAX_PAGE_SIZE } from './list-all.js';
export {
  type EntityApiOf,
  type EntityApis,
  OpenMetadata,
  type OpenMetadataConfig,
  type OpenMetadataOptions,
  type ServerVersion,
} from './open-metadata.js';

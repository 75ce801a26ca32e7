export { LOGIN_PATH } from './auth-handlers.js';
export {
  type CatalogEntity,
  COLLECTION_OF,
  ENTITY_KINDS,
  type EntityKind,
  quoteName,
} from './catalog-entity.js';
export {
  CatalogStore,
  type CatalogStoreOptions,
  type IncludeDeleted,
  MOCK_SERVICE,
  type StoredKind,
} from './catalog-store.js';
export { createMockApi, DEFAULT_MOCK_ORIGIN, type MockApi, type MockApiOptions } from './create-mock-api.js';
export { base64OfText, decodeCursor, encodeCursor } from './cursor.js';
export { ENTITY_KIND_RULES, type EntityKindRules, type ParentRule } from './entity-kinds.js';
export { entityNotFound, errorResponse } from './error-response.js';
export { EXTERNAL_SERVICES, type ExternalServiceKind } from './external-services.js';
export { applyJsonPatch, type JsonPatchOperation } from './json-patch.js';
export type { MockContext } from './mock-context.js';
export { ProducedLog, type ProducedSchemaName, type ProducedValue } from './produced-log.js';
export { seedCatalog } from './seed-catalog.js';
export { SEED_IDS, SEED_NAMES } from './seed-ids.js';
export { MOCK_SERVER_VERSION } from './system-handlers.js';
export {
  type LoginResponse,
  MOCK_CREDENTIALS,
  TokenIssuer,
  type TokenIssuerOptions,
} from './token-issuer.js';
export {
  gatewayTimeout,
  htmlErrorPage,
  redirectTo,
  serviceUnavailable,
  slowResponse,
  tooManyRequests,
} from './trouble-responses.js';
export { type TroubleResponder, type TroubleRule, TroubleScript } from './trouble-script.js';

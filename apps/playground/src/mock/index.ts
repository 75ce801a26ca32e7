export { LOGIN_PATH } from './auth-handlers.js';
export { type CatalogEntity, COLLECTION_OF, type EntityKind } from './catalog-entity.js';
export {
  CatalogStore,
  type CatalogStoreOptions,
  type IncludeDeleted,
  MOCK_SERVICE,
} from './catalog-store.js';
export { createMockApi, DEFAULT_MOCK_ORIGIN, type MockApi, type MockApiOptions } from './create-mock-api.js';
export { decodeCursor, encodeCursor } from './cursor.js';
export { entityNotFound, errorResponse } from './error-response.js';
export { applyJsonPatch, type JsonPatchOperation } from './json-patch.js';
export type { MockContext } from './mock-context.js';
export { ProducedLog, type ProducedSchemaName, type ProducedValue } from './produced-log.js';
export { SEED_IDS, SEED_NAMES, seedCatalog } from './seed-catalog.js';
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

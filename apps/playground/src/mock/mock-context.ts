import type { CatalogStore } from './catalog-store.js';
import type { ProducedLog } from './produced-log.js';
import type { TokenIssuer } from './token-issuer.js';
import type { TroubleScript } from './trouble-script.js';

/** The state every mock handler shares. */
export interface MockContext {
  /** `<origin>/api/v1`: the prefix of every handler's URL. */
  readonly apiBase: string;
  readonly store: CatalogStore;
  readonly tokens: TokenIssuer;
  readonly trouble: TroubleScript;
  readonly produced: ProducedLog;
}

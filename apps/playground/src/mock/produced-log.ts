import type { EntityKind } from './catalog-entity.js';

/**
 * The names of the official OpenMetadata JSON Schemas a mock value is checked against (see
 * `test/mock-matches-openmetadata-schemas.test.ts`).
 */
export type ProducedSchemaName =
  | EntityKind
  | `create${Capitalize<EntityKind>}`
  | 'paging'
  | 'entityHistory'
  | 'restoreEntity'
  | 'systemVersion';

/** One value the mock sent (an entity, a paging object) or accepted (a request body). */
export interface ProducedValue {
  readonly schema: ProducedSchemaName;
  readonly value: unknown;
}

/**
 * Records every entity and paging object the mock answers with and every request body it accepts, so a test can
 * validate all of them against the official schemas and the mock cannot drift from the real API.
 */
export class ProducedLog {
  readonly #values: ProducedValue[] = [];

  /** Keep a copy of `value`, to be validated against the named schema. */
  record(schema: ProducedSchemaName, value: unknown): void {
    this.#values.push({ schema, value: structuredClone(value) });
  }

  /** Everything recorded so far, oldest first. */
  get values(): readonly ProducedValue[] {
    return this.#values;
  }

  /** Forget everything recorded. */
  clear(): void {
    this.#values.length = 0;
  }
}

import { randomUUID } from 'node:crypto';

/** A table as OpenMetadata returns it, trimmed to the fields the scenarios read. */
export interface TableEntity {
  id: string;
  name: string;
  fullyQualifiedName: string;
  description?: string;
  displayName?: string;
  version: number;
  href: string;
  columns: ReadonlyArray<{ name: string; dataType: string }>;
}

/** One page of a list, OpenMetadata's `ResultList` shape. */
export interface TablePage {
  data: TableEntity[];
  paging: { total: number; after?: string };
}

/** The JSON patch operations the API applies: top-level fields only, which is all the scenarios send. */
export interface PatchOperation {
  readonly op: string;
  readonly path: string;
  readonly value?: unknown;
}

const SCHEMA_FQN = 'loopback.shop.public';
const PATCHABLE = new Set(['description', 'displayName']);

/** Thrown by the store for a request the API refuses; the router turns it into an OpenMetadata error body. */
export class ApiRefusal extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
  }
}

/** In-memory tables in insertion order, seeded with five so a page size of two gives three pages. */
export class TableStore {
  readonly #tables = new Map<string, TableEntity>();
  readonly #apiBase: string;

  constructor(apiBase: string, seedNames = ['customers', 'orders', 'payments', 'refunds', 'shipments']) {
    this.#apiBase = apiBase;
    for (const name of seedNames) this.create({ name });
  }

  /** Cursor paging: `after` is the opaque cursor of the previous page. */
  list(limit: number, after: string | null): TablePage {
    const all = [...this.#tables.values()];
    const start = after === null ? 0 : Number(Buffer.from(after, 'base64url').toString('utf8'));
    if (!Number.isInteger(start) || start < 0) throw new ApiRefusal(400, 'Invalid cursor');
    const data = all.slice(start, start + limit);
    const next = start + limit;
    const paging: TablePage['paging'] = { total: all.length };
    if (next < all.length) paging.after = Buffer.from(String(next), 'utf8').toString('base64url');
    return { data, paging };
  }

  byId(id: string): TableEntity {
    const table = this.#tables.get(id);
    if (!table) throw new ApiRefusal(404, `table instance for ${id} not found`);
    return table;
  }

  byName(fullyQualifiedName: string): TableEntity {
    for (const table of this.#tables.values())
      if (table.fullyQualifiedName === fullyQualifiedName) return table;
    throw new ApiRefusal(404, `table instance for ${fullyQualifiedName} not found`);
  }

  create(request: { name?: unknown; description?: unknown }): TableEntity {
    if (typeof request.name !== 'string' || request.name === '') {
      throw new ApiRefusal(400, '[name must not be null]');
    }
    const fullyQualifiedName = `${SCHEMA_FQN}.${request.name}`;
    for (const table of this.#tables.values()) {
      if (table.fullyQualifiedName === fullyQualifiedName) throw new ApiRefusal(409, 'Entity already exists');
    }
    const id = randomUUID();
    const table: TableEntity = {
      id,
      name: request.name,
      fullyQualifiedName,
      version: 0.1,
      href: `${this.#apiBase}/tables/${id}`,
      columns: [{ name: 'id', dataType: 'BIGINT' }],
    };
    if (typeof request.description === 'string') table.description = request.description;
    this.#tables.set(id, table);
    return table;
  }

  patch(id: string, operations: unknown): TableEntity {
    const table = this.byId(id);
    if (!Array.isArray(operations)) throw new ApiRefusal(400, 'A JSON patch is an array of operations');
    for (const operation of operations as PatchOperation[]) {
      const field = operation.path.replace(/^\//, '') as 'description' | 'displayName';
      if (!PATCHABLE.has(field)) throw new ApiRefusal(400, `Cannot patch ${operation.path}`);
      if (operation.op === 'remove') delete table[field];
      else if (operation.op === 'add' || operation.op === 'replace') table[field] = String(operation.value);
      else throw new ApiRefusal(400, `Unsupported patch operation ${operation.op}`);
    }
    table.version = Math.round((table.version + 0.1) * 10) / 10;
    return table;
  }
}

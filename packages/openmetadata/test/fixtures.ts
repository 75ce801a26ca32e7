import { readFileSync } from 'node:fs';
import type { Table } from '../src/index.js';

const EXAMPLES = new URL('../openmetadata-spec/examples/', import.meta.url);

/** An example from openmetadata-spec/examples (valid against its schema, checked by check.mjs). */
export function example<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(readFileSync(new URL(`${name}.json`, EXAMPLES), 'utf8')) as T;
}

/** `count` small, schema-valid tables named `table_0000`... under one schema. */
export function manyTables(count: number): Table[] {
  const base = example<Table>('table');
  return Array.from({ length: count }, (_, index) => {
    const name = `table_${String(index).padStart(4, '0')}`;
    return {
      ...base,
      id: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
      name,
      fullyQualifiedName: `mysql_prod.ecommerce.shop.${name}`,
    };
  });
}

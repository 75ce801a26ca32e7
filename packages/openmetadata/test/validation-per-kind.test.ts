import { readFileSync } from 'node:fs';
import { isResponseParseError } from '@meta/errors';
import { HttpResponse, http } from 'msw';
import { expect, test } from 'vitest';
import type { EntityApi, EntityKind } from '../src/index.js';
import { example } from './fixtures.js';
import { API } from './mock-openmetadata.js';
import { onBothTransports } from './transport-harness.js';

// Every kind, against what a real server sends: the vendored real-shaped example passes `validate: true`, and the
// same entity without any one of its schema's required properties is a ResponseParseError naming it.

const ID = '6f3c1a52-0d1e-4b7a-9c2d-1e2f3a4b5c6d';

const KINDS: [EntityKind, string, string][] = [
  ['tables', 'table', 'entity/data/table'],
  ['databases', 'database', 'entity/data/database'],
  ['databaseSchemas', 'databaseSchema', 'entity/data/databaseSchema'],
  ['databaseServices', 'databaseService', 'entity/services/databaseService'],
  ['users', 'user', 'entity/teams/user'],
  ['teams', 'team', 'entity/teams/team'],
  ['classifications', 'classification', 'entity/classification/classification'],
  ['tags', 'tag', 'entity/classification/tag'],
  ['glossaries', 'glossary', 'entity/data/glossary'],
  ['glossaryTerms', 'glossaryTerm', 'entity/data/glossaryTerm'],
  ['dashboards', 'dashboard', 'entity/data/dashboard'],
  ['pipelines', 'pipeline', 'entity/data/pipeline'],
  ['topics', 'topic', 'entity/data/topic'],
];

function requiredOf(schemaFile: string): string[] {
  const url = new URL(`../openmetadata-spec/schema/${schemaFile}.json`, import.meta.url);
  return (JSON.parse(readFileSync(url, 'utf8')) as { required: string[] }).required;
}

// No databaseSchema example is vendored: one is made from the database example (same base fields) plus the
// `database` reference a schema entity carries.
function realShaped(name: string): Record<string, unknown> {
  if (name !== 'databaseSchema') return example(name);
  const database = example('database');
  const { default: _default, ...rest } = database;
  return {
    ...rest,
    name: 'shop',
    fullyQualifiedName: `${database.fullyQualifiedName as string}.shop`,
    database: { id: database.id, type: 'database', fullyQualifiedName: database.fullyQualifiedName },
  };
}

onBothTransports('Validation per kind', (harness) => {
  test.each(KINDS)(
    '%s: a real-shaped entity and page pass validate: true; one missing any required property fails naming it',
    async (kind, exampleName, schemaFile) => {
      const entity = realShaped(exampleName);
      let answer: unknown = entity;
      const path = kind === 'databaseServices' ? '/services/databaseServices' : `/${kind}`;
      harness().use(
        http.get(`${API}${path}/${ID}`, () => HttpResponse.json(answer as object)),
        http.get(`${API}${path}`, () => HttpResponse.json({ data: [entity], paging: { total: 1 } })),
      );
      // One kind at a time: seen through the common shape every kind's API has.
      const api = harness().client({ validate: true })[kind] as unknown as EntityApi<object, object>;
      await expect(api.getById(ID)).resolves.toEqual(entity);
      await expect(api.list()).resolves.toEqual({ data: [entity], paging: { total: 1 } });
      const required = requiredOf(schemaFile);
      expect(required.length).toBeGreaterThan(1);
      for (const property of required) {
        const { [property]: _dropped, ...without } = entity;
        answer = without;
        const error = await api.getById(ID).catch((caught: unknown) => caught);
        expect(isResponseParseError(error), `${kind} without ${property}`).toBe(true);
        const issues = (error as { issues: { message: string }[] }).issues.map((issue) => issue.message);
        expect(issues.join('\n'), `${kind} without ${property}`).toContain(property);
      }
    },
  );
});

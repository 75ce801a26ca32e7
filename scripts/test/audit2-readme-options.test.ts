import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import {
  defaultLiteral,
  interfaceMembers,
  optionNamesOf,
  tableUnderHeading,
} from '../lib/interface-docs.mjs';
import { workspaceRoot } from '../lib/published-packages.mjs';

// Each README option table against the hand-written interface an editor's hover shows (SPEC 3.1 editor docs):
// the same options, nothing documented that does not exist, and the same default wherever the TSDoc default is a
// literal. A README is read by people who never open the source; a table that drifted from the code misleads them.
const tables = [
  {
    readme: 'packages/rest/README.md',
    heading: 'Config (`ClientConfig`)',
    file: 'packages/rest/src/client-config.ts',
    interfaceName: 'ClientConfig',
    defaultColumn: 2,
    pythonColumn: 1,
  },
  {
    readme: 'packages/rest/README.md',
    heading: 'Per-call options (`RequestOptions`)',
    file: 'packages/rest/src/request-options.ts',
    interfaceName: 'RequestOptions',
    defaultColumn: 1,
  },
  {
    readme: 'packages/transport/README.md',
    heading: '`createFetchTransport(options?)`',
    file: 'packages/transport/src/fetch/fetch-transport-options.ts',
    interfaceName: 'FetchTransportOptions',
    defaultColumn: 1,
  },
  {
    readme: 'packages/transport/README.md',
    heading: '`createUndiciTransport(options?)`',
    file: 'packages/transport/src/undici/undici-transport-options.ts',
    interfaceName: 'UndiciTransportOptions',
    defaultColumn: 2,
  },
];

test('the transport README contract table lists every TransportRequest field, and only those', () => {
  const members = interfaceMembers(
    join(workspaceRoot, 'packages/transport/src/transport.ts'),
    'TransportRequest',
  );
  const rows = tableUnderHeading(read('packages/transport/README.md'), '### The contract');
  expect(rows.flatMap((row) => optionNamesOf(row[0] ?? '')).sort()).toEqual(
    members.map((member) => member.name).sort(),
  );
});

const read = (file: string): string => readFileSync(join(workspaceRoot, file), 'utf8');
const plain = (cell: string): string => cell.replaceAll('`', '').replaceAll('"', '').replaceAll("'", '');

describe.each(tables)('$readme $heading', (table) => {
  const members = interfaceMembers(join(workspaceRoot, table.file), table.interfaceName);
  const rows = tableUnderHeading(read(table.readme), table.heading);
  const documented = rows.flatMap((row) => optionNamesOf(row[0] ?? '').map((name) => ({ name, row })));

  test(`documents every ${table.interfaceName} option, and only those`, () => {
    expect(documented.map((entry) => entry.name).sort()).toEqual(members.map((member) => member.name).sort());
  });

  test('gives the default the code documents', () => {
    const mismatches = members.flatMap((member) => {
      const literal = defaultLiteral(member.defaultText);
      const row = documented.find((entry) => entry.name === member.name)?.row;
      if (literal === undefined || row === undefined) return [];
      const cell = plain(row[table.defaultColumn] ?? '').replaceAll(' ', '');
      return cell.includes(literal)
        ? []
        : [`${member.name}: README says "${row[table.defaultColumn]}", code ${literal}`];
    });
    expect(mismatches).toEqual([]);
  });
});

test('the ClientConfig table names the Python field each TSDoc names', () => {
  const file = join(workspaceRoot, 'packages/rest/src/client-config.ts');
  const source = read('packages/rest/src/client-config.ts');
  const rows = tableUnderHeading(read('packages/rest/README.md'), 'Config (`ClientConfig`)');
  const mismatches = interfaceMembers(file, 'ClientConfig').flatMap(({ name }) => {
    const doc =
      new RegExp(`/\\*\\*((?:(?!\\*/)[\\s\\S])*)\\*/\\s*readonly ${name}\\?*:`).exec(source)?.[1] ?? '';
    const python = /Python: `(\w+)`/.exec(doc)?.[1] ?? '(new)';
    const cell = plain(rows.find((row) => optionNamesOf(row[0] ?? '').includes(name))?.[1] ?? '');
    return cell === python ? [] : [`${name}: README ${cell}, TSDoc ${python}`];
  });
  expect(mismatches).toEqual([]);
});

test('each TSDoc default literal is the value the code applies (CLIENT_DEFAULTS, UNDICI_TRANSPORT_DEFAULTS)', async () => {
  const { CLIENT_DEFAULTS } = await import('../../packages/rest/src/client-config.js');
  const { UNDICI_TRANSPORT_DEFAULTS } = await import(
    '../../packages/transport/src/undici/undici-transport-options.js'
  );
  const pairs = [
    ['packages/rest/src/client-config.ts', 'ClientConfig', CLIENT_DEFAULTS],
    [
      'packages/transport/src/undici/undici-transport-options.ts',
      'UndiciTransportOptions',
      UNDICI_TRANSPORT_DEFAULTS,
    ],
  ] as const;
  const mismatches = pairs.flatMap(([file, interfaceName, defaults]) =>
    Object.entries(defaults).flatMap(([name, value]) => {
      const member = interfaceMembers(join(workspaceRoot, file), interfaceName).find(
        (entry) => entry.name === name,
      );
      const literal = defaultLiteral(member?.defaultText);
      const applied = typeof value === 'string' ? value : JSON.stringify(value);
      return literal === applied ? [] : [`${interfaceName}.${name}: TSDoc ${literal}, applied ${applied}`];
    }),
  );
  expect(mismatches).toEqual([]);
});

test('the playground README lists every command-line flag the parser accepts', () => {
  const source = read('apps/playground/src/parse-arguments.ts');
  const options = /const OPTIONS = \{([\s\S]*?)\n\} as const;/.exec(source)?.[1] ?? '';
  const flags = [...options.matchAll(/^\s+'?([a-z-]+)'?: \{/gm)].map((match) => match[1]);
  const rows = tableUnderHeading(read('apps/playground/README.md'), 'Command line');
  const documented = rows.flatMap((row) =>
    [...(row[0] ?? '').matchAll(/`--([a-z-]+)/g)].map((match) => match[1]),
  );
  expect(flags.length).toBeGreaterThan(3);
  expect(documented.sort()).toEqual(flags.sort());
});

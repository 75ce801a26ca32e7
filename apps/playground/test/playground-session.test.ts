import { afterEach, beforeAll, expect, test } from 'vitest';
import { createMswBridge } from '../src/bridge/index.js';
import { createMockApi, MOCK_CREDENTIALS, type MockApi } from '../src/mock/index.js';
import { formatStep } from '../src/report/format-step.js';
import { createPalette } from '../src/report/palette.js';
import { runPlayground } from '../src/run-playground.js';
import { runSession } from '../src/session/run-session.js';
import {
  allAsExpected,
  type StepRecord,
  type TransportName,
  type TransportRun,
} from '../src/session/session-record.js';
import { SESSION_STEPS } from '../src/session/session-steps.js';
import { loginToMock } from './support/call-mock.js';
import { openMetadataValidators, schemaViolations } from './support/openmetadata-schemas.js';

/** What every step must end with on both transports: final status and/or error class, and attempts made. */
const EXPECTED_OUTCOMES: Record<string, string> = {
  'server-version': '200 ×1',
  'list-databases': '200 ×1',
  'get-database-by-name': '200 ×1',
  'list-tables-first-page': '200 ×1',
  'list-tables-next-page': '200 ×1',
  'list-all-tables': '200 ×1',
  'get-table-by-id': '200 ×1',
  'get-table-by-name': '200 ×1',
  'get-table-validated': '200 ×1',
  'get-missing-table': '404 APIError ×1',
  'get-missing-table-as-undefined': '404 ×1',
  'tour-entity-kinds': '200 ×1',
  'get-topic-with-dot': '200 ×1',
  'create-database': '201 ×1',
  'create-database-conflict': '409 APIError ×1',
  'patch-database': '200 ×1',
  'create-table': '201 ×1',
  'create-table-invalid': '400 APIError ×1',
  'upsert-table': '200 ×1',
  'patch-table': '200 ×1',
  'patch-from-edited-copy': '200 ×1',
  'soft-delete-table': '200 ×1',
  'read-soft-deleted-table': '200 ×1',
  'restore-table': '200 ×1',
  'table-versions': '200 ×1',
  'create-glossary-and-term': '201 ×1',
  'delete-glossary-not-empty': '400 APIError ×1',
  'delete-glossary-recursive': '200 ×1',
  'rate-limited': '200 ×2',
  'flaky-503': '200 ×2',
  'post-not-replayed-on-504': '504 APIError ×1',
  'expired-token': '200 ×1',
  'redirect-refused': '301 APIError ×1',
  'redirect-followed': '200 ×1',
  'slow-endpoint': 'TimeoutError ×4',
  'html-error-page': '502 APIError ×1',
  'schema-mismatch': '200 ResponseParseError ×1',
  'hard-delete-table': '200 ×1',
  'deleted-table-is-gone': '404 APIError ×1',
  'delete-database': '404 ×1',
  'closed-client': 'ClientClosedError ×0',
};

const runs = new Map<TransportName, { run: TransportRun; mock: MockApi }>();

beforeAll(async () => {
  for (const transport of ['fetch', 'undici'] as const) {
    const mock = createMockApi();
    runs.set(transport, { run: await runSession({ transport, target: { kind: 'mock', mock } }), mock });
  }
}, 60_000);

function outcomeOf(step: StepRecord): string {
  return [step.status, step.error?.name, `×${step.attempts}`].filter((part) => part !== undefined).join(' ');
}

function stepOf(transport: TransportName, id: string): StepRecord {
  const step = runs.get(transport)!.run.steps.find((candidate) => candidate.id === id);
  if (!step) throw new Error(`step ${id} did not run on ${transport}`);
  return step;
}

test.each(['fetch', 'undici'] as const)(
  'on %s, every scripted step ends with its expected status, error and attempts',
  (transport) => {
    const { steps } = runs.get(transport)!.run;
    expect(steps.map((step) => step.id)).toEqual(SESSION_STEPS.map((step) => step.id));
    expect(Object.fromEntries(steps.map((step) => [step.id, outcomeOf(step)]))).toEqual(EXPECTED_OUTCOMES);
    expect(steps.flatMap((step) => step.surprises.map((surprise) => `${step.id}: ${surprise}`))).toEqual([]);
  },
);

test.each(['fetch', 'undici'] as const)(
  'on %s, the client chose the scripted delays, refreshed the token and followed the redirect',
  (transport) => {
    const retriesOf = (id: string) =>
      stepOf(transport, id).events.flatMap((event) =>
        event.kind === 'retry' ? [[event.delayMs, event.fromRetryAfter]] : [],
      );
    expect(retriesOf('rate-limited')).toEqual([[1000, true]]);
    expect(retriesOf('flaky-503')).toEqual([[50, false]]);
    expect(retriesOf('slow-endpoint')).toEqual([
      [50, false],
      [100, false],
      [150, false],
    ]);
    expect(retriesOf('post-not-replayed-on-504')).toEqual([]);
    expect(stepOf(transport, 'expired-token').events.map((event) => event.kind)).toEqual([
      'token-refresh',
      'replay',
    ]);
    expect(stepOf(transport, 'redirect-followed').events.map((event) => event.kind)).toContain(
      'redirect-followed',
    );
    expect(stepOf(transport, 'redirect-refused').error?.location).toBe(
      '/api/v1/tables/name/mysql_prod.ecommerce.shop.orders',
    );
    expect(stepOf(transport, 'slow-endpoint').error?.phase).toBe('headers');
    expect(stepOf(transport, 'patch-table').requests[0]?.contentType).toBe('application/json-patch+json');
  },
);

test('every entity, paging object and request body the session made the mocks produce matches the official schemas', () => {
  const validators = openMetadataValidators();
  for (const { mock } of runs.values()) {
    const names = new Set(mock.produced.values.map((produced) => produced.schema));
    expect([...names].sort()).toEqual([
      'classification',
      'createDatabase',
      'createGlossary',
      'createGlossaryTerm',
      'createTable',
      'dashboard',
      'database',
      'databaseService',
      'entityHistory',
      'glossary',
      'glossaryTerm',
      'paging',
      'pipeline',
      'restoreEntity',
      'systemVersion',
      'table',
      'tag',
      'team',
      'topic',
      'user',
    ]);
    const violations = mock.produced.values.flatMap(({ schema, value }) =>
      schemaViolations(validators, schema, value),
    );
    expect(violations).toEqual([]);
  }
});

test.each(['fetch', 'undici'] as const)(
  'on %s, every step shows client code that names each client method the step called',
  (transport) => {
    const { steps } = runs.get(transport)!.run;
    for (const step of steps) {
      expect(step.code.trim(), step.id).not.toBe('');
      expect(step.calls.length, `${step.id} called no client method`).toBeGreaterThan(0);
      for (const call of step.calls) {
        // `om.tables.getByName` must appear as `om.tables.getByName` or, in a loop, as `tables` and `.list(`.
        const [client, ...members] = call.split('.');
        const method = members.at(-1)!;
        const named = step.code.includes(call) || members.every((member) => step.code.includes(member));
        expect(
          named && step.code.includes(`${method}(`) && step.code.includes(client!),
          `${step.id}: ${call}`,
        ).toBe(true);
      }
    }
    const catalogSteps = steps.filter((step) => step.calls.every((call) => call.startsWith('om.')));
    expect(catalogSteps.length).toBeGreaterThanOrEqual(25);
  },
);

test.each(['fetch', 'undici'] as const)(
  'on %s, the session lists, gets, creates, patches and deletes both tables and databases (SPEC 6)',
  (transport) => {
    const called = new Set(runs.get(transport)!.run.steps.flatMap((step) => step.calls));
    for (const kind of ['tables', 'databases']) {
      for (const method of ['list', 'create', 'patch', 'delete']) {
        expect(called.has(`om.${kind}.${method}`), `om.${kind}.${method}`).toBe(true);
      }
      expect(called.has(`om.${kind}.getById`) || called.has(`om.${kind}.getByName`), `om.${kind}.get`).toBe(
        true,
      );
    }
  },
);

test('the narration prints each step’s client code before its request', () => {
  const record = runs.get('fetch')!.run.steps.find((step) => step.id === 'get-table-by-name')!;
  const narration = formatStep(record, { palette: createPalette(false), verbose: false });
  expect(narration).toContain(
    "› const table = await om.tables.getByName('mysql_prod.ecommerce.shop.customers', { fields: ['owners', 'tags'] });",
  );
  expect(narration.indexOf('›')).toBeLessThan(narration.indexOf('GET /api/v1/tables/name/'));
});

test('no token or password appears in any record or narration; auth headers show only their scheme', () => {
  const palette = createPalette(false);
  for (const { run, mock } of runs.values()) {
    const secrets = [...mock.tokens.issuedTokens, Buffer.from(MOCK_CREDENTIALS.password).toString('base64')];
    expect(secrets.length).toBeGreaterThanOrEqual(3);
    const narration = run.steps.map((step) => formatStep(step, { palette, verbose: true })).join('\n');
    const everything = `${JSON.stringify(run)}\n${narration}`;
    for (const secret of secrets) expect(everything).not.toContain(secret);
    expect(narration).toContain('Authorization: Bearer ****');
  }
});

let output = '';
afterEach(() => {
  output = '';
});

test('the command exits 0 with a parseable JSON record when every step is as expected, in plain text', async () => {
  const exitCode = await runPlayground(['--transport', 'undici', '--json'], {
    write: (text) => {
      output += text;
    },
    isTTY: false,
    environment: {},
  });
  expect(exitCode).toBe(0);
  const record = JSON.parse(output) as { ok: boolean; runs: TransportRun[] };
  expect(record.ok).toBe(true);
  expect(record.runs.map((run) => [run.transport, run.steps.length])).toEqual([
    ['undici', SESSION_STEPS.length],
  ]);
  expect(output).not.toContain('\u001b[');
}, 60_000);

test('a step whose expectation is not met is reported as a surprise, which fails the run', async () => {
  const mock = createMockApi();
  const wrong = {
    ...SESSION_STEPS.find((step) => step.id === 'get-missing-table')!,
    expect: { status: 200, attempts: 1 },
  };
  const run = await runSession({
    transport: 'fetch',
    target: { kind: 'mock', mock },
    steps: [SESSION_STEPS[0]!, wrong],
  });
  expect(run.steps[1]!.surprises).toEqual([
    'failed with APIError: Entity with id [00000000-0000-4000-8000-000000000000] not found.',
    'status 404, expected 200',
  ]);
  expect(allAsExpected([run])).toBe(false);
});

test('a bad command line prints the usage and exits 2', async () => {
  const exitCode = await runPlayground(['--transport', 'carrier-pigeon'], {
    write: (text) => {
      output += text;
    },
    environment: {},
  });
  expect(exitCode).toBe(2);
  expect(output).toContain('--transport must be fetch, undici or both');
  expect(output).toContain('Usage:');
});

test('with --base-url and --token only the read-only steps run, against that server, with the token redacted', async () => {
  // The bridge stands in for a real OpenMetadata server: a plain HTTP origin the playground knows nothing about.
  const mock = createMockApi();
  const bridge = await createMswBridge(mock.handlers, { origin: mock.origin });
  try {
    const token = await loginToMock(mock);
    const exitCode = await runPlayground(['--base-url', bridge.url, '--token', token, '--verbose'], {
      write: (text) => {
        output += text;
      },
      environment: {},
    });
    expect(exitCode).toBe(0);
    const readOnly = SESSION_STEPS.filter((step) => step.readOnly).map((step) => step.title);
    for (const title of readOnly) expect(output).toContain(title);
    expect(output).not.toContain('Create a database (POST)');
    expect(output).toContain(`against ${bridge.url}/api`);
    expect(output).not.toContain(token);
  } finally {
    await bridge.close();
  }
}, 60_000);

import { fqn, type Topic } from '@meta/openmetadata';
import type { SessionStep } from './session-step.js';
import { resultOf } from './step-outcome.js';

/** The collections the tour lists, one page of one entity each. */
const TOURED = [
  'databaseServices',
  'users',
  'teams',
  'classifications',
  'tags',
  'glossaries',
  'glossaryTerms',
  'dashboards',
  'pipelines',
  'topics',
] as const;

/** Read steps over the other entity kinds: one call shape for all of them, and FQNs with a dot. */
export const catalogKindSteps: readonly SessionStep[] = [
  {
    id: 'tour-entity-kinds',
    title: 'One page of every other entity kind',
    shows: 'every kind has the same typed calls: `om.users`, `om.glossaryTerms`, `om.databaseServices`, ...',
    code: [`for (const kind of ['${TOURED.join("', '")}'])`, '  await om[kind].list({ limit: 1 });'].join(
      '\n',
    ),
    readOnly: true,
    act: async ({ om }) => {
      const totals: string[] = [];
      for (const kind of TOURED) {
        const page = await om[kind].list({ limit: 1 });
        totals.push(`${kind} ${page.paging.total}`);
      }
      return totals;
    },
    expect: { status: 200, attempts: 1 },
    judge: (outcome, { observer, mock }) => {
      const totals = resultOf<string[]>(outcome) ?? [];
      const requests = observer.trace.requests.length;
      const surprises = requests === TOURED.length ? [] : [`${requests} requests for ${TOURED.length} kinds`];
      if (mock && totals.some((total) => total.endsWith(' 0')))
        surprises.push(`an empty kind: ${totals.join(', ')}`);
      return { summary: totals.join(', '), surprises };
    },
  },
  {
    id: 'get-topic-with-dot',
    title: 'Get a topic whose name has a dot',
    shows: '`fqn.build` quotes a name containing `.`; the client percent-encodes the FQN in the path',
    code: "const topic = await om.topics.getByName(fqn.build('kafka_prod', 'orders.created'));",
    readOnly: false,
    act: ({ om }) => om.topics.getByName(fqn.build('kafka_prod', 'orders.created')),
    expect: { status: 200, attempts: 1 },
    judge: (outcome, { observer }) => {
      const topic = resultOf<Topic>(outcome);
      const path = observer.trace.requests[0]?.path ?? '';
      const surprises = [];
      if (topic?.name !== 'orders.created') surprises.push(`read ${topic?.name}`);
      if (!path.endsWith('/topics/name/kafka_prod.%22orders.created%22')) surprises.push(`path ${path}`);
      return {
        summary: `${topic?.fullyQualifiedName}, ${topic?.partitions} partitions (GET ${path})`,
        surprises,
      };
    },
  },
];

import { catalogReadSteps } from './catalog-read-steps.js';
import { catalogWriteSteps } from './catalog-write-steps.js';
import type { SessionStep } from './session-step.js';
import { troubleSteps } from './trouble-steps.js';

function byId(steps: readonly SessionStep[], id: string): SessionStep {
  const step = steps.find((candidate) => candidate.id === id);
  if (!step) throw new Error(`No session step "${id}"`);
  return step;
}

const all = [...catalogReadSteps, ...catalogWriteSteps, ...troubleSteps];

/**
 * The scripted session, in order: reads and paging, writes and their errors, then trouble, then the hard delete
 * of the table created earlier, and `close()` last. Later steps use what earlier ones found (ids, cursors).
 */
export const SESSION_STEPS: readonly SessionStep[] = [
  ...catalogReadSteps,
  ...catalogWriteSteps.filter((step) => !['hard-delete-table', 'deleted-table-is-gone'].includes(step.id)),
  ...troubleSteps.filter((step) => step.id !== 'closed-client'),
  byId(all, 'hard-delete-table'),
  byId(all, 'deleted-table-is-gone'),
  byId(all, 'closed-client'),
];

import { catalogKindSteps } from './catalog-kind-steps.js';
import { catalogHardDeleteSteps, catalogLifecycleSteps } from './catalog-lifecycle-steps.js';
import { catalogNotFoundSteps } from './catalog-not-found-steps.js';
import { catalogReadSteps } from './catalog-read-steps.js';
import { catalogWriteSteps } from './catalog-write-steps.js';
import type { SessionStep } from './session-step.js';
import { troubleSteps } from './trouble-steps.js';

/**
 * The scripted session, in order: catalog reads and paging on `@meta/openmetadata`, the other entity kinds,
 * writes and their errors, delete/restore/versions, then the REST-level trouble, then the hard delete of the table
 * created earlier, and `close()` last. Later steps use what earlier ones found (ids, cursors).
 */
export const SESSION_STEPS: readonly SessionStep[] = [
  ...catalogReadSteps,
  ...catalogNotFoundSteps,
  ...catalogKindSteps,
  ...catalogWriteSteps,
  ...catalogLifecycleSteps,
  ...troubleSteps.filter((step) => step.id !== 'closed-client'),
  ...catalogHardDeleteSteps,
  ...troubleSteps.filter((step) => step.id === 'closed-client'),
];

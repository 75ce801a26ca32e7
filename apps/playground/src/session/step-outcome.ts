import { isAPIError } from '@meta/errors';
import type { StepJudgement, StepOutcome } from './session-step.js';

/** The value a step's call resolved with, or `undefined` when it failed. */
export function resultOf<Value>(outcome: StepOutcome): Value | undefined {
  return 'value' in outcome ? (outcome.value as Value) : undefined;
}

/** The error a step's call rejected with, or `undefined` when it succeeded. */
export function errorOf(outcome: StepOutcome): unknown {
  return 'error' in outcome ? outcome.error : undefined;
}

/** Check that a step failed with an `APIError` of this code whose message contains `messagePart`. */
export function expectAPIError(outcome: StepOutcome, code: number, messagePart: string): StepJudgement {
  const error = errorOf(outcome);
  if (!isAPIError(error)) return {};
  const surprises = [];
  if (error.code !== code) surprises.push(`code is ${String(error.code)}, not ${code}`);
  if (!error.message.includes(messagePart))
    surprises.push(`message "${error.message}" lacks "${messagePart}"`);
  return { summary: `code ${String(error.code)}: ${error.message}`, surprises };
}

/** Check an entity's version (OpenMetadata moves it on by 0.1 per change). */
export function expectVersion(entity: { version?: number } | undefined, version: number): string[] {
  return entity?.version === version ? [] : [`version ${entity?.version}, not ${version}`];
}

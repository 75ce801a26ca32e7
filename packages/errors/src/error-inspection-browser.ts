/*
 * `#error-inspection` for browsers: their consoles never call `nodejs.util.inspect.custom`, so the summary is not
 * bundled. Typed against the Node module, so the two cannot drift apart.
 */
import type * as ErrorInspectionModule from './error-inspection.js';

/** `name: message`, the error's own (already redacted) text. */
export const inspectError: typeof ErrorInspectionModule.inspectError = (error) =>
  `${error.name}: ${error.message}`;

import { inspect } from 'node:util';
import { describe, expect, test } from 'vitest';
import { ERROR_FACTORIES, FORBIDDEN, TOKEN } from './every-error-class.js';

/** Every way an error is commonly turned into text by loggers, reporters and developers. */
function renderings(error: Error): Record<string, string> {
  return {
    message: error.message,
    'String(error)': String(error),
    stack: error.stack ?? '',
    'JSON.stringify(error)': JSON.stringify(error),
    'util.inspect(error)': inspect(error),
    'util.inspect(error, { depth: Infinity, showHidden: true })': inspect(error, {
      depth: Number.POSITIVE_INFINITY,
      showHidden: true,
    }),
    'util.inspect({ error }) nested in a log record': inspect({ level: 'error', error }, { depth: 10 }),
    'own enumerable properties': JSON.stringify({ ...error }),
  };
}

function leaksIn(text: string): string[] {
  return FORBIDDEN.filter((secret) => text.includes(secret));
}

describe.each(Object.entries(ERROR_FACTORIES))('%s', (_name, create) => {
  test.each(Object.keys(renderings(create())))('never shows a secret it was handed in %s', (rendering) => {
    const text = renderings(create())[rendering]!;
    expect(text.length).toBeGreaterThan(0);
    expect(leaksIn(text)).toEqual([]);
  });

  test('still shows the masks, so the reader can see that something was redacted', () => {
    expect(JSON.stringify(create())).toContain('****');
  });

  test("keeps the caller's cause unchanged while rendering it masked", () => {
    const error = create();
    // The cause is the caller's own object (built without knowing the token); only renderings are redacted.
    expect((error.cause as Error).message).toContain(TOKEN);
    expect(inspect(error)).toContain('"cause"');
    expect(leaksIn(inspect(error))).toEqual([]);
  });
});

import { resolve } from 'node:path';
import { expect, test } from 'vitest';
import { publishedPackages } from '../lib/published-packages.mjs';

// SPEC 9: internals (snippet helpers, redactor tables, timer constants, zod schemas) are not exported. The API
// reports record each surface; this names the kinds SPEC 9 forbids, so a new export of one fails by its kind
// (a zod schema by its shape, whatever its name) rather than only as a report diff someone may accept.
const FORBIDDEN_CONSTANT = /snippet|sensitive|timer|schema|_MS$/i;
// Functions: `timerDelay` (the adapter's cap, SPEC 3.8) is a helper third-party transports need, not a constant.
const FORBIDDEN_FUNCTION = /snippet|schema/i;

const entries = publishedPackages().flatMap((pkg) =>
  pkg.entryPoints.map((entry) => [entry.specifier, resolve(pkg.directory, entry.source)] as const),
);

test.each(entries)(
  '%s exports no zod schema, snippet helper, redactor table or timer constant',
  async (_, file) => {
    const module: Record<string, unknown> = await import(file);
    const zodSchemas = Object.entries(module)
      .filter(
        ([, value]) =>
          typeof value === 'object' && value !== null && ('_zod' in value || 'safeParse' in value),
      )
      .map(([name]) => name);
    expect(zodSchemas).toEqual([]);
    const internal = Object.entries(module).filter(([name, value]) =>
      (typeof value === 'function' ? FORBIDDEN_FUNCTION : FORBIDDEN_CONSTANT).test(name),
    );
    expect(internal.map(([name]) => name)).toEqual([]);
  },
);

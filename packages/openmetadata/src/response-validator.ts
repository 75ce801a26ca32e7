import { ConfigError, type ConfigIssue, ResponseParseError } from '@meta/errors';
import type { SchemaRootName } from './generated/schema-bundle.js';

type Validate = ((data: unknown) => boolean) & {
  errors?:
    | readonly {
        instancePath: string;
        message?: string;
        keyword: string;
        params?: { additionalProperty?: unknown };
      }[]
    | null;
};

// OpenMetadata code-generation and UI hints, and formats ajv-formats does not define (see the spec README).
const OPENMETADATA_KEYWORDS = ['mask', 'outputType'];
const BUNDLE_ID = 'https://open-metadata.org/schema/@meta-openmetadata-bundle.json';

let loading: Promise<(root: SchemaRootName) => Validate> | undefined;

async function importOptional(name: string): Promise<{ default: unknown }> {
  try {
    return (await import(/* @vite-ignore */ name)) as { default: unknown };
  } catch (error) {
    throw new ConfigError(
      `Response validation needs the optional peer dependencies "ajv" and "ajv-formats": install them ` +
        `(npm install ajv ajv-formats) or turn validate off`,
      { field: 'validate', cause: error },
    );
  }
}

/** Build the Ajv instance once, on first use: validation costs nothing for clients that never ask for it. */
async function loadValidators(): Promise<(root: SchemaRootName) => Validate> {
  const [ajvModule, formatsModule, bundleModule] = await Promise.all([
    importOptional('ajv'),
    importOptional('ajv-formats'),
    import('./generated/schema-bundle.js'),
  ]);
  type AjvLike = {
    addKeyword(definition: { keyword: string }): void;
    addFormat(name: string, format: unknown): void;
    addSchema(schema: unknown, key: string): void;
    getSchema(key: string): Validate | undefined;
  };
  const AjvClass = ajvModule.default as new (options: Record<string, unknown>) => AjvLike;
  const ajv = new AjvClass({ strict: false, allErrors: true, validateSchema: false, multipleOfPrecision: 9 });
  (formatsModule.default as (instance: AjvLike) => void)(ajv);
  for (const keyword of OPENMETADATA_KEYWORDS) ajv.addKeyword({ keyword });
  ajv.addFormat('utc-millisec', { type: 'number', validate: (value: number) => Number.isInteger(value) });
  ajv.addFormat('timezone', true);
  ajv.addFormat('queryBuilder', true);
  ajv.addSchema(bundleModule.schemaBundle, BUNDLE_ID);
  const cache = new Map<SchemaRootName, Validate>();
  return (root) => {
    let validate = cache.get(root);
    if (validate === undefined) {
      validate = ajv.getSchema(`${BUNDLE_ID}#/definitions/${root}`)!;
      cache.set(root, validate);
    }
    return validate;
  };
}

/** Where a response came from, for the error message. */
export interface ValidationTarget {
  readonly method: string;
  readonly path: string;
}

/**
 * Check `data` against the vendored schema `root`; a mismatch is a `ResponseParseError` whose `issues` list
 * every problem (JSON pointer path and Ajv's message). Ajv is imported on first use.
 */
export async function validateResponse(root: SchemaRootName, data: unknown, target: ValidationTarget) {
  loading ??= loadValidators();
  let validators: (root: SchemaRootName) => Validate;
  try {
    validators = await loading;
  } catch (error) {
    loading = undefined; // a later install (or a retry) may succeed
    throw error;
  }
  const validate = validators(root);
  if (validate(data)) return;
  const issues: ConfigIssue[] = (validate.errors ?? []).map((error) => ({
    path: error.instancePath.split('/').slice(1),
    // Ajv points at the object, not at the property it refused: name it, or a newer server's field is a riddle.
    message: `${error.instancePath || '(root)'} ${error.message ?? 'is invalid'}${
      typeof error.params?.additionalProperty === 'string' ? ` ("${error.params.additionalProperty}")` : ''
    }`,
    code: error.keyword,
  }));
  throw new ResponseParseError({
    message: `${target.method} ${target.path}: the response does not match the OpenMetadata ${root} schema (${
      issues[0]?.message ?? 'invalid'
    })`,
    issues,
  });
}

import { type Redactor, ResponseParseError } from '@meta/errors';

/*
 * The Standard Schema v1 interface (https://standardschema.dev), copied as its authors recommend instead of
 * depending on a package: zod 4, valibot and arktype implement it, so a per-call `schema` can be any of them.
 */

/** A validator that implements Standard Schema v1 (zod 4, valibot, arktype, ...). */
export interface StandardSchemaV1<Input = unknown, Output = Input> {
  /** The Standard Schema properties. */
  readonly '~standard': StandardSchemaV1.Props<Input, Output>;
}

/** The types of the Standard Schema v1 interface. */
export declare namespace StandardSchemaV1 {
  /** The Standard Schema properties. */
  export interface Props<Input = unknown, Output = Input> {
    /** The version of the interface. */
    readonly version: 1;
    /** The library that made the schema. */
    readonly vendor: string;
    /** Validates an unknown value. */
    readonly validate: (value: unknown) => Result<Output> | Promise<Result<Output>>;
    /** The inferred input and output types. */
    readonly types?: Types<Input, Output> | undefined;
  }

  /** The result of a validation. */
  export type Result<Output> = SuccessResult<Output> | FailureResult;

  /** A successful validation. */
  export interface SuccessResult<Output> {
    /** The typed output value. */
    readonly value: Output;
    /** No issues on success. */
    readonly issues?: undefined;
  }

  /** A failed validation. */
  export interface FailureResult {
    /** The issues found. */
    readonly issues: ReadonlyArray<Issue>;
  }

  /** One validation issue. */
  export interface Issue {
    /** What is wrong. */
    readonly message: string;
    /** Where it is wrong. */
    readonly path?: ReadonlyArray<PropertyKey | PathSegment> | undefined;
  }

  /** A path segment as an object. */
  export interface PathSegment {
    /** The key of this segment. */
    readonly key: PropertyKey;
  }

  /** The input and output types of a schema. */
  export interface Types<Input = unknown, Output = Input> {
    /** The input type. */
    readonly input: Input;
    /** The output type. */
    readonly output: Output;
  }

  /** The input type of a schema. */
  export type InferInput<Schema extends StandardSchemaV1> = NonNullable<
    Schema['~standard']['types']
  >['input'];

  /** The output type of a schema. */
  export type InferOutput<Schema extends StandardSchemaV1> = NonNullable<
    Schema['~standard']['types']
  >['output'];
}

/** True when `value` implements Standard Schema v1. */
export function isStandardSchema(value: unknown): value is StandardSchemaV1 {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return false;
  const props = (value as { '~standard'?: unknown })['~standard'];
  return (
    typeof props === 'object' &&
    props !== null &&
    (props as { version?: unknown }).version === 1 &&
    typeof (props as { validate?: unknown }).validate === 'function'
  );
}

/** Where a response came from, for the error a failed validation becomes. */
export interface ValidatedResponse {
  readonly method: string;
  readonly url: string;
  readonly statusCode: number;
  readonly redactor: Redactor;
}

function issuePath(issue: StandardSchemaV1.Issue): PropertyKey[] {
  if (!Array.isArray(issue.path)) return [];
  return issue.path.map((segment) =>
    typeof segment === 'object' && segment !== null ? (segment as StandardSchemaV1.PathSegment).key : segment,
  );
}

function schemaMismatch(
  issues: readonly StandardSchemaV1.Issue[],
  response: ValidatedResponse,
  vendor: string,
): ResponseParseError {
  const first = issues[0];
  const where = first === undefined ? '' : issuePath(first).map(String).join('.');
  return new ResponseParseError({
    method: response.method,
    url: response.url,
    statusCode: response.statusCode,
    redactor: response.redactor,
    message:
      `the response does not match the ${vendor} schema` +
      (first === undefined ? '' : `: ${where ? `${where}: ` : ''}${String(first.message)}`),
    // Only path, message and code are kept (ResponseParseError drops anything else, the input above all). zod's
    // issues carry their own code (`invalid_type`, ...), kept as SPEC 3.8 asks; a bare Standard Schema issue has none.
    issues: issues.map((issue) => {
      const { code } = issue as { code?: unknown };
      return {
        path: issuePath(issue),
        message: String(issue.message),
        code: typeof code === 'string' ? code : 'schema',
      };
    }),
  });
}

/** A validator's result as it may really come back: either field may be missing or of the wrong type. */
type LooseResult<Output> = Partial<StandardSchemaV1.FailureResult & StandardSchemaV1.SuccessResult<Output>>;

/**
 * Validate a response's data with a Standard Schema v1 validator. Resolves with the schema's output (which may
 * differ from the input: transforms, defaults); a mismatch rejects with `ResponseParseError` carrying `issues`,
 * and so does a validator that throws (the thrown error is the `cause`) or returns something that is not a
 * Standard Schema result: a broken validator is never a bare `TypeError` (SPEC 3.5). A synchronous result stays
 * synchronous in spirit: only an async validator costs an extra tick.
 */
export async function validateWithSchema<Output>(
  schema: StandardSchemaV1<unknown, Output>,
  value: unknown,
  response: ValidatedResponse,
): Promise<Output> {
  // Read inside the try: a Proxy's getter or a symbol vendor may throw too, and is a broken validator like any.
  let vendor = 'unknown';
  let result: unknown;
  let thrown: { error: unknown } | undefined;
  try {
    const props = schema['~standard'];
    vendor = String(props.vendor);
    result = props.validate(value);
    if (result instanceof Promise) result = await result;
  } catch (error) {
    thrown = { error };
  }
  if (thrown === undefined && typeof result === 'object' && result !== null) {
    const { issues, value: output } = result as LooseResult<Output>;
    if (issues === undefined) return output as Output;
    // An entry that is not an issue object still counts as one, with its text as the message.
    if (Array.isArray(issues)) {
      const entries = (issues as unknown[]).map((issue) =>
        typeof issue === 'object' && issue !== null
          ? (issue as StandardSchemaV1.Issue)
          : { message: String(issue) },
      );
      throw schemaMismatch(entries, response, vendor);
    }
  }
  throw new ResponseParseError({
    method: response.method,
    url: response.url,
    statusCode: response.statusCode,
    redactor: response.redactor,
    message: `the ${vendor} schema ${thrown ? 'threw' : 'returned no valid result'} while validating the response`,
    ...(thrown ? { cause: thrown.error } : {}),
  });
}

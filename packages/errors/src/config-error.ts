import { type ConfigIssue, issueSummary, normaliseIssues } from './config-issue.js';
import { hasErrorKind, MetaError, type MetaErrorOptions } from './meta-error.js';

/** Options of {@link ConfigError}. */
export interface ConfigErrorOptions extends MetaErrorOptions {
  /** The dotted config key or argument at fault: `retry`, `extraHeaders.X-Id`, `headers.X-Id`, `path`, `data`. */
  readonly field: string;
  /** The validation issues (zod's, or hand-made). Messages must never contain a header value. */
  readonly issues?: readonly ConfigIssue[] | undefined;
}

/**
 * Bad configuration or bad call arguments, found before anything was sent. `field` names the config key or
 * argument; `issues` carries the validation issues. Header values are never quoted in the message.
 */
export class ConfigError extends MetaError {
  static override readonly kind: string = 'ConfigError';

  declare readonly code: 'ERR_CONFIG';
  /** The dotted config key or argument at fault. */
  readonly field: string;
  /** The validation issues. */
  readonly issues: readonly ConfigIssue[];

  constructor(message: string, options: ConfigErrorOptions) {
    const field = (options as Partial<ConfigErrorOptions> | null | undefined)?.field;
    if (typeof field !== 'string' || field.length === 0) {
      // A ConfigError that names no field would break its own contract; say which argument was missing.
      throw new ConfigError('"field" must be a non-empty string naming the config key or argument', {
        field: 'field',
      });
    }
    super(message, 'ERR_CONFIG', options);
    this.field = field;
    // Without issues, the error is its own single issue, so code reading `issues` never finds an empty list.
    this.issues = normaliseIssues(
      options.issues ?? [{ path: this.field.split('.'), message }],
      this.redactor,
    );
  }

  protected override details(): Record<string, unknown> {
    return {
      field: this.field,
      issues: this.issues.map(issueSummary),
    };
  }
}

/** True when `value` is a {@link ConfigError} from any installed copy of @meta/errors. */
export function isConfigError(value: unknown): value is ConfigError {
  return hasErrorKind(value, 'ConfigError');
}

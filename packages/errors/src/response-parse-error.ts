import { type ConfigIssue, issueSummary, normaliseIssues } from './config-issue.js';
import { safeString } from './header-entries.js';
import { redactedSnippet } from './http-exchange.js';
import { hasErrorKind, MetaError, type MetaErrorOptions } from './meta-error.js';
import { optionalNumber, optionsObject } from './option-checks.js';
import { resolveTarget, withTarget } from './request-target.js';

/** The most body text a {@link ResponseParseError} keeps. */
export const PARSE_SNIPPET_CHARACTERS = 1024;

/** Options of {@link ResponseParseError}. */
export interface ResponseParseErrorOptions extends MetaErrorOptions {
  /** The request method; stored upper case. */
  readonly method?: string | undefined;
  /** The request URL; stored redacted. */
  readonly url?: string | URL | undefined;
  /** The HTTP status of the response that could not be read. */
  readonly statusCode?: number | undefined;
  /** The start of the body, cut to 1024 characters and redacted. */
  readonly snippet?: string | undefined;
  /** Validation issues when a per-call schema rejected the body. */
  readonly issues?: readonly ConfigIssue[] | undefined;
  /** What went wrong: invalid JSON, an unknown content coding, a schema mismatch. */
  readonly message?: string | undefined;
  /** `ERR_HTML_RESPONSE` for an HTML page where data was expected (SPEC 3.5 v2). @default 'ERR_RESPONSE_PARSE' */
  readonly code?: ResponseParseErrorCode | undefined;
}

/** The codes of a {@link ResponseParseError}: `ERR_HTML_RESPONSE` marks an HTML page where data was expected. */
export type ResponseParseErrorCode = 'ERR_RESPONSE_PARSE' | 'ERR_HTML_RESPONSE';

/**
 * A response arrived but its body could not be used: invalid JSON under a JSON content type, an unknown or
 * excessive content coding, or a per-call zod `schema` that rejected the data (`issues` holds zod's issues).
 */
export class ResponseParseError extends MetaError {
  static override readonly kind: string = 'ResponseParseError';

  declare readonly code: ResponseParseErrorCode;
  /** The HTTP status of the response. */
  readonly statusCode: number | undefined;
  /** The start of the body, bounded and redacted. */
  readonly snippet: string | undefined;
  /** Schema validation issues, when a schema rejected the body. */
  readonly issues: readonly ConfigIssue[] | undefined;
  /** The request method, when known. */
  readonly method: string | undefined;
  /** The redacted request URL, when known. */
  readonly url: string | undefined;

  constructor(input?: ResponseParseErrorOptions | null) {
    const options = optionsObject(input, 'options') as ResponseParseErrorOptions;
    optionalNumber(options.statusCode, 'statusCode', { integer: true });
    const target = resolveTarget(options);
    const { redactor } = target;
    const status = options.statusCode === undefined ? '' : ` (HTTP ${options.statusCode})`;
    const reason = options.message ?? 'the response body could not be parsed';
    const code = options.code === 'ERR_HTML_RESPONSE' ? options.code : 'ERR_RESPONSE_PARSE';
    super(withTarget(target, ': ', `${reason}${status}`), code, { ...options, redactor });
    this.statusCode = options.statusCode;
    this.snippet =
      options.snippet === undefined
        ? undefined
        : redactedSnippet(safeString(options.snippet), redactor, PARSE_SNIPPET_CHARACTERS);
    // Only path, message and code are kept: a zod issue may also carry `input`, the offending (secret) data.
    this.issues = options.issues === undefined ? undefined : normaliseIssues(options.issues, redactor);
    this.method = target.method;
    this.url = target.url;
  }

  protected override details(): Record<string, unknown> {
    return {
      statusCode: this.statusCode,
      snippet: this.snippet,
      issues: this.issues?.map(issueSummary),
      method: this.method,
      url: this.url,
    };
  }
}

/** True when `value` is a {@link ResponseParseError} from any installed copy of @meta/errors. */
export function isResponseParseError(value: unknown): value is ResponseParseError {
  return hasErrorKind(value, 'ResponseParseError');
}

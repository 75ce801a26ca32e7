import { safeString } from './header-entries.js';
import type { Redactor } from './redaction.js';

/** One validation problem, shaped like a zod issue (so zod's issues can be passed as they are). */
export interface ConfigIssue {
  /** Where the problem is: config keys or argument positions, outermost first. */
  readonly path: readonly PropertyKey[];
  /** What is wrong. Never quotes a header value. */
  readonly message: string;
  /** zod's issue code (`invalid_type`, `too_small`, ...), when there is one. */
  readonly code?: string | undefined;
}

/**
 * Issues as errors store them: frozen copies holding only `path`, `message` (redacted) and `code`. Anything else
 * a zod issue carries (`input` above all: the rejected value itself) is dropped, since it may be a secret.
 */
export function normaliseIssues(issues: readonly ConfigIssue[], redactor: Redactor): readonly ConfigIssue[] {
  const list = Array.isArray(issues) ? (issues as readonly unknown[]) : [];
  return Object.freeze(
    list.map((raw) => {
      const issue = (typeof raw === 'object' && raw !== null ? raw : {}) as Partial<ConfigIssue>;
      const path = Array.isArray(issue.path) ? issue.path : [];
      return Object.freeze({
        path: Object.freeze([...path]),
        message: redactor.text(safeString(issue.message ?? '')),
        ...(typeof issue.code === 'string' ? { code: issue.code } : {}),
      });
    }),
  );
}

/** An issue as `toJSON()` shows it: path elements as text (symbols cannot be JSON). */
export function issueSummary(issue: ConfigIssue): Record<string, unknown> {
  return { ...issue, path: issue.path.map(pathElement) };
}

function pathElement(element: PropertyKey): string | number {
  return typeof element === 'number' ? element : safeString(element);
}

import { createRedactor, isAPIError, isRetryException, type Redactor } from '@meta/errors';
import type { Logger, RestHooks } from '@meta/rest';
import type { SentRequest, StepEvent } from './session-record.js';

/** What the observer saw during one step. */
export interface StepTrace {
  readonly requests: SentRequest[];
  readonly statuses: number[];
  readonly events: StepEvent[];
  readonly logLines: string[];
  attempts: number;
}

function emptyTrace(): StepTrace {
  return { requests: [], statuses: [], events: [], logLines: [], attempts: 0 };
}

function isRedirect(status: number): boolean {
  return status >= 300 && status < 400;
}

function reasonOf(error: unknown): { reason: string; fromRetryAfter: boolean } {
  if (isRetryException(error)) {
    const status = error.response?.status;
    return {
      reason: status === undefined ? error.message : String(status),
      fromRetryAfter: error.retryAfterMs !== undefined,
    };
  }
  if (isAPIError(error)) {
    // A retryable status surfaces as the APIError itself; `retryAfterMs` is the server's Retry-After.
    const retryAfterMs = (error as { retryAfterMs?: number }).retryAfterMs;
    return { reason: String(error.statusCode ?? error.code), fromRetryAfter: retryAfterMs !== undefined };
  }
  return { reason: error instanceof Error ? error.name : String(error), fromRetryAfter: false };
}

/**
 * Watches a client through its own extension points (hooks, logger, the token provider) and keeps a redacted trace
 * per step: every request as sent, every final status, every retry with the delay the client chose, every token
 * refresh and redirect hop. Several clients may share one observer.
 */
export class StepObserver {
  #redactor: Redactor = createRedactor();
  #trace: StepTrace = emptyTrace();
  #started = false;
  readonly #setupLines: string[] = [];

  /** The redaction policy for everything this observer prints, extended with each issued token. */
  get redactor(): Redactor {
    return this.#redactor;
  }

  /** Treat `secret` (a token, a password) as a value to mask wherever it appears. */
  addSecret(secret: string): void {
    this.#redactor = this.#redactor.extend({ secrets: [secret] });
  }

  /** Start a new step's trace. */
  begin(): void {
    this.#started = true;
    this.#trace = emptyTrace();
  }

  /** What the clients logged before the first step: their construction-time warnings. */
  get setupLines(): readonly string[] {
    return this.#setupLines;
  }

  #log(message: string): void {
    (this.#started ? this.#trace.logLines : this.#setupLines).push(this.#redactor.text(message));
  }

  /** The current step's trace. */
  get trace(): StepTrace {
    return this.#trace;
  }

  /** Called by the token provider each time the client asks it for a token. */
  tokenRefreshed(): void {
    const forced = this.#trace.statuses.at(-1) === 401;
    this.#trace.events.push({
      kind: 'token-refresh',
      reason: forced ? 'the server answered 401' : 'no live token yet',
    });
  }

  /** Path and query of a URL, redacted; the origin adds nothing to a narration about one server. */
  pathOf(url: string): string {
    const redacted = this.#redactor.url(url);
    try {
      const parsed = new URL(redacted);
      return `${parsed.pathname}${parsed.search}`;
    } catch {
      return redacted;
    }
  }

  /** The hooks to give every client of the session. */
  readonly hooks: RestHooks = {
    beforeRequest: (request, context) => {
      const trace = this.#trace;
      const previous = trace.requests.at(-1);
      const path = this.pathOf(request.url);
      const lastStatus = trace.statuses.at(-1) ?? 0;
      // Same attempt again right after a 3xx is a redirect hop, after a 401 the one replay with a new token;
      // anything else is the next call of a step that makes several (listAll pages, patchFrom's read).
      if (
        previous &&
        previous.attempt === context.attempt &&
        previous.path !== path &&
        isRedirect(lastStatus)
      ) {
        trace.events.push({ kind: 'redirect-followed', attempt: context.attempt, to: path });
      } else if (previous && previous.attempt === context.attempt && lastStatus === 401) {
        trace.events.push({ kind: 'replay', attempt: context.attempt, afterStatus: lastStatus });
      }
      const authorization = Object.entries(request.headers).find(
        ([name]) => name.toLowerCase() === 'authorization',
      );
      const contentType = Object.entries(request.headers).find(
        ([name]) => name.toLowerCase() === 'content-type',
      );
      trace.requests.push({
        attempt: context.attempt,
        method: request.method,
        path,
        ...(authorization
          ? { authorization: this.#redactor.headerValue('Authorization', authorization[1]) }
          : {}),
        ...(contentType ? { contentType: contentType[1] } : {}),
      });
      trace.attempts = Math.max(trace.attempts, context.attempt);
    },
    afterResponse: (response, request, context) => {
      const trace = this.#trace;
      const previous = trace.requests.at(-1);
      const path = request === undefined ? undefined : this.pathOf(request.url);
      // Hooks that see only the final response of a redirected call: the hop shows as a changed URL.
      if (previous && path !== undefined && previous.attempt === context?.attempt && previous.path !== path) {
        trace.events.push({ kind: 'redirect-followed', attempt: context.attempt, to: path });
      }
      trace.statuses.push(response.status);
    },
    beforeRetry: (context) => {
      this.#trace.events.push({
        kind: 'retry',
        attempt: context.attempt,
        delayMs: context.delayMs,
        ...reasonOf(context.error),
      });
    },
  };

  /** A console-shaped logger that keeps the client's lines with the step they belong to. */
  readonly logger: Logger = {
    debug: (message: string) => this.#log(message),
    warn: (message: string) => this.#log(message),
  };
}

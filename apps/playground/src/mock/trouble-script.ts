/**
 * What a scripted rule answers: a Response, or `undefined` to let the normal handlers answer (after a delay, say).
 * The signal aborts when the mock closes or the client goes away.
 */
export type TroubleResponder = (request: Request, signal: AbortSignal) => Promise<Response | undefined>;

/** One armed rule: the next `times` requests with this method and path get the responder's answer. */
export interface TroubleRule {
  readonly method: string;
  /** The URL path, e.g. `/api/v1/tables`; compared exactly, the query ignored. */
  readonly path: string;
  /** How many matching requests the rule answers before it disarms. */
  remaining: number;
  readonly respond: TroubleResponder;
}

/**
 * Scripted trouble for the mock: a test (or a session step) arms a rule, the next matching requests get the
 * trouble, and after that the normal handlers answer again. Rules match in the order they were armed.
 *
 * @example
 * ```ts
 * mock.trouble.arm('GET', '/api/v1/tables', serviceUnavailable(), { times: 1 });
 * ```
 */
export class TroubleScript {
  readonly #rules: TroubleRule[] = [];
  #closing = new AbortController();

  /** Arm a rule; `times` defaults to 1. */
  arm(method: string, path: string, respond: TroubleResponder, options: { times?: number } = {}): void {
    this.#rules.push({ method: method.toUpperCase(), path, remaining: options.times ?? 1, respond });
  }

  /** The answer of the first armed rule matching this request, or `undefined` to fall through. */
  async answer(request: Request): Promise<Response | undefined> {
    const path = new URL(request.url).pathname;
    const rule = this.#rules.find(
      (candidate) => candidate.method === request.method && candidate.path === path,
    );
    if (!rule) return undefined;
    rule.remaining -= 1;
    if (rule.remaining <= 0) this.#rules.splice(this.#rules.indexOf(rule), 1);
    return rule.respond(request, AbortSignal.any([this.#closing.signal, request.signal]));
  }

  /** How many rules are still armed (a finished step should leave none behind). */
  get armedCount(): number {
    return this.#rules.length;
  }

  /** Disarm every rule and release every responder still waiting (slow responses end at once). */
  reset(): void {
    this.#rules.length = 0;
    this.#closing.abort(new Error('The mock API was reset'));
    this.#closing = new AbortController();
  }
}

/**
 * Records which client methods a step calls (`om.tables.getByName`, `client.get`), by handing the step proxies of
 * the session's clients. The record lets a test check that each step's printed `code` names what the step really
 * calls, so the code shown to a reader cannot drift from the code that ran.
 */
export class CallRecorder {
  #calls: string[] = [];

  /** Start a new step: forget the calls of the previous one. */
  begin(): void {
    this.#calls = [];
  }

  /** The methods called since {@link begin}, in order (`om.tables.list`, ...). */
  get calls(): readonly string[] {
    return this.#calls;
  }

  /**
   * A proxy of `target` that records every method call as `<name>.<method>`, and wraps nested objects
   * (`om.tables`) the same way. Methods run on the real object, so private fields keep working. The proxy's own
   * target is an empty stand-in: a proxy of the client itself could not hand out wrapped versions of its
   * read-only properties (`om.tables`), which JavaScript's proxy invariants forbid.
   */
  wrap<Target extends object>(object: Target, name: string): Target {
    return new Proxy({} as Target, {
      get: (_standIn, property) => {
        const value: unknown = Reflect.get(object, property, object);
        if (typeof property !== 'string') return value;
        const path = `${name}.${property}`;
        if (typeof value === 'function') {
          return (...args: unknown[]) => {
            this.#calls.push(path);
            return (value as (...parameters: unknown[]) => unknown).apply(object, args);
          };
        }
        return typeof value === 'object' && value !== null ? this.wrap(value, path) : value;
      },
    });
  }
}

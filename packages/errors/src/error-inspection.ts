/*
 * What Node's `util.inspect` shows for a `@meta` error. Imported as `#error-inspection`: a bundler targeting
 * browsers resolves that to error-inspection-browser.ts instead, because a browser's console never calls
 * `nodejs.util.inspect.custom`. Everywhere else (Node, Deno, Bun, edge runtimes, a bundle for Node) this module is
 * used.
 */

/** The stack (or `name: message`), then the fields of `toJSON()` other than name and message, as JSON. */
export function inspectError(error: Error & { toJSON(): Record<string, unknown> }): string {
  const { name: _name, message: _message, ...rest } = error.toJSON();
  let fields = '';
  try {
    fields = Object.keys(rest).length > 0 ? ` ${JSON.stringify(rest, null, 2)}` : '';
  } catch {
    // A hand-built body holding a BigInt cannot be shown as JSON; the stack and message still are.
  }
  return `${error.stack ?? `${error.name}: ${error.message}`}${fields}`;
}

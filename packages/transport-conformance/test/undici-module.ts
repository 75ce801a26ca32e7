import type { UndiciModule } from '@meta/transport/undici';

/**
 * The undici the tests run against: `META_UNDICI=8` loads the `undici8` alias (undici 8, Node 22+), anything else
 * the installed undici 7. The transport is handed the module, so the owned-dispatcher paths run on both.
 */
export const undiciMajor = process.env.META_UNDICI === '8' ? 8 : 7;

type FullModule = UndiciModule & {
  fetch: (input: string, init: object) => Promise<Response>;
  Agent: new (
    options?: object,
  ) => UndiciModule['Agent'] extends new (...args: never[]) => infer T ? T : never;
  getGlobalDispatcher(): unknown;
};

// Importing npm undici installs its own Agent as the process-wide dispatcher when none is set yet, and Node's
// bundled fetch then uses it: on Node 20 (bundled undici 6 + npm undici 7) a close-delimited compressed body
// crashes the process with `assert(!this.paused)` (issue 18.1). Reading a lazy fetch global (`Headers`) loads
// Node's bundled undici first, which fills the slot with the platform's own Agent, so npm undici leaves it alone
// and the "global fetch" suite runs against the platform's dispatcher, as an application's fetch would. (Writing
// the slot back to `undefined` afterwards does not work: Node's fetch then fails `assert(dispatcher)`.)
void globalThis.Headers;

export const undici: FullModule = (undiciMajor === 8
  ? await import('undici8')
  : await import('undici')) as unknown as FullModule;

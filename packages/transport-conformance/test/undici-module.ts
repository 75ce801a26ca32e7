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

export const undici: FullModule = (undiciMajor === 8
  ? await import('undici8')
  : await import('undici')) as unknown as FullModule;

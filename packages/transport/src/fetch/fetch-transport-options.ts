/** The fetch function shape the transport calls (the standard global `fetch`). */
export type FetchFunction = (input: string, init: RequestInit) => Promise<Response>;

/** Options of {@link createFetchTransport}. */
export interface FetchTransportOptions {
  /**
   * The fetch to call. When omitted, `globalThis.fetch` is looked up on every request (not once), so MSW's
   * `setupServer`, test doubles and polyfills installed later still intercept it.
   * @default globalThis.fetch, looked up at call time
   */
  readonly fetch?: FetchFunction | undefined;
}

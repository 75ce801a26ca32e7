/** What one driver measured for one route and concurrency in one round. */
export interface CellSample {
  /** Logical requests completed (a rate-limited request counts once, though it made two exchanges). */
  readonly requests: number;
  /** Requests that rejected; a cell with errors is flagged in the report. */
  readonly errors: number;
  /** The first error's message, to explain a flagged cell. */
  readonly firstError?: string | undefined;
  readonly elapsedMs: number;
  /** Client user + system CPU over the window, from `process.cpuUsage()`. */
  readonly cpuMicroseconds: number;
  readonly requestsPerSecond: number;
  readonly cpuPerRequestUs: number;
  readonly p50Us: number;
  readonly p99Us: number;
  /**
   * The measured window on the monotonic clock V8's CPU profiles use (`process.hrtime`, microseconds), so a
   * profile can be cut to the window.
   */
  readonly windowStartUs?: number;
  readonly windowEndUs?: number;
}

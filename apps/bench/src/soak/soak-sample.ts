/** Memory after `requests` completed requests (after a forced GC when `--expose-gc` is on). */
export interface MemorySample {
  readonly requests: number;
  readonly rssBytes: number;
  readonly heapUsedBytes: number;
  readonly elapsedMs: number;
}

/** What a soak process reports. */
export interface SoakResult {
  readonly driverId: string;
  readonly requests: number;
  readonly errors: number;
  readonly firstError?: string | undefined;
  readonly concurrency: number;
  readonly samples: readonly MemorySample[];
  /** Active resources by type, from `process.getActiveResourcesInfo()`. */
  readonly handles: {
    readonly baseline: Record<string, number>;
    readonly endOfLoad: Record<string, number>;
    readonly afterClose: Record<string, number>;
  };
}

/** Count `process.getActiveResourcesInfo()` entries by type. */
export function activeResources(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const type of process.getActiveResourcesInfo()) counts[type] = (counts[type] ?? 0) + 1;
  return counts;
}

/** Memory after `requests` completed requests (after a forced GC when `--expose-gc` is on). */
export interface MemorySample {
  readonly requests: number;
  readonly rssBytes: number;
  readonly heapUsedBytes: number;
  /** V8's committed heap: what the heap holds from the OS, used or not. */
  readonly heapTotalBytes: number;
  /** Of which the young generation (`new_space`): V8 grows its semi-spaces under allocation pressure. */
  readonly newSpaceBytes: number;
  /** Memory outside the JS heap that V8 knows about (Buffers' backing stores and other ArrayBuffers). */
  readonly externalBytes: number;
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

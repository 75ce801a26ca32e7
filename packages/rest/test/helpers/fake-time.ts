/**
 * A fake clock and sleep for backoff tests: `sleep` records the delay, advances the clock by it and resolves at
 * once, so no test ever really waits and every delay is asserted exactly.
 */
export interface FakeTime {
  now: number;
  readonly sleeps: number[];
  readonly clock: () => number;
  readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>;
}

export function createFakeTime(startMs = Date.UTC(2026, 10, 24, 12, 0, 0)): FakeTime {
  const time: FakeTime = {
    now: startMs,
    sleeps: [],
    clock: () => time.now,
    sleep: async (ms) => {
      time.sleeps.push(ms);
      time.now += ms;
    },
  };
  return time;
}

/** A sleep that never resolves on its own (only the client's abort/close can end the wait). */
export function createStuckSleep(): {
  started: number[];
  sleep: (ms: number, signal: AbortSignal) => Promise<void>;
} {
  const started: number[] = [];
  return {
    started,
    sleep: (ms) => {
      started.push(ms);
      return new Promise<void>(() => {});
    },
  };
}

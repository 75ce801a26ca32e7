/** Collects request latencies (microseconds) in a growable typed array: no per-sample allocation. */
export class LatencyRecorder {
  #samples = new Float64Array(16_384);
  #count = 0;

  /** Number of samples recorded. */
  get count(): number {
    return this.#count;
  }

  record(microseconds: number): void {
    if (this.#count === this.#samples.length) {
      const grown = new Float64Array(this.#samples.length * 2);
      grown.set(this.#samples);
      this.#samples = grown;
    }
    this.#samples[this.#count] = microseconds;
    this.#count += 1;
  }

  /** Nearest-rank percentiles (e.g. `[0.5, 0.99]`), or NaN when nothing was recorded. */
  percentiles(ranks: readonly number[]): number[] {
    const sorted = this.#samples.slice(0, this.#count).sort();
    return ranks.map((rank) => {
      if (sorted.length === 0) return Number.NaN;
      const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(rank * sorted.length) - 1));
      return sorted[index] ?? Number.NaN;
    });
  }
}

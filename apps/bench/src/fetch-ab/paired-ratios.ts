/** The `q` quantile (0..1) of `values`, linearly interpolated; NaN for none. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((left, right) => left - right);
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below]! + (sorted[above]! - sorted[below]!) * (position - below);
}

/** What one variant cost over the rounds, against the anchor measured in the same rounds. */
export interface VariantSummary {
  readonly id: string;
  readonly label: string;
  /** Median CPU microseconds per request over the rounds. */
  readonly cpuPerRequest: number;
  /** Median of the per-round ratios to the anchor's CPU per request. */
  readonly ratio: number;
  /** The middle half of those ratios (25th to 75th percentile). */
  readonly ratioLow: number;
  readonly ratioHigh: number;
}

/**
 * Summarise per-round CPU per request (`byVariant[id][round]`) as medians of paired ratios to `anchorId`: each
 * round's ratio cancels what the machine did to that round as a whole.
 */
export function summarise(
  byVariant: ReadonlyMap<string, readonly number[]>,
  labels: ReadonlyMap<string, string>,
  anchorId: string,
): VariantSummary[] {
  const anchor = byVariant.get(anchorId) ?? [];
  return [...byVariant].map(([id, perRound]) => {
    const ratios = perRound.map((value, round) => value / anchor[round]!);
    return {
      id,
      label: labels.get(id) ?? id,
      cpuPerRequest: quantile(perRound, 0.5),
      ratio: quantile(ratios, 0.5),
      ratioLow: quantile(ratios, 0.25),
      ratioHigh: quantile(ratios, 0.75),
    };
  });
}

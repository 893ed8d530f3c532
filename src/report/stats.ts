/**
 * The numbers of the tuning report, kept free of I/O so each can be checked with exact values.
 */

/**
 * The p-th percentile (0 < p ≤ 100) of ascending values by nearest rank: the smallest value with at
 * least p% of the values at or below it. Always one of the values, so "p95 tokens" is the size of
 * an answer that was really sent.
 */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new RangeError('percentile of no values');
  if (!(p > 0 && p <= 100)) throw new RangeError(`percentile must be in (0, 100], not ${p}`);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.max(rank, 1) - 1]!;
}

/** A straight line y ≈ intercept + slope × x. */
export interface Line {
  readonly intercept: number;
  readonly slope: number;
}

/**
 * The least-squares line through the points; undefined when their x values are all the same (the
 * slope is then unknowable).
 */
export function leastSquares(points: readonly { readonly x: number; readonly y: number }[]): Line | undefined {
  const n = points.length;
  if (n === 0) return undefined;
  let sx = 0;
  let sy = 0;
  for (const p of points) {
    sx += p.x;
    sy += p.y;
  }
  const mx = sx / n;
  const my = sy / n;
  let sxx = 0;
  let sxy = 0;
  for (const p of points) {
    sxx += (p.x - mx) * (p.x - mx);
    sxy += (p.x - mx) * (p.y - my);
  }
  if (sxx === 0) return undefined;
  const slope = sxy / sxx;
  return { intercept: my - slope * mx, slope };
}

import { describe, expect, it } from 'vitest';
import { leastSquares, percentile } from '../../src/report/stats.js';
import { fitPageSizeModel, MIN_LISTINGS, predictP95, recommendPageSize, type Listing, type PageSizeArgument } from '../../src/report/recommend.js';
import { pageSizeArguments } from '../../src/report/page-size-arguments.js';
import { allTools } from '../../src/mcp/tools/index.js';

describe('percentile (nearest rank)', () => {
  const ten = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  it('is the smallest value with at least p% of the values at or below it', () => {
    expect(percentile(ten, 50)).toBe(5);
    expect(percentile(ten, 95)).toBe(10);
    expect(percentile(ten, 90)).toBe(9);
    expect(percentile(ten, 91)).toBe(10);
    expect(percentile(ten, 10)).toBe(1);
    expect(percentile(ten, 100)).toBe(10);
    expect(percentile([120, 130, 400, 4000], 50)).toBe(130);
    expect(percentile([120, 130, 400, 4000], 95)).toBe(4000);
  });
  it('of one value is that value', () => {
    expect(percentile([42], 1)).toBe(42);
    expect(percentile([42], 95)).toBe(42);
  });
  it('refuses no values and a p outside (0, 100]', () => {
    expect(() => percentile([], 50)).toThrow('percentile of no values');
    expect(() => percentile([1], 0)).toThrow(RangeError);
    expect(() => percentile([1], 101)).toThrow(RangeError);
  });
});

describe('leastSquares', () => {
  it('passes through points on a line', () => {
    expect(leastSquares([{ x: 0, y: 10 }, { x: 1, y: 12 }, { x: 2, y: 14 }])).toEqual({ intercept: 10, slope: 2 });
  });
  it('minimises the squared distances of scattered points', () => {
    // mean x 2.5, mean y 3.5; Sxx 5, Sxy 4: slope 0.8, intercept 3.5 - 0.8 × 2.5 = 1.5
    expect(leastSquares([{ x: 1, y: 2 }, { x: 2, y: 3 }, { x: 3, y: 5 }, { x: 4, y: 4 }])).toEqual({ intercept: 1.5, slope: 0.8 });
  });
  it('cannot say a slope when every x is the same, or with no points', () => {
    expect(leastSquares([{ x: 20, y: 900 }, { x: 20, y: 950 }])).toBeUndefined();
    expect(leastSquares([])).toBeUndefined();
  });
});

/** Two answers per item count from 1 to 10: 100 + 50 × items, one 30 tokens above, one 30 below. */
function pairs(pageSize: number | null = 10, itemsScale = 1): Listing[] {
  return Array.from({ length: 10 }, (_, i) => i + 1).flatMap((n) => [
    { items: n * itemsScale, tokens: 100 + 50 * n * itemsScale + 30, pageSize },
    { items: n * itemsScale, tokens: 100 + 50 * n * itemsScale - 30, pageSize },
  ]);
}
const limit: PageSizeArgument = { name: 'limit', defaultSize: 20, min: 1, max: 100 };

describe('fitPageSizeModel', () => {
  it('fits fixed + per item × items and keeps the p95 of the answers above the line', () => {
    const model = fitPageSizeModel(pairs())!;
    expect(model.listings).toBe(20);
    expect(model.fixed).toBeCloseTo(100, 9);
    expect(model.perItem).toBeCloseTo(50, 9);
    expect(model.residualP95).toBeCloseTo(30, 9);
    expect(model.itemsPerUnit).toBe(1);
    expect(predictP95(model, 20)).toBe(1130);
  });
  it('sees a page-size unit that lists several items (a per-section limit)', () => {
    // page size 5, up to 30 items: 6 items per unit of page size
    const model = fitPageSizeModel(pairs(5, 3))!;
    expect(model.itemsPerUnit).toBe(6);
    expect(predictP95(model, 5)).toBe(100 + 50 * 6 * 5 + 30);
  });
  it(`needs ${MIN_LISTINGS} listings with at least two different item counts`, () => {
    expect(fitPageSizeModel(pairs().slice(0, MIN_LISTINGS - 1))).toBeUndefined();
    expect(fitPageSizeModel(Array.from({ length: 30 }, () => ({ items: 20, tokens: 900, pageSize: 20 })))).toBeUndefined();
  });
});

describe('recommendPageSize', () => {
  it('is the largest page size whose full page is predicted within the budget', () => {
    // 100 + 50 n + 30 ≤ 4000  ⇔  n ≤ 77.4
    expect(recommendPageSize(pairs(), limit, 4000)).toMatchObject({ kind: 'fits', pageSize: 77, predictedP95: 3980, predictedP95AtDefault: 1130, limitedBy: 'budget' });
    // exactly on the budget fits: 100 + 50 × 77 + 30 = 3980
    expect(recommendPageSize(pairs(), limit, 3980)).toMatchObject({ kind: 'fits', pageSize: 77, predictedP95: 3980 });
    expect(recommendPageSize(pairs(), limit, 3979)).toMatchObject({ kind: 'fits', pageSize: 76, predictedP95: 3930 });
  });
  it("stops at the argument's maximum, and says so", () => {
    expect(recommendPageSize(pairs(), { ...limit, max: 50 }, 4000)).toMatchObject({ kind: 'fits', pageSize: 50, predictedP95: 2630, limitedBy: 'maximum' });
  });
  it('says when not even the smallest page fits (a page of at least 1, even where 0 is allowed)', () => {
    expect(recommendPageSize(pairs(), { ...limit, min: 0 }, 150)).toEqual(
      expect.objectContaining({ kind: 'none-fits', predictedP95AtMin: 180, predictedP95AtDefault: 1130 }),
    );
  });
  it('with a per-item cost the fit finds falling, pages cost their fixed part only', () => {
    // tokens = 2000 - 10 × items exactly: fixed 2000, per item -10 → 0, nothing above the line
    const falling = pairs().map((l) => ({ ...l, tokens: 2000 - 10 * l.items }));
    expect(recommendPageSize(falling, limit, 4000)).toMatchObject({ kind: 'fits', pageSize: 100, limitedBy: 'maximum', predictedP95: 2000 });
    expect(recommendPageSize(falling, limit, 1999)).toMatchObject({ kind: 'none-fits', predictedP95AtMin: 2000 });
  });
  it('says "not enough data" with what it had', () => {
    expect(recommendPageSize(pairs().slice(0, 4), limit, 4000)).toEqual({ kind: 'not-enough-data', listings: 4, distinctItemCounts: 2 });
  });
});

describe('pageSizeArguments', () => {
  it("reads each tool's page-size argument, default and bounds from its definition", () => {
    expect(Object.fromEntries(pageSizeArguments(allTools))).toEqual({
      find_issues: { name: 'limit', defaultSize: 20, min: 1, max: 50 },
      get_issue_digest: { name: 'comments_limit', defaultSize: 25, min: 0, max: 100 },
      check_pr_readiness: { name: 'files_limit', defaultSize: 20, min: 0, max: 100 },
      get_ci_failures: { name: 'limit', defaultSize: 3, min: 1, max: 3 },
      list_my_work: { name: 'limit', defaultSize: 10, min: 1, max: 50 },
    });
  });
});

import { leastSquares, percentile } from './stats.js';

/** One listing answer of a tool: how many items it listed, what it cost, the page size it asked for. */
export interface Listing {
  readonly items: number;
  readonly tokens: number;
  readonly pageSize: number | null;
}

/** A tool's page-size argument, as its definition declares it. */
export interface PageSizeArgument {
  readonly name: string;
  readonly defaultSize: number;
  readonly min: number;
  readonly max: number;
}

/** Fewer listing answers than this, and the report says "not enough data" instead of a page size. */
export const MIN_LISTINGS = 10;

/**
 * What a tool's listings cost: tokens ≈ fixed + perItem × items (least squares), plus the 95th
 * percentile of how far answers landed above that line (`residualP95`, at least 0). `itemsPerUnit`
 * is how many items one unit of page size lists at most (1 for a plain `limit`; list_my_work's
 * per-section limit lists up to one page per section): the most seen, at least 1.
 */
export interface PageSizeModel {
  readonly listings: number;
  readonly fixed: number;
  readonly perItem: number;
  readonly residualP95: number;
  readonly itemsPerUnit: number;
}

export type Recommendation =
  | { readonly kind: 'not-enough-data'; readonly listings: number; readonly distinctItemCounts: number }
  | {
      readonly kind: 'fits';
      readonly model: PageSizeModel;
      /** The largest page size whose full page is predicted within the budget at p95. */
      readonly pageSize: number;
      readonly predictedP95: number;
      readonly predictedP95AtDefault: number;
      /** `maximum`: the argument's own maximum stopped it before the budget did. */
      readonly limitedBy: 'budget' | 'maximum';
    }
  | {
      readonly kind: 'none-fits';
      readonly model: PageSizeModel;
      /** Predicted p95 of a full page at the smallest page size (the argument's minimum, at least 1): already over the budget. */
      readonly predictedP95AtMin: number;
      readonly predictedP95AtDefault: number;
    };

/** Predicted p95 tokens of a full page of `pageSize`, in whole tokens (a negative per-item cost counts as 0). */
export function predictP95(model: PageSizeModel, pageSize: number): number {
  return Math.round(model.fixed + Math.max(0, model.perItem) * model.itemsPerUnit * pageSize + model.residualP95);
}

/** Fits tokens ≈ fixed + perItem × items over a tool's successful listings; undefined when they cannot say. */
export function fitPageSizeModel(listings: readonly Listing[]): PageSizeModel | undefined {
  if (listings.length < MIN_LISTINGS) return undefined;
  const line = leastSquares(listings.map((l) => ({ x: l.items, y: l.tokens })));
  if (!line) return undefined;
  const residuals = listings.map((l) => l.tokens - (line.intercept + line.slope * l.items)).sort((a, b) => a - b);
  let itemsPerUnit = 1;
  for (const l of listings) if (l.pageSize !== null && l.pageSize > 0) itemsPerUnit = Math.max(itemsPerUnit, l.items / l.pageSize);
  return {
    listings: listings.length,
    fixed: line.intercept,
    perItem: line.slope,
    residualP95: Math.max(0, percentile(residuals, 95)),
    itemsPerUnit,
  };
}

/**
 * The largest page size, within the argument's own bounds, whose full page is predicted to stay
 * within `budget` tokens at p95 (see `PageSizeModel`).
 */
export function recommendPageSize(listings: readonly Listing[], argument: PageSizeArgument, budget: number): Recommendation {
  const model = fitPageSizeModel(listings);
  if (!model) return { kind: 'not-enough-data', listings: listings.length, distinctItemCounts: new Set(listings.map((l) => l.items)).size };
  const predictedP95AtDefault = predictP95(model, argument.defaultSize);
  // A page of 0 lists nothing: the search stops at 1 even where the argument allows 0.
  const smallest = Math.max(argument.min, 1);
  for (let size = argument.max; size >= smallest; size--) {
    const predicted = predictP95(model, size);
    if (predicted <= budget) {
      return { kind: 'fits', model, pageSize: size, predictedP95: predicted, predictedP95AtDefault, limitedBy: size === argument.max ? 'maximum' : 'budget' };
    }
  }
  return { kind: 'none-fits', model, predictedP95AtMin: predictP95(model, smallest), predictedP95AtDefault };
}

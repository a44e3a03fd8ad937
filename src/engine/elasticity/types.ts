/** What the price elasticity estimate returns (docs/model.md#price-elasticity). */

/** Why no elasticity is given. */
export type ElasticityRefusal =
  /** The average weekly price never moved by more than the threshold: there is nothing to learn from. */
  | 'pricesNeverMove'
  /** The price moved, but fewer times than the minimum. */
  | 'tooFewPriceChanges'
  /** Fewer weeks with sales than the minimum. */
  | 'tooFewObservations';

/** How the point estimate reads, when it is told apart from zero at 95 %. */
export type ElasticityVerdict =
  /** ε < −1: units fall by more per cent than the price rises; revenue falls with a price rise. */
  | 'elastic'
  /** −1 ≤ ε < 0: units fall by less per cent than the price rises; revenue rises with a price rise. */
  | 'inelastic'
  /** ε > 0: units and price rose together — not a demand curve (promotions, mix, stock-outs). */
  | 'positive'
  /** The 95 % interval contains 0. */
  | 'notSignificant';

export interface ElasticityFit {
  status: 'estimated';
  /** ε in log q = a + ε·log p: the % change of units for a 1 % price change. */
  elasticity: number;
  /** a, for a single product; null for a pooled fit (one intercept per product). */
  intercept: number | null;
  /** HC1 (heteroskedasticity-robust) standard error: the one the interval uses. */
  standardError: number;
  /** Classical OLS standard error, for comparison. */
  classicalStandardError: number;
  /** Residual degrees of freedom n − k. */
  degreesOfFreedom: number;
  /** 95 % interval: ε ∓ t(0.975, n − k)·HC1 standard error. */
  low: number;
  high: number;
  /** Product-weeks the fit rests on. */
  observations: number;
  /** Weeks whose average price moved by more than the threshold from the product's previous week with sales. */
  priceChanges: number;
  verdict: ElasticityVerdict;
}

export interface ElasticityRefused {
  status: 'refused';
  reason: ElasticityRefusal;
  observations: number;
  priceChanges: number;
}

export type ElasticityEstimate = ElasticityFit | ElasticityRefused;

export interface ProductElasticity {
  product: string;
  /** Units and amount of the rows used (in the data set's currency). */
  units: number;
  amount: number;
  estimate: ElasticityEstimate;
}

export interface ChannelElasticity {
  channel: string;
  /** Products with two or more weeks of sales in the channel (the ones the pooled fit uses). */
  products: number;
  estimate: ElasticityEstimate;
}

export interface ElasticitySettings {
  /** A week's price counts as a change when it differs from the previous week's by more than this fraction. */
  changeThreshold: number;
  minPriceChanges: number;
  minObservations: number;
}

export const DEFAULT_ELASTICITY_SETTINGS: ElasticitySettings = { changeThreshold: 0.01, minPriceChanges: 3, minObservations: 8 };

export interface ElasticityExclusions {
  /** Rows read. */
  rows: number;
  /** Returns, cancellations and rows without units (quantity ≤ 0). */
  nonPositiveQuantity: number;
  /** Rows with units but no positive amount (free goods, zero prices). */
  nonPositivePrice: number;
}

export type ElasticityAnalysis =
  | {
      kind: 'done';
      settings: ElasticitySettings;
      excluded: ElasticityExclusions;
      /** First and last Monday (days since 1970-01-01) of the weeks used; null when no row was usable. */
      firstWeek: number | null;
      lastWeek: number | null;
      /** Products sorted by amount, largest first. */
      products: ProductElasticity[];
      /** Pooled per channel; null when the data set has no channel column. */
      channels: ChannelElasticity[] | null;
    }
  /** The data set lacks a column the estimate needs: it was imported without it. */
  | { kind: 'unavailable'; missing: 'quantity' | 'product' };

export interface ElasticityProgress {
  done: number;
  total: number;
}

/**
 * Price elasticity from an imported data set (docs/model.md#price-elasticity): per product, and
 * pooled per channel with product fixed effects, log q = a + ε·log p fitted by least squares on
 * weekly sums, with HC1 standard errors and a 95 % t interval — or a refusal with its reason.
 * Runs as steps (a generator) so the worker can report progress and stop on a cancel.
 */
import type { TransactionColumns } from '../import/transactions';
import { fitWithin } from './regression';
import { DEFAULT_ELASTICITY_SETTINGS, type ChannelElasticity, type ElasticityAnalysis, type ElasticityEstimate, type ElasticityProgress, type ElasticityRefusal, type ElasticitySettings, type ElasticityVerdict, type ProductElasticity } from './types';
import { mondayOfWeek, weeklyCells, type WeeklyCells } from './weeklyCells';

/** Rows between two progress steps of the first pass. */
const ROW_STEP = 1 << 16;

/** Weeks whose average price moved by more than `threshold` from the previous observation of the run. */
export function countPriceChanges(price: ArrayLike<number>, start: number, end: number, threshold: number): number {
  let changes = 0;
  for (let i = start + 1; i < end; i++) if (Math.abs(price[i] / price[i - 1] - 1) > threshold) changes++;
  return changes;
}

/** Why a fit on `observations` weeks with `priceChanges` changes is refused, or null when it may run. */
export function refusalOf(observations: number, priceChanges: number, settings: ElasticitySettings): ElasticityRefusal | null {
  if (observations < 2) return 'tooFewObservations';
  if (priceChanges === 0) return 'pricesNeverMove';
  if (priceChanges < settings.minPriceChanges) return 'tooFewPriceChanges';
  if (observations < settings.minObservations) return 'tooFewObservations';
  return null;
}

export function verdictOf(elasticity: number, low: number, high: number): ElasticityVerdict {
  if (!(low > 0 || high < 0)) return 'notSignificant';
  if (elasticity < -1) return 'elastic';
  return elasticity < 0 ? 'inelastic' : 'positive';
}

/**
 * Fits the runs [starts[g], starts[g+1]) of log price x and log units y (one run per product).
 * `changes` is the price changes the runs hold together.
 */
function estimateRuns(x: Float64Array, y: Float64Array, starts: number[], changes: number, settings: ElasticitySettings): ElasticityEstimate {
  const observations = starts[starts.length - 1];
  let reason = refusalOf(observations, changes, settings);
  const fit = reason === null ? fitWithin(x, y, starts) : null;
  if (reason === null && fit === null) reason = observations - starts.length + 1 < 2 ? 'tooFewObservations' : 'pricesNeverMove';
  if (reason !== null || fit === null) return { status: 'refused', reason: reason ?? 'tooFewObservations', observations, priceChanges: changes };
  const low = fit.slope - fit.t975 * fit.robustSe;
  const high = fit.slope + fit.t975 * fit.robustSe;
  return {
    status: 'estimated',
    elasticity: fit.slope,
    intercept: fit.intercept,
    standardError: fit.robustSe,
    classicalStandardError: fit.classicalSe,
    degreesOfFreedom: fit.df,
    low,
    high,
    observations,
    priceChanges: changes,
    verdict: verdictOf(fit.slope, low, high),
  };
}

/** Log price and log units of every cell. */
function logs(cells: WeeklyCells): { x: Float64Array; y: Float64Array; price: Float64Array } {
  const m = cells.length;
  const x = new Float64Array(m);
  const y = new Float64Array(m);
  const price = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    price[j] = cells.amount[j] / cells.units[j];
    x[j] = Math.log(price[j]);
    y[j] = Math.log(cells.units[j]);
  }
  return { x, y, price };
}

/** The end of the run of cells that share cell j's group and product. */
function runEnd(cells: WeeklyCells, j: number): number {
  let e = j + 1;
  while (e < cells.length && cells.group[e] === cells.group[j] && cells.product[e] === cells.product[j]) e++;
  return e;
}

export function* elasticitySteps(columns: TransactionColumns, settings: ElasticitySettings = DEFAULT_ELASTICITY_SETTINGS): Generator<ElasticityProgress, ElasticityAnalysis> {
  const { quantity, product } = columns;
  if (!quantity) return { kind: 'unavailable', missing: 'quantity' };
  if (!product) return { kind: 'unavailable', missing: 'product' };
  const n = columns.length;
  const productCount = product.values.length;
  const channelCount = columns.channel?.values.length ?? 0;
  const total = n + productCount + channelCount;

  // Returns, cancellations and free goods say nothing about the price paid: left out, and counted.
  const use = new Uint8Array(n);
  let nonPositiveQuantity = 0;
  let nonPositivePrice = 0;
  for (let i = 0; i < n; i++) {
    if (!(quantity[i] > 0)) nonPositiveQuantity++;
    else if (!(columns.amount[i] > 0)) nonPositivePrice++;
    else use[i] = 1;
    if ((i + 1) % ROW_STEP === 0) yield { done: i + 1, total };
  }

  const cells = weeklyCells(use, columns.date, product.codes, productCount, quantity, columns.amount, null);
  const { x, y, price } = logs(cells);
  let firstWeek = Infinity;
  let lastWeek = -Infinity;
  const products: ProductElasticity[] = [];
  for (let j = 0; j < cells.length; ) {
    const e = runEnd(cells, j);
    let units = 0;
    let amount = 0;
    for (let i = j; i < e; i++) {
      units += cells.units[i];
      amount += cells.amount[i];
      if (cells.week[i] < firstWeek) firstWeek = cells.week[i];
      if (cells.week[i] > lastWeek) lastWeek = cells.week[i];
    }
    const changes = countPriceChanges(price, j, e, settings.changeThreshold);
    const estimate = estimateRuns(x.subarray(j, e), y.subarray(j, e), [0, e - j], changes, settings);
    products.push({ product: product.values[cells.product[j]], units, amount, estimate });
    j = e;
    yield { done: n + products.length, total };
  }
  products.sort((a, b) => b.amount - a.amount || (a.product < b.product ? -1 : a.product > b.product ? 1 : 0));

  let channels: ChannelElasticity[] | null = null;
  if (columns.channel) {
    channels = [];
    const byChannel = weeklyCells(use, columns.date, product.codes, productCount, quantity, columns.amount, columns.channel.codes);
    const l = logs(byChannel);
    for (let j = 0; j < byChannel.length; ) {
      const group = byChannel.group[j];
      // A product with one week in the channel has no within-product variation: it is left out.
      const xs: number[] = [];
      const ys: number[] = [];
      const starts = [0];
      let changes = 0;
      let productsUsed = 0;
      while (j < byChannel.length && byChannel.group[j] === group) {
        const e = runEnd(byChannel, j);
        if (e - j >= 2) {
          for (let i = j; i < e; i++) {
            xs.push(l.x[i]);
            ys.push(l.y[i]);
          }
          starts.push(xs.length);
          changes += countPriceChanges(l.price, j, e, settings.changeThreshold);
          productsUsed++;
        }
        j = e;
      }
      const estimate = estimateRuns(Float64Array.from(xs), Float64Array.from(ys), starts, changes, settings);
      channels.push({ channel: columns.channel.values[group], products: productsUsed, estimate });
      yield { done: n + productCount + channels.length, total };
    }
    channels.sort((a, b) => b.estimate.observations - a.estimate.observations || (a.channel < b.channel ? -1 : a.channel > b.channel ? 1 : 0));
  }

  return {
    kind: 'done',
    settings,
    excluded: { rows: n, nonPositiveQuantity, nonPositivePrice },
    firstWeek: firstWeek === Infinity ? null : mondayOfWeek(firstWeek),
    lastWeek: lastWeek === -Infinity ? null : mondayOfWeek(lastWeek),
    products,
    channels,
  };
}

/** The whole estimate at once (tests, small data). */
export function estimateElasticities(columns: TransactionColumns, settings: ElasticitySettings = DEFAULT_ELASTICITY_SETTINGS): ElasticityAnalysis {
  const steps = elasticitySteps(columns, settings);
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

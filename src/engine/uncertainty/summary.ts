import type { MonteCarloChunk, MonteCarloKernel } from './montecarlo';

/** P10 / P50 / P90 per period. */
export interface Bands {
  p10: number[];
  p50: number[];
  p90: number[];
}

export interface TotalStats {
  mean: number;
  p10: number;
  p50: number;
  p90: number;
}

/**
 * What the Risk tab shows. Money in minor units (floats). Quantiles are linear interpolations
 * between order statistics (Hyndman–Fan type 7, as numpy's default and R's quantile()):
 * q(p) = x₍ₖ₎ + (h − k)·(x₍ₖ₊₁₎ − x₍ₖ₎) with h = (n − 1)·p, k = ⌊h⌋ over the sorted draws.
 * With no draws every statistic is NaN and the histogram is empty.
 */
export interface MonteCarloSummary {
  draws: number;
  periodBands: { netRevenue: Bands; contribution: Bands };
  /** The same objects as periodBands.netRevenue / periodBands.contribution. */
  netRevenue: Bands;
  contribution: Bands;
  /** Of total contribution: `counts.length` equal bins, `edges` one longer (first = min, last = max). */
  histogram: { edges: number[]; counts: number[] };
  /** Share of draws whose total contribution is at least the target; null without a target. */
  probabilityAtLeastTarget: number | null;
  /** Total contribution over the timeline. */
  mean: number;
  p10: number;
  p50: number;
  p90: number;
  totalNetRevenue: TotalStats;
  /**
   * The code that computed the draws: 'wasm-simd' when every chunk ran the WebAssembly kernels, 'js'
   * when any ran the JS loops (the figures are the same either way); null when no chunk says.
   */
  kernel: MonteCarloKernel | null;
}

export const HISTOGRAM_BINS = 40;

/** Rows per tile of the transpose in periodBands. */
const TILE = 32;

/**
 * Merges chunks (any order, any split; they must not overlap) and summarises their draws. The result
 * depends only on the set of draws, never on how they were split, so partial results from a pool of
 * workers summarise the same as one worker's run of the same draws.
 */
export function summariseMonteCarlo(chunks: readonly MonteCarloChunk[], periods: number, target?: number | null, bins = HISTOGRAM_BINS): MonteCarloSummary {
  const sorted = [...chunks].sort((a, b) => a.from - b.from);
  let n = 0;
  for (let j = 0; j < sorted.length; j++) {
    const ch = sorted[j];
    if (j > 0 && ch.from < sorted[j - 1].to && ch.to > ch.from) throw new RangeError(`Monte Carlo chunks overlap at draw ${ch.from}`);
    if (ch.periodContribution.length !== (ch.to - ch.from) * periods) throw new RangeError(`Chunk [${ch.from}, ${ch.to}) does not have ${periods} periods`);
    n += ch.to - ch.from;
  }
  const totalC = new Float64Array(n);
  const totalN = new Float64Array(n);
  let at = 0;
  for (const ch of sorted) {
    totalC.set(ch.totalContribution, at);
    totalN.set(ch.totalNetRevenue, at);
    at += ch.to - ch.from;
  }
  const netRevenue = periodBands(sorted, 'periodNetRevenue', n, periods);
  const contribution = periodBands(sorted, 'periodContribution', n, periods);
  const c = totalStats(totalC);
  let probability: number | null = null;
  if (target !== undefined && target !== null) {
    let hits = 0;
    for (let i = 0; i < n; i++) if (totalC[i] >= target) hits++;
    probability = n > 0 ? hits / n : NaN;
  }
  return {
    draws: n,
    periodBands: { netRevenue, contribution },
    netRevenue,
    contribution,
    histogram: histogram(totalC, bins),
    probabilityAtLeastTarget: probability,
    mean: c.mean,
    p10: c.p10,
    p50: c.p50,
    p90: c.p90,
    totalNetRevenue: totalStats(totalN),
    kernel: sorted.some((ch) => ch.kernel === 'js') ? 'js' : sorted.length > 0 && sorted.every((ch) => ch.kernel === 'wasm-simd') ? 'wasm-simd' : null,
  };
}

function periodBands(chunks: readonly MonteCarloChunk[], field: 'periodNetRevenue' | 'periodContribution', n: number, P: number): Bands {
  const out: Bands = { p10: [], p50: [], p90: [] };
  // The draws × periods rows transposed into one column per period, in tiles of rows so that
  // reads and writes both stay within a few pages (reading a column at a time strides through all
  // of memory, and cost more than the quantiles themselves).
  const cols = new Float64Array(n * P);
  let i = 0;
  for (const ch of chunks) {
    const src = ch[field];
    const rows = ch.to - ch.from;
    for (let r0 = 0; r0 < rows; r0 += TILE) {
      const r1 = Math.min(rows, r0 + TILE);
      for (let t = 0; t < P; t++) {
        for (let r = r0, c = t * n + i + r0, o = r0 * P + t; r < r1; r++, c++, o += P) cols[c] = src[o];
      }
    }
    i += rows;
  }
  for (let t = 0; t < P; t++) {
    const [p10, p50, p90] = quantilesInPlace(cols.subarray(t * n, (t + 1) * n), [0.1, 0.5, 0.9]);
    out.p10.push(p10);
    out.p50.push(p50);
    out.p90.push(p90);
  }
  return out;
}

function totalStats(xs: Float64Array): TotalStats {
  let sum = 0;
  for (let i = 0; i < xs.length; i++) sum += xs[i];
  const [p10, p50, p90] = quantilesInPlace(xs.slice(), [0.1, 0.5, 0.9]);
  return { mean: xs.length > 0 ? sum / xs.length : NaN, p10, p50, p90 };
}

function histogram(xs: Float64Array, bins: number): { edges: number[]; counts: number[] } {
  if (xs.length === 0) return { edges: [], counts: [] };
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < xs.length; i++) {
    if (xs[i] < lo) lo = xs[i];
    if (xs[i] > hi) hi = xs[i];
  }
  // All draws equal (no uncertainty that matters): one minor unit around the value.
  if (!(hi > lo)) {
    lo -= 0.5;
    hi += 0.5;
  }
  const width = (hi - lo) / bins;
  const edges = Array.from({ length: bins + 1 }, (_, j) => (j === bins ? hi : lo + j * width));
  const counts = new Array<number>(bins).fill(0);
  for (let i = 0; i < xs.length; i++) {
    const j = Math.floor((xs[i] - lo) / width);
    counts[j < 0 ? 0 : j >= bins ? bins - 1 : j]++;
  }
  return { edges, counts };
}

/**
 * Type-7 quantiles of xs (which may be reordered in place) for ascending ps. Large finite samples go
 * by buckets (quantilesByBuckets), others by selection; both give the same order statistics, so the
 * same quantiles.
 */
export function quantilesInPlace(xs: Float64Array, ps: readonly number[]): number[] {
  return (xs.length >= BUCKET_MIN ? quantilesByBuckets(xs, ps) : null) ?? quantilesBySelection(xs, ps);
}

/**
 * Type-7 quantiles by selection instead of a full sort (expected O(n) per quantile): the reference
 * for quantilesByBuckets.
 */
export function quantilesBySelection(xs: Float64Array, ps: readonly number[]): number[] {
  const n = xs.length;
  if (n === 0) return ps.map(() => NaN);
  return ps.map((p) => {
    const h = (n - 1) * p;
    const k = Math.floor(h);
    select(xs, k, 0, n - 1);
    const lo = xs[k];
    if (h === k || k + 1 >= n) return lo;
    // After selecting k every later element is ≥ xs[k]: the next order statistic is their minimum.
    let next = Infinity;
    for (let i = k + 1; i < n; i++) if (xs[i] < next) next = xs[i];
    return lo + (h - k) * (next - lo);
  });
}

const BUCKETS = 2048;
const BUCKET_MIN = 512;

/**
 * Type-7 quantiles through a histogram: each value goes to bucket ⌊(x − min) · B / (max − min)⌋, a
 * non-decreasing function of x (IEEE rounding is monotonic), so every value of a lower bucket is
 * below every value of a higher one and the k-th order statistic is found by counting, then sorting
 * only its bucket (a few dozen values). Three passes over the sample with no data-dependent
 * branches, where selection's partitioning mispredicts about every other comparison: the summary of
 * 10k draws × 60 months, which the Risk tab recomputes at every chunk of progress, runs several
 * times faster. Null (use selection) when a value is not finite or the range overflows.
 */
export function quantilesByBuckets(xs: Float64Array, ps: readonly number[]): number[] | null {
  const n = xs.length;
  if (n === 0) return null;
  let lo = Infinity;
  let hi = -Infinity;
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const x = xs[i];
    // x − x is 0 for every finite x and NaN for NaN and ±∞.
    bad += x - x;
    lo = x < lo ? x : lo;
    hi = x > hi ? x : hi;
  }
  const width = hi - lo;
  if (bad !== 0 || !Number.isFinite(width)) return null;
  if (width === 0) return ps.map(() => lo);
  const scale = BUCKETS / width;
  if (bucketOf.length < n) {
    bucketOf = new Uint16Array(n);
    values = new Float64Array(n);
  }
  starts.fill(0);
  for (let i = 0; i < n; i++) {
    // (x − lo) · scale is within [0, B]: truncation is the floor.
    let b = ((xs[i] - lo) * scale) | 0;
    if (b >= BUCKETS) b = BUCKETS - 1;
    bucketOf[i] = b;
    starts[b + 1]++;
  }
  for (let b = 0; b < BUCKETS; b++) starts[b + 1] += starts[b];
  // The order statistics needed (k and k + 1 of each p), and the buckets holding them.
  const plan = ps.map((p) => {
    const h = (n - 1) * p;
    const k = Math.floor(h);
    return { h, k, next: h !== k && k + 1 < n };
  });
  wanted.fill(0);
  for (const { k, next } of plan) {
    wanted[bucketOfRank(k)] = 1;
    if (next) wanted[bucketOfRank(k + 1)] = 1;
  }
  // Each wanted bucket's values at its place in the sorted order, then sorted within it: values[r]
  // is then the r-th smallest for every rank r in a wanted bucket.
  for (let b = 0; b < BUCKETS; b++) if (wanted[b]) cursor[b] = starts[b];
  for (let i = 0; i < n; i++) {
    const b = bucketOf[i];
    if (wanted[b]) values[cursor[b]++] = xs[i];
  }
  for (let b = 0; b < BUCKETS; b++) if (wanted[b]) values.subarray(starts[b], starts[b + 1]).sort();
  return plan.map(({ h, k, next }) => (next ? values[k] + (h - k) * (values[k + 1] - values[k]) : values[k]));
}

/** The bucket holding rank r: the last whose start is ≤ r (binary search over the cumulative counts). */
function bucketOfRank(r: number): number {
  let b = 0;
  for (let step = BUCKETS >> 1; step > 0; step >>= 1) if (starts[b + step] <= r) b += step;
  return b;
}

// Scratch of quantilesByBuckets, reused across calls (a summary makes over a hundred).
const starts = new Int32Array(BUCKETS + 1);
const cursor = new Int32Array(BUCKETS);
const wanted = new Uint8Array(BUCKETS);
let bucketOf = new Uint16Array(0);
let values = new Float64Array(0);

/** Hoare quickselect with a median-of-three pivot: puts the k-th smallest at xs[k]. */
function select(xs: Float64Array, k: number, left: number, right: number): void {
  while (right > left) {
    const mid = (left + right) >>> 1;
    // Median of three as the pivot value.
    let a = xs[left];
    let b = xs[mid];
    const c = xs[right];
    if (a > b) [a, b] = [b, a];
    const pivot = c < a ? a : c > b ? b : c;
    let i = left;
    let j = right;
    while (i <= j) {
      while (xs[i] < pivot) i++;
      while (xs[j] > pivot) j--;
      if (i <= j) {
        const tmp = xs[i];
        xs[i] = xs[j];
        xs[j] = tmp;
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else return;
  }
}

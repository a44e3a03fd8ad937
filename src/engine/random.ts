/** Small, fast, seedable PRNG (mulberry32): the same seed gives the same sequence everywhere. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Rng {
  next(): number;
  range(min: number, max: number): number;
  int(min: number, maxExclusive: number): number;
  pick<T>(items: readonly T[]): T;
  /** Pareto-distributed value ≥ scale (heavy tail, as channel and customer sizes are). */
  pareto(scale: number, alpha: number): number;
}

export function createRng(seed: number): Rng {
  const next = mulberry32(seed);
  return {
    next,
    range: (min, max) => min + (max - min) * next(),
    int: (min, maxExclusive) => min + Math.floor((maxExclusive - min) * next()),
    pick: (items) => items[Math.floor(items.length * next())],
    pareto: (scale, alpha) => scale / Math.pow(1 - next(), 1 / alpha),
  };
}

/** A standard normal draw (Box–Muller, one of the pair). */
export function normalVariate(rand: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}

/**
 * A Gamma(shape, 1) draw by Marsaglia & Tsang (2000), with their squeeze test first; shapes below 1
 * are boosted: Gamma(k) = Gamma(k + 1) · U^(1/k).
 */
export function gammaVariate(rand: () => number, shape: number): number {
  if (shape < 1) return gammaVariate(rand, shape + 1) * rand() ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = normalVariate(rand);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = rand();
    if (u < 1 - 0.0331 * x ** 4 || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

/** A Beta(a, b) draw as the ratio of two Gamma draws. */
export function betaVariate(rand: () => number, a: number, b: number): number {
  const x = gammaVariate(rand, a);
  return x / (x + gammaVariate(rand, b));
}

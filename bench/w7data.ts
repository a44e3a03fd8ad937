import { mulberry32 } from '../src/engine/random';

/**
 * Seeded monthly sales series of the kind the Forecast tab sees: a level between ¥50k and ¥5M a
 * month, a yearly growth between −10 % and +30 %, a seasonal profile (a November–December peak of
 * varying height, a summer dip or bump, a Spring Festival month), and multiplicative noise of 3–15 %.
 * One in five series is additive (seasonal swings fixed in yuan rather than in proportion), so every
 * ETS family has something to win.
 */
export interface W7Data {
  months: number;
  series: Float64Array[];
}

function normal(u: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
}

export function generateW7Series(count = 500, months = 48, seed = 7): W7Data {
  const u = mulberry32(seed);
  const series: Float64Array[] = [];
  for (let k = 0; k < count; k++) {
    const level = 50_000 * Math.exp(u() * Math.log(100));
    const growth = -0.1 + 0.4 * u();
    const peak = 0.2 + 0.8 * u();
    const summer = -0.2 + 0.4 * u();
    const festival = -0.3 + 0.6 * u();
    const noise = 0.03 + 0.12 * u();
    const additive = u() < 0.2;
    const profile = new Float64Array(12);
    for (let m = 0; m < 12; m++) {
      let s = 1;
      if (m === 10) s += peak;
      if (m === 11) s += peak * 0.6;
      if (m >= 5 && m <= 7) s += summer;
      if (m === 1) s += festival;
      profile[m] = s;
    }
    const y = new Float64Array(months);
    for (let t = 0; t < months; t++) {
      const trend = level * Math.pow(1 + growth, t / 12);
      const s = profile[t % 12];
      const e = noise * normal(u);
      y[t] = additive ? Math.max(1, trend + level * (s - 1) + level * e) : trend * s * Math.exp(e);
    }
    series.push(y);
  }
  return { months, series };
}

/** One row a month, one column a series (s1 … sN), for R. */
export function w7Csv(data: W7Data): string {
  const header = data.series.map((_, i) => `s${i + 1}`).join(',');
  const rows: string[] = [header];
  for (let t = 0; t < data.months; t++) rows.push(data.series.map((s) => s[t].toPrecision(17)).join(','));
  return rows.join('\n') + '\n';
}

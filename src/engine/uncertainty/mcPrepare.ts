/** Resolves a plan into a Monte Carlo model once (see montecarlo.ts for the method). */
import { withLaunches } from '../lifecycle/launches';
import { scenarioSeries } from '../compute';
import { curveTraffic } from '../curve';
import { settlementGroups } from '../rebates';
import { channelsNamedByRegion, regionalRun } from '../regions/run';
import { cannibalisationPairs } from '../scenarios/cannibalisation';
import { monthKeys } from '../timeline';
import { DRIVER_KEYS, type Plan } from '../types';
import { DIST_UNIFORM, distributionParams } from './distributions';
import { assertUsable } from './validate';
import { type MonteCarloOptions, ND, D, K_CONST, K_FAST, K_GENERAL, SP_CERTAIN, SP_FLAT, SP_LINEAR, SP_STEP, SP_ZERO, SP_HILL, G_HILL_M, G_HILL_GV, G_LIN_M, G_LIN_GV, GROUP_FIELDS, type FastGroup, type MonteCarloModel } from './mcModel';
import { cellValues } from './mcKernels';
import { rangeRows, type RangeRows } from './rangeRows';
import { elasticityDraws } from './priceDraws';

/**
 * Resolves the plan (or scenario) once and precomputes what every draw shares. Throws
 * UncertaintyError when a range is unusable, ScenarioError for an unknown scenario. A plan with
 * regional values is modelled on its expansion by region (regions/run.ts): the model's channels are
 * then the channel × region rows, and a range of a whole channel moves all its rows (rangeRows.ts).
 */
export function prepareMonteCarlo(plan: Plan, opts: MonteCarloOptions): MonteCarloModel {
  // A scenario that launches channels runs with them (lifecycle/launches.ts).
  plan = withLaunches(plan, opts.scenarioId);
  assertUsable(plan, opts.uncertainty, true);
  const run = regionalRun(plan, channelsNamedByRegion(plan, opts.uncertainty));
  const tp = run.target;
  const { series: resolved } = scenarioSeries(tp, opts.scenarioId);
  const C = tp.channels.length;
  const P = plan.timeline.periods;
  const series = new Float64Array(ND * C * P);
  DRIVER_KEYS.forEach((k, d) => series.set(resolved[k], d * C * P));
  const val = (d: number, c: number, t: number): number => series[(d * C + c) * P + t];

  // Entries and slots. A range on one row draws into that row's slot; a range of a channel computed
  // as several rows draws into a slot of its own, which each draw then passes on to the rows' slots
  // (links): factors multiply, additions are shared as rangeRows says.
  const K = opts.uncertainty.length;
  const entryCode = new Int8Array(K);
  const entryP1 = new Float64Array(K);
  const entryP2 = new Float64Array(K);
  const entrySlot = new Int32Array(K);
  const slotOf = new Map<number, number>();
  const slots: { c: number; d: number; base: number }[] = [];
  const targets: RangeRows[] = opts.uncertainty.map((u) => rangeRows(run, u));
  const elasticity = elasticityDraws(tp, opts.scenarioId, opts.uncertainty, targets);
  const chElasticity = new Int32Array(C).fill(-1);
  elasticity.forEach((e, j) => (chElasticity[e.row] = j));
  const rowSlot = (c: number, d: number, base: number): number => {
    let s = slotOf.get(c * ND + d);
    if (s === undefined) {
      s = slots.length;
      slots.push({ c, d, base });
      slotOf.set(c * ND + d, s);
    }
    return s;
  };
  opts.uncertainty.forEach((u, k) => {
    if (u.low === u.high) {
      entryCode[k] = DIST_UNIFORM;
      entryP1[k] = u.low;
      entryP2[k] = 0;
    } else {
      const p = distributionParams(u);
      entryCode[k] = p.code;
      entryP1[k] = p.p1;
      entryP2[k] = p.p2;
    }
    const d = D[u.driver];
    const tg = targets[k];
    entrySlot[k] = d === D.newCustomerShare || tg.rows.length !== 1 ? -1 : rowSlot(tg.rows[0], d, tg.base);
  });
  const linkFrom: number[] = [];
  const linkTo: number[] = [];
  const linkShare: number[] = [];
  /** Rows whose slot takes a factor and an addition (ranges of different kinds): computed cell by cell. */
  const mixed = new Set<number>();
  const channelSlot = new Map<string, number>();
  opts.uncertainty.forEach((u, k) => {
    const d = D[u.driver];
    const tg = targets[k];
    if (d === D.newCustomerShare || tg.rows.length <= 1) return;
    const key = `${u.channelId}:${d}`;
    let v = channelSlot.get(key);
    if (v === undefined) {
      v = slots.length;
      slots.push({ c: -1, d, base: tg.base });
      channelSlot.set(key, v);
      tg.rows.forEach((row, j) => {
        const s = rowSlot(row, d, tg.base * tg.addShare[j]);
        if ((slots[s].base !== 0) !== (tg.base !== 0)) mixed.add(row);
        linkFrom.push(v as number);
        linkTo.push(s);
        linkShare.push(tg.addShare[j]);
      });
    }
    entrySlot[k] = v;
  });
  const S = slots.length;
  const slotDriver = Int32Array.from(slots, (s) => s.d);
  const slotBase = Float64Array.from(slots, (s) => s.base);
  const slotFlat = new Uint8Array(S);
  const slotFirst = new Float64Array(S);
  const slotMax = new Float64Array(S);
  slots.forEach((s, j) => {
    // A channel's own slot (c = −1) only collects draws for its rows: it has no series.
    if (s.c < 0) return;
    const first = val(s.d, s.c, 0);
    let flat = 1;
    let max = first;
    for (let t = 0; t < P; t++) {
      const v = val(s.d, s.c, t);
      if (v !== first) flat = 0;
      if (v > max) max = v;
    }
    slotFlat[j] = flat;
    slotFirst[j] = first;
    slotMax[j] = max;
  });
  const chSlot = new Int32Array(C * ND).fill(-1);
  slots.forEach((s, j) => {
    if (s.c >= 0) chSlot[s.c * ND + s.d] = j;
  });
  const chUStart = new Int32Array(C + 1);
  const uDriver: number[] = [];
  const uSlot: number[] = [];
  for (let c = 0; c < C; c++) {
    chUStart[c] = uDriver.length;
    for (let d = 0; d < ND; d++) {
      if (chSlot[c * ND + d] >= 0) {
        uDriver.push(d);
        uSlot.push(chSlot[c * ND + d]);
      }
    }
  }
  chUStart[C] = uDriver.length;

  // Cannibalisation and rebates: channels in a pair, and channels paid a rebate (settled on a whole
  // period's revenue), are computed cell by cell in every draw with their net revenue kept.
  const pairs = cannibalisationPairs(tp);
  const chCann = new Int32Array(C).fill(-1);
  let cannCount = 0;
  for (const p of pairs) {
    for (const c of [p.from, p.to]) if (chCann[c] < 0) chCann[c] = cannCount++;
  }
  const months = monthKeys(plan.timeline);
  const rebates: MonteCarloModel['rebates'] = [];
  // A rebate settles on its channel's whole net revenue: the sum of its rows on a plan computed by region.
  plan.channels.forEach((ch, c) => {
    if (!ch.rebate || ch.rebate.tiers.length === 0) return;
    const rows = run.x ? run.x.rowsOf[c] : [c];
    for (const r of rows) if (chCann[r] < 0) chCann[r] = cannCount++;
    const groups = settlementGroups(months, ch.rebate.period);
    rebates.push({ channels: Int32Array.from(rows), scheme: ch.rebate, groupEnds: Int32Array.from(groups, (g) => g.end) });
  });

  // Classify channels.
  const curves = tp.channels.map((ch) => ({ ...ch.curve }));
  const chKind = new Int8Array(C);
  const chSpend = new Int8Array(C);
  const chGroup = new Int8Array(C).fill(-1);
  const chPos = new Int32Array(C).fill(-1);
  const chMaxY = new Float64Array(C);
  const chLinSpend = new Int32Array(C).fill(-1);
  const chLinFixed = new Int32Array(C).fill(-1);
  const groupMembers: number[][] = [[], [], [], []];
  const lin: { c: number; d: number }[] = [];
  for (let c = 0; c < C; c++) {
    const slot = (d: number): number => chSlot[c * ND + d];
    let any = false;
    let fast = true;
    for (let d = 0; d < ND; d++) {
      const s = slot(d);
      if (s < 0) continue;
      any = true;
      if (slotFlat[s] === 1) continue;
      // Non-flat: a factor of the base series works only where the driver enters as a product.
      if (slotBase[s] === 0 || d === D.returnRate || d === D.channelMargin) fast = false;
    }
    // A drawn elasticity moves conversion (or base traffic) by a different factor each month.
    chKind[c] = chCann[c] >= 0 || mixed.has(c) || chElasticity[c] >= 0 ? K_GENERAL : !any ? K_CONST : fast ? K_FAST : K_GENERAL;
    if (chKind[c] !== K_FAST) continue;
    const curve = curves[c];
    let mode = SP_CERTAIN;
    const sp = slot(D.spend);
    if (sp >= 0) {
      if (slotFlat[sp] === 1) mode = SP_FLAT;
      else if (curve.type === 'none' || !(curve.max > 0)) mode = SP_ZERO;
      else if (!(curve.halfSat > 0)) mode = curve.type === 'hill' ? SP_STEP : SP_ZERO;
      else mode = curve.type === 'linear' ? SP_LINEAR : SP_HILL;
      if (mode !== SP_HILL) {
        chLinSpend[c] = lin.length;
        lin.push({ c, d: D.spend });
      }
    }
    if (slot(D.fixedCost) >= 0) {
      chLinFixed[c] = lin.length;
      lin.push({ c, d: D.fixedCost });
    }
    chSpend[c] = mode;
    const marginFixed = slot(D.grossMargin) < 0 && slot(D.variableCostRate) < 0;
    const g = mode === SP_HILL ? (marginFixed ? G_HILL_M : G_HILL_GV) : marginFixed ? G_LIN_M : G_LIN_GV;
    chGroup[c] = g;
    chPos[c] = groupMembers[g].length;
    groupMembers[g].push(c);
  }

  const constNet = new Float64Array(P);
  const constContribution = new Float64Array(P);
  const groups: FastGroup[] = groupMembers.map((members, g) => ({
    channels: Int32Array.from(members),
    data: new Float64Array((P + (P & 1)) * members.length * GROUP_FIELDS[g]),
  }));
  const J = lin.length;
  const linData = new Float64Array(P * J);
  lin.forEach((term, j) => {
    const flat = slotFlat[chSlot[term.c * ND + term.d]] === 1;
    for (let t = 0; t < P; t++) linData[t * J + j] = flat ? 1 : val(term.d, term.c, t);
  });

  for (let c = 0; c < C; c++) {
    const curve = curves[c];
    if (chKind[c] === K_CONST) {
      for (let t = 0; t < P; t++) {
        const cell = cellValues(val(D.spend, c, t), val(D.baseTraffic, c, t), val(D.conversion, c, t), val(D.aov, c, t), val(D.returnRate, c, t),
          val(D.channelMargin, c, t), val(D.grossMargin, c, t), val(D.variableCostRate, c, t), val(D.fixedCost, c, t), curve);
        constNet[t] += cell.net;
        constContribution[t] += cell.contribution;
      }
      continue;
    }
    if (chKind[c] !== K_FAST) continue;
    const uncertain = (d: number): boolean => chSlot[c * ND + d] >= 0;
    const flat = (d: number): boolean => uncertain(d) && slotFlat[chSlot[c * ND + d]] === 1;
    const mode = chSpend[c];
    const g = chGroup[c];
    const n = groups[g].channels.length;
    const nf = GROUP_FIELDS[g];
    const data = groups[g].data;
    let maxY = 0;
    for (let t = 0; t < P; t++) {
      const spend = val(D.spend, c, t);
      // Revenue per visit from the factors that are not flat-uncertain (those become scalars).
      let rb = 1;
      if (!flat(D.conversion)) rb *= val(D.conversion, c, t);
      if (!flat(D.aov)) rb *= val(D.aov, c, t);
      if (!uncertain(D.returnRate)) rb *= 1 - val(D.returnRate, c, t);
      if (!uncertain(D.channelMargin)) rb *= 1 - val(D.channelMargin, c, t);
      const br = (flat(D.baseTraffic) ? 1 : val(D.baseTraffic, c, t)) * rb;
      const at = mode === SP_HILL ? (((t >> 1) * n + chPos[c]) * 2 + (t & 1)) * nf : (t * n + chPos[c]) * nf;
      if (mode === SP_HILL) {
        // A cell without spend has no spend-driven traffic at any factor: Z1 = 0 keeps it out.
        const y = spend > 0 ? Math.pow(curve.halfSat / spend, curve.shape) : 0;
        const z1 = spend > 0 && Number.isFinite(y) ? curve.max * rb : 0;
        data[at] = Number.isFinite(y) ? y : 0;
        data[at + 1] = z1;
        data[at + 2] = br;
        data[at + nf - 1] = spend;
        if (z1 !== 0 && y > maxY) maxY = y;
      } else {
        data[at] = br;
        data[at + 1] = mode === SP_FLAT ? rb : mode === SP_ZERO ? 0 : curveTraffic(curve, spend) * rb;
      }
      const m = at + (mode === SP_HILL ? 3 : 2);
      if (g === G_HILL_M || g === G_LIN_M) {
        data[m] = val(D.grossMargin, c, t) - val(D.variableCostRate, c, t);
      } else {
        data[m] = flat(D.grossMargin) ? 1 : val(D.grossMargin, c, t);
        data[m + 1] = flat(D.variableCostRate) ? 1 : val(D.variableCostRate, c, t);
      }
      if (!uncertain(D.fixedCost)) constContribution[t] -= val(D.fixedCost, c, t);
      if (!uncertain(D.spend)) constContribution[t] -= spend;
    }
    chMaxY[c] = maxY;
  }

  // A channel's own spend slot keeps Σ ln(x / base) for its rows that are fast Hill channels.
  const hillRow = (c: number): boolean => chSpend[c] === SP_HILL && chKind[c] === K_FAST;
  const spendHill = slots.map((sl, j) => sl.d === D.spend && (sl.c >= 0 ? hillRow(sl.c) : linkFrom.some((f, q) => f === j && hillRow(slots[linkTo[q]].c))));
  const all = Int32Array.from({ length: C }, (_, c) => c);
  return {
    kind: 'monteCarloModel',
    version: 1,
    periods: P,
    channels: C,
    entryCode, entryP1, entryP2, entrySlot,
    slotDriver, slotBase, slotFlat, slotFirst, slotMax,
    chShape: Float64Array.from(curves, (cv) => cv.shape),
    slotLnBase: Float64Array.from(slotBase, (b, j) => (spendHill[j] && b > 0 ? Math.log(b) : NaN)),
    chKind, chSpend, chSlot, chUStart, uDriver: Int32Array.from(uDriver), uSlot: Int32Array.from(uSlot), chGroup, chPos, chMaxY, chLinSpend, chLinFixed, chCann, curves,
    fastChannels: all.filter((c) => chKind[c] === K_FAST),
    generalChannels: all.filter((c) => chKind[c] === K_GENERAL),
    groups,
    linCount: J,
    linData,
    series,
    constNet,
    constContribution,
    pairFrom: Int32Array.from(pairs, (p) => p.from),
    pairTo: Int32Array.from(pairs, (p) => p.to),
    pairRate: Float64Array.from(pairs, (p) => p.rate),
    cannCount,
    rebates,
    linkFrom: Int32Array.from(linkFrom),
    linkTo: Int32Array.from(linkTo),
    linkShare: Float64Array.from(linkShare),
    elasticity,
    chElasticity,
  };
}

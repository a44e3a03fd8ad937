/**
 * Every channel × region × month of a result, for the region views and the region roll-up: rows
 * computed by region are taken as computed; a channel computed whole is shared among its regions by
 * its region shares — money in whole minor units that add up exactly to the channel, other flows in
 * proportion. A channel serving no region of the plan is one row with region '' (unassigned).
 */
import type { FlowSeries, PlanResult } from '../compute';
import type { Plan } from '../types';
import { FLOW_METRICS, MONEY_FLOWS } from '../types';
import { equalShares, regionShares, splitInteger } from './shares';

export interface RegionCells {
  rows: { channel: number; regionId: string; share: number }[];
  periods: number;
  /** Flows per row and month, row-major: index = row · periods + period. */
  flows: FlowSeries;
  marginalRoiSpend: Float64Array;
}

/** The `part`-th of `of` equal exact shares of an integer (the remainder to the first parts). */
function equalPart(value: number, part: number, of: number): number {
  const base = Math.trunc(value / of);
  const rest = value - base * of;
  return base + (Math.abs(rest) > part ? Math.sign(rest) : 0);
}

export function regionCells(plan: Plan, res: PlanResult): RegionCells {
  const P = res.periods;
  const computed = new Map<number, number[]>();
  res.regional?.rows.forEach((r, k) => {
    const list = computed.get(r.channel) ?? [];
    list.push(k);
    computed.set(r.channel, list);
  });
  const rows: RegionCells['rows'] = [];
  type Source = { kind: 'row'; k: number } | { kind: 'split'; c: number; part: number; shares: number[]; equal: boolean };
  const sources: Source[] = [];
  plan.channels.forEach((ch, c) => {
    const own = computed.get(c);
    if (own) {
      for (const k of own) {
        const r = res.regional!.rows[k];
        rows.push({ channel: c, regionId: r.regionId, share: r.share });
        sources.push({ kind: 'row', k });
      }
      return;
    }
    const split = regionShares(plan, ch);
    if (split.length === 0) {
      rows.push({ channel: c, regionId: '', share: 1 });
      sources.push({ kind: 'split', c, part: 0, shares: [1], equal: true });
      return;
    }
    const shares = split.map((s) => s.share);
    const equal = equalShares(plan, ch);
    split.forEach((s, part) => {
      rows.push({ channel: c, regionId: s.regionId, share: s.share });
      sources.push({ kind: 'split', c, part, shares, equal });
    });
  });
  const N = rows.length;
  const flows = {} as FlowSeries;
  for (const m of FLOW_METRICS) flows[m] = new Float64Array(N * P);
  const mroi = new Float64Array(N * P);
  sources.forEach((src, q) => {
    for (const m of FLOW_METRICS) {
      const dst = flows[m];
      if (src.kind === 'row') {
        dst.set(res.regional!.flows[m].subarray(src.k * P, (src.k + 1) * P), q * P);
        continue;
      }
      const from = res.flows[m];
      const money = MONEY_FLOWS.has(m);
      const of = src.shares.length;
      for (let t = 0; t < P; t++) {
        const v = from[src.c * P + t];
        dst[q * P + t] =
          of === 1 ? v : !money ? (src.equal ? v / of : v * src.shares[src.part]) : src.equal ? equalPart(v, src.part, of) : splitInteger(v, src.shares)[src.part];
      }
    }
    if (src.kind === 'row') mroi.set(res.regional!.marginalRoiSpend.subarray(src.k * P, (src.k + 1) * P), q * P);
    else {
      const of = src.shares.length;
      for (let t = 0; t < P; t++) {
        const v = res.marginalRoiSpend[src.c * P + t];
        mroi[q * P + t] = of === 1 ? v : src.equal ? v / of : v * src.shares[src.part];
      }
    }
  });
  return { rows, periods: P, flows, marginalRoiSpend: mroi };
}

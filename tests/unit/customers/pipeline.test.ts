import { describe, expect, it } from 'vitest';
import { fitBgNbd } from '../../../src/engine/customers/bgnbd';
import { dayFromCivil } from '../../../src/engine/customers/calendar';
import { customerClv, groupTotals } from '../../../src/engine/customers/clv';
import { clvPatterns, clvSummary } from '../../../src/engine/customers/clvSummary';
import { firstChannel } from '../../../src/engine/customers/cohorts';
import { customerSummary, type Transactions } from '../../../src/engine/customers/columns';
import { fitGammaGamma } from '../../../src/engine/customers/gammaGamma';
import { scoreRfm } from '../../../src/engine/customers/rfm';
import { assignSegments, R_RFM_SEGMENT_RULES } from '../../../src/engine/customers/segments';
import { loadCdnowSample } from './fixtures';

describe('from CDNOW transactions to CLV per segment and per first channel', () => {
  const { tx: raw } = loadCdnowSample();
  // A stand-in channel so the roll-up has something to split by: even vs odd row.
  const tx: Transactions = { ...raw, channel: Int32Array.from(raw.customer, (_, i) => i % 2), channelCount: 2 };
  const end = dayFromCivil(1997, 9, 30);
  const summary = clvSummary(tx, { observationEndDay: end, unit: 'weeks' });
  const bg = fitBgNbd(clvPatterns(summary));
  const gg = fitGammaGamma(summary);
  const clv = customerClv(bg.params, gg.params, summary);
  const segments = assignSegments(scoreRfm(customerSummary(tx, end)), R_RFM_SEGMENT_RULES);

  it('fits both models on the pipeline’s own summary (946 repeat buyers)', () => {
    expect(bg.params.r).toBeCloseTo(0.243, 3);
    expect(gg.used).toBe(946);
  });

  it('rolls CLV up by RFM segment: counts and sums add up, recent heavy buyers are worth more', () => {
    const bySegment = groupTotals(clv.clv, segments.segment, segments.ids.length);
    expect(bySegment.count.reduce((a, b) => a + b, 0)).toBe(2357);
    let total = 0;
    for (let c = 0; c < clv.clv.length; c++) total += clv.clv[c];
    expect(bySegment.sum.reduce((a, b) => a + b, 0)).toBeCloseTo(total, 6);
    const mean = (id: string) => bySegment.mean[segments.ids.indexOf(id)];
    expect(mean('champions')).toBeGreaterThan(mean('lost'));
    const alive = groupTotals(clv.probabilityAlive, segments.segment, segments.ids.length);
    expect(alive.mean[segments.ids.indexOf('champions')]).toBeGreaterThan(alive.mean[segments.ids.indexOf('at-risk')]);
  });

  it('rolls CLV up by first channel', () => {
    const first = firstChannel(tx, end);
    const byChannel = groupTotals(clv.clv, first, 2);
    // Direct recount: the channel of each customer's earliest calibration row.
    const seen = new Map<number, number>();
    for (let i = 0; i < tx.customer.length; i++) {
      if (tx.day[i] > end) continue;
      const c = tx.customer[i];
      const best = seen.get(c);
      if (best === undefined || tx.day[i] < tx.day[best]) seen.set(c, i);
    }
    const counts = [0, 0];
    for (const row of seen.values()) counts[tx.channel![row]]++;
    expect(Array.from(byChannel.count)).toEqual(counts);
  });
});

/**
 * Checks of a plan's actuals, for plan files and stored plans: errors where the table cannot be
 * read as the model says (a bad first month, a series longer or shorter than the table, a negative
 * count, money that is not whole minor units), warnings for states the app reaches itself (a
 * channel or region removed after the import leaves its series behind).
 */
import { ACTUAL_MEASURES, ACTUAL_MONEY_MEASURES, type Plan } from '../types';
import { parseMonth } from '../timeline';
import type { Problem } from '../validate';
import { MAX_ACTUAL_MONTHS } from './limits';

export function validateActuals(plan: Plan): { errors: Problem[]; warnings: Problem[] } {
  const errors: Problem[] = [];
  const warnings: Problem[] = [];
  const a = plan.actuals;
  if (!a) return { errors, warnings };
  const base = ['actuals'];
  if (!parseMonth(a.start)) errors.push({ path: [...base, 'start'], code: 'invalidValue', params: { value: a.start } });
  if (!Number.isSafeInteger(a.months) || a.months < 1 || a.months > MAX_ACTUAL_MONTHS) errors.push({ path: [...base, 'months'], code: 'outOfRange', params: { value: a.months, min: 1, max: MAX_ACTUAL_MONTHS } });
  const channels = new Set(plan.channels.map((c) => c.id));
  const regions = new Set(plan.regions.map((r) => r.id));
  const seen = new Set<string>();
  a.series.forEach((s, i) => {
    const p = [...base, 'series', i];
    if (!channels.has(s.channelId)) warnings.push({ path: [...p, 'channelId'], code: 'unknownRef', params: { value: s.channelId } });
    if (s.regionId !== '' && !regions.has(s.regionId)) warnings.push({ path: [...p, 'regionId'], code: 'unknownRef', params: { value: s.regionId } });
    const key = `${s.channelId}\u0000${s.regionId}`;
    if (seen.has(key)) errors.push({ path: p, code: 'duplicateId', params: { value: s.regionId ? `${s.channelId} · ${s.regionId}` : s.channelId } });
    seen.add(key);
    for (const m of ACTUAL_MEASURES) {
      const values = s.values[m];
      if (values === undefined) continue;
      if (values.length !== a.months) errors.push({ path: [...p, 'values', m], code: 'lengthMismatch', params: { expected: a.months, found: values.length } });
      values.forEach((v, j) => {
        if (v === null) return;
        const at = [...p, 'values', m, j];
        if (!Number.isFinite(v)) errors.push({ path: at, code: 'notFinite', params: { value: String(v) } });
        else if (ACTUAL_MONEY_MEASURES.has(m) && !Number.isSafeInteger(v)) errors.push({ path: at, code: 'notInteger', params: { value: v } });
        // Net revenue and units may be negative (a month of more returns than sales); counts of orders and customers, and spend, may not.
        else if (v < 0 && m !== 'netRevenue' && m !== 'units') errors.push({ path: at, code: 'outOfRange', params: { value: v, min: 0, max: '∞' } });
      });
    }
  });
  return { errors, warnings };
}

/** Actuals in plan files: the checks of validateActuals stop a damaged file, with the path named. */
import { describe, expect, it } from 'vitest';
import { parsePlanFile } from '../../../src/engine/planFile';
import { edit, readFixture } from '../planFile/helpers';

const text = readFixture('v3-beauty.cmplan.json');
type Loose = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- hand-edited JSON

describe('plan files with actuals', () => {
  it('reads the fixture’s actuals without a problem', () => {
    const r = parsePlanFile(text);
    expect(r.ok && r.warnings).toEqual([]);
  });

  it('refuses a series shorter than the table and a negative order count, naming where', () => {
    const broken = edit(text, (f) => {
      const series = (f as Loose).plan.actuals.series[0];
      series.values.netRevenue = series.values.netRevenue.slice(1);
      series.values.orders[0] = -5;
    });
    const r = parsePlanFile(broken);
    expect(r.ok).toBe(false);
    const problems = r.ok ? [] : r.problems.map((p) => [p.path.join('.'), p.code, p.params]);
    const months = (JSON.parse(text) as Loose).plan.actuals.months as number;
    expect(problems).toEqual([
      ['plan.actuals.series.0.values.netRevenue', 'lengthMismatch', { expected: months, found: months - 1 }],
      ['plan.actuals.series.0.values.orders.0', 'outOfRange', { value: -5, min: 0, max: '∞' }],
    ]);
  });

  it('reads a series whose channel is gone with a warning (the app leaves it so when a channel is deleted)', () => {
    const r = parsePlanFile(edit(text, (f) => ((f as Loose).plan.actuals.series[1].channelId = 'ch-gone')));
    expect(r.ok && r.warnings.map((w) => [w.path.join('.'), w.code])).toEqual([['plan.actuals.series.1.channelId', 'unknownRef']]);
  });
});

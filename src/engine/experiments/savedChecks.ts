/**
 * Values of saved test designs read from a file (docs/model.md#tests-and-pilots). Rates outside
 * 0–1, negative counts or days, more conversions than units and a malformed month are errors; a
 * channel, region or scenario the plan no longer has is a warning (the list shows such a design
 * and refuses to reopen it), as removing a channel leaves its designs behind.
 */
import type { Plan } from '../types';
import type { Problem } from '../validate';

const MONTH_RE = /^\d{4}-(0[1-9]|1[0-2])$/;

export function checkSavedExperiments(plan: Plan): { errors: Problem[]; warnings: Problem[] } {
  const errors: Problem[] = [];
  const warnings: Problem[] = [];
  const list = plan.experiments;
  if (!list) return { errors, warnings };
  const range = (path: (string | number)[], value: number | null, min: number, max: number): void => {
    if (value !== null && !(value >= min && value <= max)) errors.push({ path, code: 'outOfRange', params: { min, max, value } });
  };
  const count = (path: (string | number)[], value: number | null): void => {
    range(path, value, 0, Number.MAX_SAFE_INTEGER);
    if (value !== null && value >= 0 && !Number.isInteger(value)) errors.push({ path, code: 'notInteger', params: { value } });
  };
  const channels = new Set(plan.channels.map((c) => c.id));
  const regions = new Set(plan.regions.map((r) => r.id));
  const scenarios = new Set(plan.scenarios.map((s) => s.id));
  const seen = new Set<string>();
  list.forEach((e, i) => {
    const at = (...p: (string | number)[]) => ['experiments', i, ...p];
    if (seen.has(e.id)) errors.push({ path: at('id'), code: 'duplicateId', params: { value: e.id } });
    seen.add(e.id);
    if (!channels.has(e.change.channelId)) warnings.push({ path: at('change', 'channelId'), code: 'unknownRef', params: { value: e.change.channelId } });
    if (e.change.regionId !== '' && !regions.has(e.change.regionId)) warnings.push({ path: at('change', 'regionId'), code: 'unknownRef', params: { value: e.change.regionId } });
    if (e.change.scenarioId !== null && !scenarios.has(e.change.scenarioId)) warnings.push({ path: at('change', 'scenarioId'), code: 'unknownRef', params: { value: e.change.scenarioId } });
    if (!MONTH_RE.test(e.change.month)) errors.push({ path: at('change', 'month'), code: 'invalidValue', params: { value: e.change.month } });
    range(at('change', 'percent'), e.change.percent, -99, 1000);
    range(at('settings', 'share'), e.settings.share, 0.01, 1);
    range(at('settings', 'alpha'), e.settings.alpha, 0.001, 0.5);
    range(at('settings', 'power'), e.settings.power, 0.5, 0.999);
    range(at('settings', 'cv'), e.settings.cv, 0.01, 10);
    count(at('settings', 'days'), e.settings.days);
    count(at('settings', 'looks'), e.settings.looks);
    const r = e.result;
    range(at('result', 'confidence'), r.confidence, 0.5, 0.999);
    for (const k of ['controlUnits', 'controlConversions', 'testUnits', 'testConversions', 'controlOrders', 'testOrders'] as const) count(at('result', k), r[k]);
    for (const k of ['controlSd', 'testSd'] as const) range(at('result', k), r[k], 0, Number.MAX_SAFE_INTEGER);
    if (r.controlUnits !== null && r.controlConversions !== null && r.controlConversions > r.controlUnits) errors.push({ path: at('result', 'controlConversions'), code: 'outOfRange', params: { min: 0, max: r.controlUnits, value: r.controlConversions } });
    if (r.testUnits !== null && r.testConversions !== null && r.testConversions > r.testUnits) errors.push({ path: at('result', 'testConversions'), code: 'outOfRange', params: { min: 0, max: r.testUnits, value: r.testConversions } });
  });
  return { errors, warnings };
}

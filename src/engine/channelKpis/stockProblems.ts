/** Problems of a channel's monthly stock. */
import { parseMonth } from '../timeline';
import type { MonthlyStock } from '../types';
import type { Problem } from '../validate';
import { kpiValueProblem, STOCK_SPEC } from './fields';

export function stockProblems(path: (string | number)[], d: MonthlyStock): Problem[] {
  const out: Problem[] = [];
  const check = (at: (string | number)[], v: number): void => {
    const code = kpiValueProblem(STOCK_SPEC, v);
    if (code === 'outOfRange') out.push({ path: at, code, params: { min: STOCK_SPEC.min, max: STOCK_SPEC.max, value: v } });
    else if (code) out.push({ path: at, code, params: { value: v } });
  };
  if (d.base !== undefined) check([...path, 'base'], d.base);
  for (const [month, v] of Object.entries(d.overrides ?? {})) {
    if (!parseMonth(month)) out.push({ path: [...path, 'overrides', month], code: 'invalidValue' });
    else check([...path, 'overrides', month], v);
  }
  return out;
}

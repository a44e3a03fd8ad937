/**
 * Problems of a plan's channel KPIs (docs/model.md#channel-kpis), for the plan-file checks: a value
 * outside its range is an error (it would make a share or turnover meaningless); an entry for a
 * channel the plan no longer has is a warning, as everywhere else a removed channel leaves traces.
 */
import { stockProblems } from './stockProblems';
import type { Plan } from '../types';
import type { Problem } from '../validate';
import { kpiValueProblem, TYPED_KPI_FIELDS, TYPED_KPI_SPECS, type KpiFieldSpec } from './fields';

export interface ChannelKpiProblems {
  errors: Problem[];
  warnings: Problem[];
}

function valueProblem(path: (string | number)[], spec: KpiFieldSpec, v: number): Problem | null {
  const code = kpiValueProblem(spec, v);
  if (code === null) return null;
  return code === 'outOfRange' ? { path, code, params: { min: spec.min, max: spec.max, value: v } } : { path, code, params: { value: v } };
}

export function validateChannelKpis(plan: Plan): ChannelKpiProblems {
  const out: ChannelKpiProblems = { errors: [], warnings: [] };
  const k = plan.channelKpis;
  if (!k) return out;
  const base = ['channelKpis'];
  const push = (p: Problem | null): void => {
    if (p) out.errors.push(p);
  };
  if (k.backlogDays !== undefined) push(valueProblem([...base, 'backlogDays'], TYPED_KPI_SPECS.backlogDays, k.backlogDays));
  if (k.satisfactionFloor !== undefined) push(valueProblem([...base, 'satisfactionFloor'], TYPED_KPI_SPECS.satisfaction, k.satisfactionFloor));
  if (k.complaintCeiling !== undefined) push(valueProblem([...base, 'complaintCeiling'], TYPED_KPI_SPECS.complaintRate, k.complaintCeiling));
  const channelIds = new Set(plan.channels.map((c) => c.id));
  for (const [id, values] of Object.entries(k.channels)) {
    const p = [...base, 'channels', id];
    if (!channelIds.has(id)) out.warnings.push({ path: p, code: 'unknownRef', params: { value: id } });
    for (const field of TYPED_KPI_FIELDS) {
      const v = values[field];
      if (v !== undefined) push(valueProblem([...p, field], TYPED_KPI_SPECS[field], v));
    }
    if (values.stock) out.errors.push(...stockProblems([...p, 'stock'], values.stock));
  }
  return out;
}

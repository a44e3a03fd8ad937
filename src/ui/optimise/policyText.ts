/** Rules and groups in the user's words (never internal codes), for the editor, the results and the export. */
import type { EfficiencyPolicy, GroupPolicy, Plan, PolicyGroup } from '../../engine/types';
import { formatMoney, formatPercent } from '../../i18n/format';
import { t } from '../../state/i18n.svelte';

export interface Money {
  currency: string;
  locale: string;
}

export function groupLabel(plan: Plan, g: PolicyGroup): string {
  switch (g.kind) {
    case 'all':
      return t('pol.all');
    case 'type':
      return t(`type.${g.type}`);
    case 'role':
      return t('pol.groupOfRole', { role: t(`role.${g.role}`) });
    case 'region':
      return t('pol.groupOfRegion', { region: plan.regions.find((r) => r.id === g.regionId)?.name ?? '—' });
    case 'channels': {
      const names = g.ids.map((id) => plan.channels.find((c) => c.id === id)?.name).filter((n): n is string => n !== undefined);
      return g.name || names.join(' + ') || '—';
    }
  }
}

/** A value a rule measures, formatted the way the rule states it. */
export function ruleValueText(rule: GroupPolicy | EfficiencyPolicy, v: number | null, money: Money): string {
  if (v === null) return '—';
  if ('group' in rule) return rule.measure === 'share' ? formatPercent(v, money.locale, 1) : formatMoney(v, money.currency, money.locale);
  return rule.metric === 'cac' ? formatMoney(v, money.currency, money.locale) : formatPercent(v, money.locale, 1);
}

export function ruleText(plan: Plan, rule: GroupPolicy | EfficiencyPolicy, money: Money): string {
  if ('group' in rule) {
    const f = (v: number): string => ruleValueText(rule, v, money);
    const range = rule.min !== undefined && rule.max !== undefined
      ? t('pol.rangeBoth', { min: f(rule.min), max: f(rule.max) })
      : rule.min !== undefined ? `≥ ${f(rule.min)}` : rule.max !== undefined ? `≤ ${f(rule.max)}` : '—';
    return t(rule.measure === 'share' ? 'pol.ruleShare' : 'pol.ruleAmount', { group: groupLabel(plan, rule.group), range });
  }
  return t('pol.ruleEfficiency', {
    metric: t(`metric.${rule.metric}`),
    op: rule.metric === 'cac' ? '≤' : '≥',
    limit: ruleValueText(rule, rule.limit, money),
    scope: t(`pol.scope.${rule.scope}`),
  });
}

import type { PlanResult } from '../../engine/compute';
import { DRIVER_SPECS } from '../../engine/drivers';
import type { AdjustmentNotice } from '../../engine/scenarios/apply';
import type { Plan } from '../../engine/types';
import { formatMonth } from '../../i18n/format';
import { t } from '../../state/i18n.svelte';
import { formatByUnit, type Money } from '../units';
import { channelName, inRegion } from './describe';

/**
 * Notices of applied adjustments in words, for the adjustment they belong to (its row in the grid
 * and its line in "In words") and for the notices list under the KPI tiles.
 */
export function adjustmentNoticeText(plan: Plan, n: AdjustmentNotice, money: Money): string {
  // A notice of a channel computed by region names the region it happened in.
  const region = (n as { regionId?: string }).regionId;
  const channel = (id: string): string => inRegion(plan, channelName(plan, id), region);
  switch (n.kind) {
    case 'unknownChannel':
      return t('notice.unknownChannel', { channel: n.channelId });
    case 'skipped':
      return t('notice.skipped', { reason: t(`skip.${n.reason}`) });
    case 'moveLimited':
      return t('se.notice.moveLimited', {
        from: channel(n.channelId),
        month: formatMonth(n.month, money.locale),
        count: n.count,
        moved: formatByUnit('money', n.moved, money),
        requested: formatByUnit('money', n.requested, money),
      });
    case 'aboveMax':
    case 'belowMin': {
      const spec = DRIVER_SPECS[n.driver];
      return t(n.kind === 'aboveMax' ? 'se.notice.aboveMax' : 'se.notice.belowMin', {
        driver: t(`driver.${n.driver}`),
        channel: channel(n.channelId),
        month: formatMonth(n.month, money.locale),
        count: n.count,
        max: formatByUnit(spec.unit, spec.max, money),
      });
    }
    case 'notFinite':
      return t('notice.notFinite', { driver: t(`driver.${n.driver}`), channel: channel(n.channelId), month: formatMonth(n.month, money.locale), count: n.count });
  }
}

/** The notices of one scenario's own adjustments, by adjustment id (its parents' are theirs). */
export function noticesByAdjustment(plan: Plan, result: PlanResult | null, scenarioId: string, money: Money): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const n of result?.adjustmentNotices ?? []) {
    if (n.scenarioId !== scenarioId) continue;
    const list = out.get(n.adjustmentId) ?? [];
    list.push(adjustmentNoticeText(plan, n, money));
    out.set(n.adjustmentId, list);
  }
  return out;
}

/** Every notice of a result, each once: the baseline's clamps, then each scenario's, named. */
export function resultNotices(plan: Plan, result: PlanResult, money: Money): string[] {
  const clamps = result.notices.map((n) =>
    t(`notice.${n.kind}`, {
      driver: t(`driver.${n.driver}`),
      channel: inRegion(plan, channelName(plan, n.channelId), (n as { regionId?: string }).regionId),
      month: formatMonth(n.month, money.locale),
      count: n.count,
    }),
  );
  const scenarioName = (id: string | undefined): string => plan.scenarios.find((s) => s.id === id)?.name ?? '';
  const adjustments = result.adjustmentNotices.map((n) => {
    const text = adjustmentNoticeText(plan, n, money);
    const name = scenarioName(n.scenarioId);
    return name ? t('se.notice.inScenario', { scenario: name, text }) : text;
  });
  return [...new Set([...clamps, ...adjustments])];
}

/** The promotions table as exported: one row per event with its settings and its effect on the plan. */
import type { PromotionEffect } from '../../../engine/levers/promotionEffects';
import type { Plan, Promotion } from '../../../engine/types';
import { t } from '../../../state/i18n.svelte';
import type { ExportCell } from '../../export/cells';
import { moneyCell } from '../../export/tableExport';

const pct = (v: number | null | undefined): ExportCell => (v === null || v === undefined || !Number.isFinite(v) ? null : { value: v, format: { kind: 'percent' } });
const count = (v: number | null | undefined): ExportCell => (v === null || v === undefined || !Number.isFinite(v) ? null : { value: v, format: { kind: 'count' } });
const whole = (v: number | null | undefined): ExportCell => (v === null || v === undefined ? null : { value: v, format: { kind: 'integer' } });

export function promotionExportRows(plan: Plan, list: readonly Promotion[], effects: ReadonlyMap<string, PromotionEffect>): ExportCell[][] {
  const channelName = (id: string): string => plan.channels.find((c) => c.id === id)?.name ?? id;
  const cur = plan.currency;
  const header: ExportCell[] = [
    t('levers.promo.name'), t('levers.promo.channels'), t('levers.promo.start'), t('levers.promo.end'), t('levers.promo.depth'), t('levers.promo.lift'),
    t('levers.promo.liftOn'), t('levers.promo.pullForward'), t('levers.promo.pullForwardDays'), t('levers.promo.hangover'), t('levers.promo.hangoverMonths'),
    t('levers.promo.enabled'), t('levers.promo.orders'), t('levers.promo.netRevenue'), t('levers.promo.discount'), t('levers.promo.contribution'), t('levers.promo.breakEven'),
  ];
  return [
    header,
    ...list.map((p): ExportCell[] => {
      const e = effects.get(p.id);
      return [
        p.name, p.channelIds.map(channelName).join(', '), p.start, p.end, pct(p.depth), pct(p.lift), t(`levers.promo.liftOn.${p.liftOn}`),
        pct(p.pullForward?.share), whole(p.pullForward?.days), pct(p.hangover?.share), whole(p.hangover?.months),
        p.enabled ? '✓' : '',
        count(e?.orders), moneyCell(e?.netRevenue, cur), moneyCell(e?.discount, cur), moneyCell(e?.contribution, cur),
        e ? (e.breakEvenLift === null ? t('levers.promo.breakEvenNone') : pct(e.breakEvenLift)) : null,
      ];
    }),
  ];
}

/**
 * The designed test and its observed result as a two-column table (what, value) for CSV and XLSX:
 * numbers typed (percent, money, count) so that a spreadsheet computes with them.
 */
import type { PlanLift, PlannedChange, ProportionCounts, ProportionTestResult, WelchResult } from '../../engine/experiments';
import type { Plan } from '../../engine/types';
import { t, type AnyMessageKey } from '../../state/i18n.svelte';
import { countCell, decimalCell, moneyCell, percentCell, type ExportCell } from '../export/cells';
import type { TestDesignFigures } from './designModel';

export function designRows(
  plan: Plan,
  change: PlannedChange,
  lift: PlanLift,
  f: TestDesignFigures,
  share: number,
  result: ProportionTestResult | WelchResult | null,
  counts: ProportionCounts | null,
): ExportCell[][] {
  const cur = plan.currency;
  const channel = plan.channels.find((c) => c.id === change.channelId);
  const region = plan.regions.find((r) => r.id === change.regionId);
  const orderValue = f.kind === 'orderValue';
  const level = (v: number): ExportCell => (orderValue ? moneyCell(v, cur) : percentCell(v));
  const low = (what: AnyMessageKey): string => t('exp.col.low', { what: t(what) });
  const high = (what: AnyMessageKey): string => t('exp.col.high', { what: t(what) });
  const rows: ExportCell[][] = [
    [t('xport.a.item'), t('xport.a.value')],
    [t('cal.channel'), channel?.name ?? ''],
    [t('adj.driver'), t(`driver.${change.driver}`)],
    [t('exp.change'), percentCell(change.percent / 100)],
    [t('groupBy.region'), region?.name ?? t('exp.wholeChannel')],
    [t('granularity.month'), change.month],
    [`${t('exp.predicted')} ${t('metric.orders')}`, percentCell(lift.ordersLift)],
    [`${t('exp.predicted')} ${t('metric.netRevenue')}`, percentCell(lift.revenueLift)],
    [t('exp.control'), level(f.control)],
    [`${t('exp.predicted')} ${t('exp.test')}`, level(f.predicted)],
    [t('exp.share'), percentCell(share)],
    [t('exp.sampleSize'), countCell(f.unitsPerArm)],
    [t('exp.duration'), decimalCell(f.daysNeeded, 1)],
    [t('exp.days'), countCell(f.days)],
    [t('exp.power'), percentCell(f.powerInDays)],
    [t('exp.col.mde'), percentCell(f.mdeRelative)],
    [`${t('exp.cost')}: ${t('driver.spend')}`, moneyCell(f.extraSpend, cur)],
    [`${t('exp.cost')}: ${t('metric.contribution')}`, moneyCell(f.contributionChange, cur)],
    [t('exp.looks'), countCell(f.looks)],
    [t('exp.col.falsePositive'), percentCell(f.falsePositiveRate)],
  ];
  if (result && 'z' in result) {
    rows.push(
      [`${t('exp.control')}: ${t('metric.traffic')}`, countCell(counts?.controlUnits)],
      [`${t('exp.control')}: ${t('metric.orders')}`, countCell(counts?.controlConversions)],
      [`${t('exp.test')}: ${t('metric.traffic')}`, countCell(counts?.testUnits)],
      [`${t('exp.test')}: ${t('metric.orders')}`, countCell(counts?.testConversions)],
      ['z', decimalCell(result.z, 4)],
      ['p', decimalCell(result.p, 6)],
      // The difference of two rates in percentage points, as its label says.
      [t('exp.col.diff'), decimalCell(result.difference * 100, 4)],
      [low('exp.col.diff'), decimalCell(result.differenceLow * 100, 4)],
      [high('exp.col.diff'), decimalCell(result.differenceHigh * 100, 4)],
      [t('exp.col.lift'), percentCell(result.relativeLift)],
      [low('exp.col.lift'), percentCell(result.relativeLow)],
      [high('exp.col.lift'), percentCell(result.relativeHigh)],
    );
  } else if (result) {
    rows.push(
      ['t', decimalCell(result.t, 4)],
      ['df', decimalCell(result.df, 2)],
      ['p', decimalCell(result.p, 6)],
      [t('exp.meanOrderValue'), moneyCell(result.difference, cur)],
      [low('exp.meanOrderValue'), moneyCell(result.low, cur)],
      [high('exp.meanOrderValue'), moneyCell(result.high, cur)],
    );
  }
  return rows;
}

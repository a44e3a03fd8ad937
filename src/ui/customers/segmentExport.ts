import type { SegmentRow } from '../../engine/customers';
import { t } from '../../state/i18n.svelte';
import { integerCell, majorMoneyCell, percentCell, type ExportCell, type ExportTable } from '../export/cells';
import { segmentName } from './customerFormat';

/** The segment table as exported: the rows and the total row SegmentTable shows. */
export function segmentExportTable(rows: readonly SegmentRow[], currency: string): ExportTable {
  const head: ExportCell[] = [t('cust.col.segment'), t('cust.col.customers'), t('cust.col.customerShare'), t('cust.col.orders'), t('cust.col.revenue'), t('cust.col.revenueShare'), t('cust.col.aov')];
  const body = rows.map((r): ExportCell[] => [segmentName(r.id), integerCell(r.customers), percentCell(r.customerShare), integerCell(r.orders), majorMoneyCell(r.revenue, currency), percentCell(r.revenueShare), majorMoneyCell(r.aov, currency)]);
  const total = rows.reduce((a, r) => ({ customers: a.customers + r.customers, orders: a.orders + r.orders, revenue: a.revenue + r.revenue }), { customers: 0, orders: 0, revenue: 0 });
  const totalRow: ExportCell[] = [t('cust.total'), integerCell(total.customers), null, integerCell(total.orders), majorMoneyCell(total.revenue, currency), null, majorMoneyCell(total.orders > 0 ? total.revenue / total.orders : null, currency)];
  return { rows: [head, ...body, totalRow], totalRows: 1 };
}

import { describe, expect, it } from 'vitest';
import { monthlyActualsSql } from '../../../src/engine/actuals/sql';

const source = { table: ['shop', 'orders'], customer: 'buyer', date: 'paid_at', amount: 'paid', orderId: 'order_no', channel: '店铺', region: "prov'ince", quantity: 'qty' };

describe('monthlyActualsSql', () => {
  it('writes each dialect’s month, quoting and exact decimals', () => {
    const duck = monthlyActualsSql('duckdb', source, { moneyDigits: 2 });
    const spark = monthlyActualsSql('spark', source, { moneyDigits: 2 });
    const bq = monthlyActualsSql('bigquery', source, { moneyDigits: 2 });
    if (!duck.ok || !spark.ok || !bq.ok) throw new Error('not ok');
    expect(duck.sql).toContain(`strftime(order_day, '%Y-%m') AS month`);
    expect(duck.sql).toContain('FROM "shop"."orders"');
    expect(duck.sql).toContain(`TRIM(CAST("prov'ince" AS VARCHAR))`);
    expect(duck.sql).toContain('CAST(CAST(SUM(amount_minor) AS DECIMAL(38, 0)) / 100 AS DECIMAL(38, 2)) AS net_revenue');
    expect(spark.sql).toContain(`date_format(order_day, 'yyyy-MM') AS month`);
    expect(spark.sql).toContain('FROM `shop`.`orders`');
    expect(spark.sql).toContain('CAST(ROUND((amount) * 100) AS BIGINT)');
    expect(bq.sql).toContain(`FORMAT_DATE('%Y-%m', order_day) AS month`);
    expect(bq.sql).toContain('SAFE_CAST(`paid_at` AS DATE)');
    expect(bq.sql).toContain('ROUND(CAST(SUM(amount_minor) AS NUMERIC) / 100, 2) AS net_revenue');
    expect(bq.sql).toContain('AS INT64');
  });

  it('names a data set without a channel column after the name given, and refuses bad names', () => {
    const r = monthlyActualsSql('spark', { table: 't', customer: 'c', date: 'd', amount: 'a' }, { moneyDigits: 0, channelName: "Li's shop" });
    expect(r.ok && r.sql).toContain(`'Li\\'s shop' AS channel`);
    expect(r.ok && r.sql).toContain('SUM(amount_minor) AS net_revenue');
    expect(monthlyActualsSql('duckdb', { table: 't', customer: ' ', date: 'd', amount: 'a' }, { moneyDigits: 2, cancellationPrefix: 'C' })).toEqual({
      ok: false,
      problems: [
        { code: 'emptyName', field: 'customer' },
        { code: 'noOrderIdColumn', field: 'cancellationPrefix' },
      ],
    });
  });
});

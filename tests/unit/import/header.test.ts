import { describe, expect, it } from 'vitest';
import { detectColumnMapping, normaliseHeader } from '../../../src/engine/import/header';

describe('column mapping from headers', () => {
  it('maps UCI Online Retail: amount is quantity × unit price, cancellations are invoices starting with C', () => {
    const guess = detectColumnMapping(['InvoiceNo', 'StockCode', 'Description', 'Quantity', 'InvoiceDate', 'UnitPrice', 'CustomerID', 'Country']);
    expect(guess.mapping).toEqual({ orderId: 0, product: 1, quantity: 3, date: 4, unitPrice: 5, customer: 6, region: 7 });
    expect(guess.amountFrom).toBe('quantityTimesUnitPrice');
    expect(guess.complete).toBe(true);
    expect(guess.unmapped).toEqual([2]);
    expect(guess.suggestedCancellationPrefix).toBe('C');
    expect(guess.confidence.customer).toBe(1);
  });

  it('maps simplified Chinese headers', () => {
    const guess = detectColumnMapping(['客户编号', '下单时间', '实付金额', '销售渠道', '地区', '数量', '商品名称', '订单状态', '备注']);
    expect(guess.mapping).toEqual({ customer: 0, date: 1, amount: 2, channel: 3, region: 4, quantity: 5, product: 6, status: 7 });
    expect(guess.amountFrom).toBe('column');
    expect(guess.unmapped).toEqual([8]);
    expect(guess.suggestedCancellationPrefix).toBeNull();
  });

  it('maps traditional Chinese headers', () => {
    const guess = detectColumnMapping(['客戶編號', '訂單日期', '金額', '通路', '地區', '數量', '產品', '訂單號']);
    expect(guess.mapping).toEqual({ customer: 0, date: 1, amount: 2, channel: 3, region: 4, quantity: 5, product: 6, orderId: 7 });
    expect(guess.complete).toBe(true);
  });

  it('maps short and English headers, with spaces, case and units', () => {
    expect(detectColumnMapping(['顾客', '日期', '实付', '通路', '区域']).mapping).toEqual({ customer: 0, date: 1, amount: 2, channel: 3, region: 4 });
    expect(detectColumnMapping(['会员ID', '交易日期', '销售额（元）', '渠道', '省份', '订单号']).mapping).toEqual({
      customer: 0,
      date: 1,
      amount: 2,
      channel: 3,
      region: 4,
      orderId: 5,
    });
    expect(detectColumnMapping(['Customer ID', 'Order Date', 'Revenue', 'Sales Channel', 'Region', 'SKU']).mapping).toEqual({
      customer: 0,
      date: 1,
      amount: 2,
      channel: 3,
      region: 4,
      product: 5,
    });
    expect(normaliseHeader(' 实付金额（元） ')).toBe('实付金额');
    expect(normaliseHeader('Customer_ID')).toBe('customerid');
  });

  it('prefers the stronger name when two columns could be the same field', () => {
    const guess = detectColumnMapping(['付款时间', '下单时间', '客户名称', '客户编号', '订单金额']);
    expect(guess.mapping.date).toBe(1);
    expect(guess.mapping.customer).toBe(3);
    expect(guess.unmapped).toEqual([0, 2]);
  });

  it('lowers confidence when two columns match equally well', () => {
    const guess = detectColumnMapping(['客户', '顾客', '日期', '金额']);
    expect(guess.mapping.customer).toBe(0);
    expect(guess.confidence.customer).toBeLessThan(0.9);
  });

  it('leaves unknown columns unmapped and says when the mapping is incomplete', () => {
    const guess = detectColumnMapping(['foo', 'bar', '日期', '']);
    expect(guess.mapping).toEqual({ date: 2 });
    expect(guess.complete).toBe(false);
    expect(guess.amountFrom).toBeNull();
    expect(guess.unmapped).toEqual([0, 1, 3]);
  });

  it('finds a field inside a longer header with lower confidence', () => {
    const guess = detectColumnMapping(['客户编号(内部)', '订单日期', '本单实付金额合计']);
    expect(guess.mapping).toEqual({ customer: 0, date: 1, amount: 2 });
    expect(guess.confidence.amount).toBe(0.5);
  });
});

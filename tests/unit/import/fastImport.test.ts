/**
 * The fast import on real and large files, and readTransactions with the kernel on against the same
 * call with it off (the JS path alone): same import, same source, same failures.
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { ImportFailure } from '../../../src/engine/import/failure';
import { completePolicies } from '../../../src/engine/import/policies';
import { readTransactions, type ReadOptions } from '../../../src/engine/import/read';
import { useImportKernel } from '../../../src/engine/import/wasm/kernel';
import { mulberry32 } from '../../../src/engine/random';
import { byteChunks, caseArb, expectSameImport, readWithJs, readWithKernel } from './fastImportCases';
import { fixture, memorySource, pieces, textDeps } from './helpers';

afterEach(() => {
  useImportKernel(true);
});

const utf8 = new TextEncoder();

type Outcome = { ok: true; value: unknown } | { ok: false; code: string; detail: unknown };

async function read(bytes: Uint8Array, options: ReadOptions, kernel: boolean, piece = 64 * 1024): Promise<Outcome> {
  const was = useImportKernel(kernel);
  try {
    const value = await readTransactions({ kind: 'csv', source: memorySource(pieces(bytes, piece)), container: null }, options, async () => {}, textDeps);
    return { ok: true, value };
  } catch (e) {
    if (!(e instanceof ImportFailure)) throw e;
    return { ok: false, code: e.code, detail: e.detail };
  } finally {
    useImportKernel(was);
  }
}

/**
 * A transaction file like a shop's export: Pareto-skewed customers (some ids longer than 16 bytes,
 * some Chinese), dates in order, amounts with cents and a few refunds, many channels, Chinese
 * regions, a quoted note; `repeats` of the rows are exact duplicates.
 */
function shopExport(rows: number, seed: number, repeats = 0): Uint8Array {
  const rand = mulberry32(seed);
  const customers = Math.max(50, Math.round(rows / 4));
  const regions = ['华东', '华南', '华北', '西南', '华中', '东北'];
  const lines = ['customer_id,order_date,amount,channel,region,note'];
  let last = '';
  for (let i = 0; i < rows; i++) {
    if (last && rand() < repeats) {
      lines.push(last);
      continue;
    }
    const c = Math.floor(customers * rand() ** 3);
    const id = c % 7 === 0 ? `会员-${c}-上海门店` : c % 5 === 0 ? `member.${c}@example-shop.com` : `C${String(c).padStart(7, '0')}`;
    const day = new Date(Date.UTC(2023, 0, 1) + Math.floor((i * 730) / rows) * 86_400_000).toISOString().slice(0, 10);
    const cents = Math.round(Math.exp(3 + 1.5 * rand()) * 100) * (rand() < 0.03 ? -1 : 1);
    const channel = rand() < 0.2 ? `"Store, ${Math.floor(rand() * 300)}"` : `Channel ${Math.floor(rand() * 40)}`;
    const note = rand() < 0.3 ? '"Gift, ""wrapped"""' : '';
    last = `${id},${day},${(cents / 100).toFixed(2)},${channel},${regions[Math.floor(rand() * 6)]},${note}`;
    lines.push(last);
  }
  return utf8.encode(lines.join('\r\n') + '\r\n');
}

const MAPPING = { customer: 0, date: 1, amount: 2, channel: 3, region: 4 };

describe('fast import on real and large files', () => {
  it('takes the R rfm sample orders and reads them as the JS path does', () => {
    const bytes = new Uint8Array(readFileSync(new URL('../../fixtures/customers/rfm_data_orders.csv', import.meta.url)));
    const c = { delimiter: ',' as const, mapping: { customer: 0, date: 1, amount: 2 }, policies: completePolicies({}) };
    const chunks = byteChunks(bytes, [1000, 77_777, 150_001]);
    const fast = readWithKernel(c, chunks);
    expect(fast.reason).toBeNull();
    expectSameImport(fast.imp!, readWithJs(c, chunks).imp);
    expect(fast.imp!.columns.length).toBe(4906);
    expect(fast.imp!.columns.customer.values).toHaveLength(995);
  });

  it('takes UCI Online Retail as the app maps it (quantity × unit price, cancellations by a C before the invoice number, rows without a customer skipped) and reads it as the JS path does', async () => {
    const bytes = fixture('online_retail_2000.csv');
    const mapping = { customer: 6, date: 4, quantity: 3, unitPrice: 5, orderId: 0, product: 1 };
    const c = { delimiter: ',' as const, mapping, policies: completePolicies({ cancellation: { orderIdPrefix: 'C' } }) };
    const chunks = byteChunks(bytes, [5000, 100_000]);
    const fast = readWithKernel(c, chunks);
    expect(fast.reason).toBeNull();
    expectSameImport(fast.imp!, readWithJs(c, chunks).imp);
    const { report, columns } = fast.imp!;
    expect(report.skipped.missingCustomer.count).toBeGreaterThan(0);
    expect(report.returns.marked).toBeGreaterThan(0);
    expect(columns.quantity).not.toBeNull();
    // Through readTransactions, the kernel on and off.
    const options: ReadOptions = { mapping, policies: { cancellation: { orderIdPrefix: 'C' } } };
    const on = await read(bytes, options, true);
    expect(on.ok).toBe(true);
    expect(isDeepStrictEqual(on, await read(bytes, options, false))).toBe(true);
  });

  it('takes a shop export with an order status column: each new status is classed once, refunds and cancellations read as the JS path does', () => {
    const statuses = ['交易成功', '交易成功', '交易成功', '退款成功', '交易关闭', '等待买家付款', '退款关闭'];
    const rand = mulberry32(3);
    const lines = ['订单号,客户,下单时间,实付金额,订单状态'];
    for (let i = 0; i < 5000; i++) lines.push(`O${i},C${Math.floor(rand() * 800)},2024-0${1 + (i % 9)}-1${i % 10},${(rand() * 500).toFixed(2)},${statuses[Math.floor(rand() * statuses.length)]}`);
    const bytes = utf8.encode(lines.join('\n'));
    for (const rows of ['orderOutcome', 'returnTransaction'] as const) {
      for (const returns of ['netOff', 'keep', 'exclude'] as const) {
        const c = { delimiter: ',' as const, mapping: { orderId: 0, customer: 1, date: 2, amount: 3, status: 4 }, policies: completePolicies({ returns, statuses: { ...completePolicies({}).statuses, rows } }) };
        const chunks = byteChunks(bytes, [1000, 50_000]);
        const fast = readWithKernel(c, chunks);
        expect(fast.reason).toBeNull();
        expectSameImport(fast.imp!, readWithJs(c, chunks).imp);
        const classOf = Object.fromEntries(fast.imp!.report.statuses.map((s) => [s.value, s.class]));
        expect(classOf).toEqual({ 交易成功: 'sale', 退款成功: 'refunded', 交易关闭: 'cancelled', 等待买家付款: 'cancelled', 退款关闭: 'sale' });
      }
    }
  });

  it('takes a shop’s GBK export (as Chinese Excel saves CSV) with its status column, and reads it as the JS path does', async () => {
    const bytes = new Uint8Array(readFileSync(new URL('../../fixtures/customers-ui/orders-gbk.csv', import.meta.url)));
    const mapping = { orderId: 0, customer: 1, date: 2, amount: 3, channel: 4, region: 5, quantity: 6, product: 7, status: 8 };
    const c = { encoding: 'gb18030' as const, delimiter: ',' as const, mapping, policies: completePolicies({}) };
    const chunks = byteChunks(bytes, [333, 4097, 20_000]);
    const fast = readWithKernel(c, chunks);
    expect(fast.reason).toBeNull();
    expectSameImport(fast.imp!, readWithJs(c, chunks).imp);
    expect(fast.imp!.columns.channel!.values).toContain('天猫旗舰店');
    expect(fast.imp!.report.header[0]).toBe('订单号');
    const options: ReadOptions = { mapping, policies: {} };
    const on = await read(bytes, options, true);
    expect(on.ok && (on.value as { source: { encoding: string } }).source.encoding).toBe('gb18030');
    expect(isDeepStrictEqual(on, await read(bytes, options, false))).toBe(true);
  });

  it('refuses day-first dates whose order the column decides (the JS path asks), and reads them with the order given', async () => {
    const bytes = utf8.encode('customer,date,amount\nA,5/1/2024,5\nB,6/1/2024,6\nC,2024-01-07,7\n');
    const c = { delimiter: ',' as const, mapping: { customer: 0, date: 1, amount: 2 }, policies: completePolicies({}) };
    expect(readWithKernel(c, [bytes]).reason).toBe('dayMonth');
    const on = await read(bytes, { mapping: c.mapping, policies: {} }, true);
    expect(on.ok && (on.value as { imp: { question: unknown } }).imp.question).not.toBeNull();
    expect(isDeepStrictEqual(on, await read(bytes, { mapping: c.mapping, policies: {} }, false))).toBe(true);
    const dmy = { ...c, policies: completePolicies({ dayMonthOrder: 'dmy' }) };
    const fast = readWithKernel(dmy, [bytes]);
    expect(fast.reason).toBeNull();
    expectSameImport(fast.imp!, readWithJs(dmy, [bytes]).imp);
    expect(fast.imp!.report.dates.forms).toMatchObject({ dayMonth: 2, ymd: 1 });
  });

  it('reads the rows only the JS readers read (¥1,200, 2024年1月5日, Excel serials, bad values) with their help, as the JS path does', () => {
    const rand = mulberry32(5);
    const odd = ['"¥1,200"', '2024年1月5日', '45292', '一百元', '"1,234.56"', '3%', '', '2023-02-30', '(500)', '$-5'];
    const lines = ['customer,date,quantity,amount'];
    for (let i = 0; i < 3000; i++) {
      const o = odd[Math.floor(rand() * odd.length)];
      const weird = rand() < 0.1;
      const which = Math.floor(rand() * 3);
      lines.push(`C${i % 97},${weird && which === 0 ? o : '2024-03-0' + (1 + (i % 9))},${weird && which === 1 ? o : String(1 + (i % 4))},${weird && which === 2 ? o : (i / 7).toFixed(2)}`);
    }
    const bytes = utf8.encode(lines.join('\n'));
    for (const amounts of [{ amount: 3, quantity: 2 }, { unitPrice: 3, quantity: 2 }]) {
      const c = { delimiter: ',' as const, mapping: { customer: 0, date: 1, ...amounts }, policies: completePolicies({ excelSerials: 'accept' }) };
      const chunks = byteChunks(bytes, [700, 9000, 40_000]);
      const fast = readWithKernel(c, chunks);
      expect(fast.reason).toBeNull();
      const js = readWithJs(c, chunks).imp;
      expectSameImport(fast.imp!, js);
      const { skipped, dates } = js.report;
      expect(skipped.badDate.count + skipped.badAmount.count + skipped.badQuantity.count + skipped.percentAmount.count).toBeGreaterThan(50);
      expect(dates.forms.cjk + dates.forms.excelSerial).toBeGreaterThan(10);
    }
  });

  it('reads 60,000 rows whose tables, arenas and columns all grow, duplicates counted or dropped, as the JS path does', () => {
    const bytes = shopExport(60_000, 7, 0.01);
    const chunks = byteChunks(bytes, Array.from({ length: 40 }, (_, i) => i * 97_531));
    for (const duplicates of ['keep', 'drop', 'off'] as const) {
      for (const returns of ['netOff', 'exclude'] as const) {
        const c = { delimiter: ',' as const, mapping: MAPPING, policies: completePolicies({ duplicates, returns }) };
        const fast = readWithKernel(c, chunks, 4);
        expect(fast.reason).toBeNull();
        const js = readWithJs(c, chunks);
        expectSameImport(fast.imp!, js.imp);
        if (duplicates !== 'off') expect(fast.imp!.report.duplicates.count).toBeGreaterThan(300);
        expect(fast.imp!.report.returns.count).toBeGreaterThan(1000);
        expect(fast.imp!.columns.customer.values.length).toBeGreaterThan(5000);
        expect(fast.imp!.columns.channel!.values.length).toBeGreaterThan(300);
      }
    }
    // A small file after the big one: the kept kernel starts over.
    const small = utf8.encode('customer_id,order_date,amount,channel,region\nA,2024-01-02,5,x,华东\nA,2024-01-02,5,x,华东\n');
    const c = { delimiter: ',' as const, mapping: MAPPING, policies: completePolicies({}) };
    const again = readWithKernel(c, [small]);
    expectSameImport(again.imp!, readWithJs(c, [small]).imp);
    expect(again.imp!.report.duplicates.count).toBe(1);
  });

  it('refuses a record longer than it carries (400,000 中 in a note: 1.2 MB, under the 1 Mi-character field limit), which the JS path reads', async () => {
    const note = '中'.repeat(400_000);
    const bytes = utf8.encode(`customer,date,amount,note\nA,2024-01-02,5,"${note}"\nB,2024-01-03,6,short\n`);
    const c = { delimiter: ',' as const, mapping: { customer: 0, date: 1, amount: 2 }, policies: completePolicies({}) };
    expect(readWithKernel(c, byteChunks(bytes, [100_000, 900_000])).reason).toBe('limit');
    const on = await read(bytes, { mapping: c.mapping, policies: {} }, true);
    expect(on.ok).toBe(true);
    expect(isDeepStrictEqual(on, await read(bytes, { mapping: c.mapping, policies: {} }, false))).toBe(true);
  });
});

describe('readTransactions with the fast import against the JS path alone', () => {
  it('gives the same import, source and failures, the delimiter given or detected', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(caseArb(0), caseArb(0.01), caseArb(0.05), caseArb(0.01, 'gb18030')), fc.boolean(), fc.boolean(), fc.integer({ min: 1, max: 300 }), async (c, detect, cjkPrefix, piece) => {
        // A prefix the kernel does not take (not ASCII): the JS path reads the file.
        const policies = cjkPrefix ? { ...c.policies, cancellation: { orderIdPrefix: '退' } } : c.policies;
        const options: ReadOptions = { mapping: c.mapping, policies, delimiter: detect ? undefined : c.delimiter, encoding: detect ? undefined : c.encoding };
        const on = await read(c.bytes, options, true, piece);
        const off = await read(c.bytes, options, false, piece);
        expect(isDeepStrictEqual(on, off)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('reads a large shop export the same with the delimiter detected, in the pieces a browser gives', async () => {
    const bytes = shopExport(30_000, 11, 0.005);
    const options: ReadOptions = { mapping: MAPPING, policies: {} };
    const on = await read(bytes, options, true);
    expect(on.ok).toBe(true);
    const off = await read(bytes, options, false);
    expect(isDeepStrictEqual(on, off)).toBe(true);
  });
});

describe('the kernel and its caller', () => {
  it('agree on every number they share (statistics, pauses, refusals)', async () => {
    const shared = await import('../../../src/engine/import/wasm/kernel');
    const { importKernel, releaseImportKernel } = shared;
    const kernel = importKernel()!;
    const exported = kernel as unknown as Record<string, { value: number } | undefined>;
    const names = Object.keys(shared).filter((k) => /^(S_|PAUSE|OK$|BAIL$)/.test(k));
    expect(names.length).toBeGreaterThan(25);
    for (const name of names) {
      const constant = (shared as unknown as Record<string, number>)[name];
      expect(exported[name]?.value, name).toBe(constant);
    }
    // Each refusal the module numbers has its name at that number in BAIL_REASONS.
    const refusals = Object.keys(exported).filter((k) => k.startsWith('BAIL_'));
    expect(refusals.length).toBe(shared.BAIL_REASONS.length - 1);
    for (const name of refusals) expect(shared.BAIL_REASONS[exported[name]!.value]).toBe(name.slice(5).toLowerCase());
    releaseImportKernel(kernel);
  });
});

import { gzipSync } from 'node:zlib';
import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TransactionColumnBuilder } from '../../../src/engine/import/columns';
import { CsvParser } from '../../../src/engine/import/csv';
import { detectColumnMapping } from '../../../src/engine/import/header';
import { provinceOfAddress } from '../../../src/engine/import/province';
import type { PlannerDb } from '../../../src/persistence/db';
import { loadDataset } from '../../../src/persistence/datasets';
import { apiFor, expectDone, fileOf, fixtureBytes, fixtureText, freshDb, ignoreProgress, options, storedCounts, type TestApi } from './helpers';

let db: PlannerDb;
let api: TestApi;
beforeAll(async () => {
  db = await freshDb();
  api = apiFor(db);
});
afterAll(() => db.close());

const signal = () => new AbortController().signal;
const basic = { customer: 0, date: 1, amount: 2 };

describe('compressed files import directly', () => {
  const gbk = fixtureBytes('import/transactions-gbk.csv');

  async function importedColumns(file: File) {
    const preview = await api.previewFile(file);
    const dataset = expectDone(await api.importFile(file, options(preview.mapping, { encoding: preview.encoding }), ignoreProgress, signal()));
    return { preview, dataset, columns: (await loadDataset(db, dataset.id)).columns };
  }

  it('a .csv.gz gives the same data set as the plain file, progress counted in compressed bytes', async () => {
    const plain = await importedColumns(fileOf(gbk, 'orders.csv'));
    const gz = gzipSync(gbk);
    const progress: number[] = [];
    const file = fileOf(gz, 'orders.csv.gz');
    const preview = await api.previewFile(file);
    expect(preview).toMatchObject({ container: 'gzip', innerName: 'orders.csv', encoding: 'gb18030', delimiter: ',' });
    expect(preview.headers[0]).toBe('客户编号');
    const dataset = expectDone(await api.importFile(file, options(preview.mapping, { encoding: preview.encoding }), (p) => progress.push(p.bytesRead), signal()));
    expect(dataset.source).toMatchObject({ kind: 'csv', container: 'gzip' });
    expect((await loadDataset(db, dataset.id)).columns).toEqual(plain.columns);
    expect(Math.max(...progress)).toBe(gz.length);
  });

  it('a .zip holding one CSV gives the same data set; macOS metadata in the archive is ignored', async () => {
    const plain = await importedColumns(fileOf(gbk, 'orders.csv'));
    const zip = zipSync({ '导出/订单.csv': gbk, '__MACOSX/导出/._订单.csv': strToU8('x') });
    const zipped = await importedColumns(fileOf(zip, 'orders.zip'));
    expect(zipped.preview).toMatchObject({ container: 'zip', innerName: '订单.csv' });
    expect(zipped.dataset.source).toMatchObject({ kind: 'csv', container: 'zip' });
    expect(zipped.columns).toEqual(plain.columns);
  });

  it('a .zip with several files, an empty one, and a damaged .gz are refused with their reason, nothing stored', async () => {
    const before = await storedCounts(db);
    const several = zipSync({ 'a.csv': strToU8('customer,date,amount\n'), 'b.csv': strToU8('customer,date,amount\n') });
    await expect(api.previewFile(fileOf(several, 'two.zip'))).rejects.toMatchObject({ code: 'zipSeveral' });
    const outcome = await api.importFile(fileOf(several, 'two.zip'), options(basic), ignoreProgress, signal());
    expect(outcome).toEqual({ kind: 'failed', code: 'zipSeveral', names: ['a.csv', 'b.csv'] });
    await expect(api.previewFile(fileOf(zipSync({}), 'none.zip'))).rejects.toMatchObject({ code: 'zipEmpty' });
    const gz = gzipSync(Buffer.from('customer,date,amount\n' + 'A,2024-01-02,10\n'.repeat(5000)));
    const broken = gz.slice();
    broken.fill(0x55, 40, 200);
    expect(await api.importFile(fileOf(broken, 'broken.csv.gz'), options(basic), ignoreProgress, signal())).toMatchObject({ kind: 'failed', code: 'badGzip' });
    expect(await storedCounts(db)).toEqual(before);
  });
});

describe('CDNOW’s own files: columns aligned with spaces', () => {
  it('the sample (no header): read as aligned columns, customer, date and amount found from the values', async () => {
    const file = fileOf(fixtureText('customers/CDNOW_sample.txt'), 'CDNOW_sample.txt');
    const preview = await api.previewFile(file);
    expect(preview.delimiter).toBe(' ');
    expect(preview.layout).toEqual({ skipRows: 0, hasHeader: false });
    expect(preview.sampleRows[0]).toEqual(['00004', '0001', '19970101', '2', '29.33']);
    expect(preview.mapping).toMatchObject({ customer: 0, date: 2, amount: 4 });
    const dataset = expectDone(await api.importFile(file, options(preview.mapping, { delimiter: ' ', policies: { ...options(basic).policies, hasHeader: false } }), ignoreProgress, signal()));
    expect(dataset.rows).toBe(6919);
    expect(dataset.customers).toBe(2357);
    expect(dataset.report.dates.forms.compact).toBe(6919);
  });

  it('the master file’s layout (a header, leading blanks, CRLF) reads the same way', async () => {
    const text = ' customer_id  date number_of_cds  dollar_value\r\n 00001 19970101  1   11.77\r\n 00002 19970112  1   12.00\r\n 00002 19970112  5   77.00\r\n';
    const preview = await api.previewFile(fileOf(text, 'CDNOW_master.txt'));
    expect(preview.delimiter).toBe(' ');
    expect(preview.headers).toEqual(['customer_id', 'date', 'number_of_cds', 'dollar_value']);
    expect(preview.mapping).toMatchObject({ customer: 0, date: 1, amount: 3 });
  });
});

describe('refusals say what is wrong, and only that', () => {
  it('an empty file (or one with a BOM and blank lines only) is called empty', async () => {
    await expect(api.previewFile(fileOf('', 'empty.csv'))).rejects.toMatchObject({ code: 'empty' });
    await expect(api.previewFile(fileOf('\ufeff\r\n\r\n', 'blank.csv'))).rejects.toMatchObject({ code: 'empty' });
    expect(await api.importFile(fileOf('', 'empty.csv'), options(basic), ignoreProgress, signal())).toEqual({ kind: 'failed', code: 'empty' });
  });

  it('a header without rows is refused as such, with no report', async () => {
    expect(await api.importFile(fileOf('customer,date,amount\r\n', 'head.csv'), options(basic), ignoreProgress, signal())).toEqual({ kind: 'failed', code: 'headerOnly' });
  });

  it('an unterminated quote is refused with its row and no report', async () => {
    const outcome = await api.importFile(fileOf('customer,date,amount\nA,2024-01-02,"10\n', 'q.csv'), options(basic), ignoreProgress, signal());
    expect(outcome).toEqual({ kind: 'failed', code: 'fatalCsv', issue: { code: 'unterminatedQuote', row: 2, column: 3 } });
  });

  it('“12%” in the amount column is refused and counted, never read as 0.12', async () => {
    const dataset = expectDone(await api.importFile(fileOf('customer,date,amount\nA,2024-01-02,12%\nB,2024-01-03,30\nC,2024-01-04,１２％\n', 'p.csv'), options(basic), ignoreProgress, signal()));
    expect(dataset.report.skipped.percentAmount).toEqual({ count: 2, rows: [2, 4] });
    expect(Array.from((await loadDataset(db, dataset.id)).columns.amount)).toEqual([30]);
  });
});

describe('headers of China’s large e-commerce back offices', () => {
  const field = (header: string[]) => detectColumnMapping(header).mapping;

  it('淘宝/天猫 订单报表: buyer, paid amount, created time, status, shop, title', () => {
    const header = ['订单编号', '买家会员名', '买家支付宝账号', '买家应付货款', '总金额', '买家实际支付金额', '订单状态', '收货地址', '订单创建时间', '订单付款时间', '宝贝标题', '宝贝总数量', '店铺Id', '店铺名称', '退款金额'];
    expect(field(header)).toMatchObject({ orderId: 0, customer: 1, amount: 5, status: 6, region: 7, date: 8, product: 10, quantity: 11, channel: 13 });
    expect(detectColumnMapping(header).regionIsAddress).toBe(true);
  });

  it('京东: 订单号, 下单帐号, 下单时间, 应付金额, 订单状态, 商品名称', () => {
    expect(field(['订单号', '商品ID', '商品名称', '订购数量', '下单时间', '京东价', '订单金额', '应付金额', '订单状态', '下单帐号', '客户姓名', '客户地址'])).toMatchObject({
      orderId: 0, product: 2, quantity: 3, date: 4, amount: 6, status: 8, customer: 9,
    });
  });

  it('拼多多: 用户实付金额(元) over 商品总价(元), 订单成交时间, 省', () => {
    expect(field(['商品', '订单号', '订单状态', '商品总价(元)', '用户实付金额(元)', '商品数量(件)', '收货人', '省', '市', '支付时间', '订单成交时间', '售后状态'])).toMatchObject({
      product: 0, orderId: 1, status: 2, amount: 4, quantity: 5, customer: 6, region: 7, date: 10,
    });
  });

  it('抖店: 主订单编号, 订单提交时间, 订单应付金额, 选购商品', () => {
    expect(field(['主订单编号', '子订单编号', '选购商品', '商品数量', '订单应付金额', '省', '订单提交时间', '订单状态', '流量渠道'])).toMatchObject({
      orderId: 0, product: 2, quantity: 3, amount: 4, region: 5, date: 6, status: 7, channel: 8,
    });
  });

  it('a delivery address as the region gives its province', () => {
    expect(provinceOfAddress('浙江省 杭州市 西湖区 某某路1号')).toBe('浙江');
    expect(provinceOfAddress('内蒙古自治区 呼和浩特市')).toBe('内蒙古');
    expect(provinceOfAddress('臺灣 臺北市 信義區')).toBe('台湾');
    expect(provinceOfAddress('上海 上海市 浦东新区')).toBe('上海');
    const builder = new TransactionColumnBuilder({ customer: 0, date: 1, amount: 2, region: 3 }, { regionFromAddress: true });
    const parser = new CsvParser(builder);
    parser.push('买家,时间,金额,收货地址\nA,2024-01-02,10,广东省 深圳市 南山区\nB,2024-01-03,20,广东省 广州市\nC,2024-01-04,5,黑龙江省 哈尔滨市\n');
    parser.finish();
    const region = builder.finish().columns.region!;
    expect(region.values).toEqual(['广东', '黑龙江']);
    expect(Array.from(region.codes)).toEqual([0, 0, 1]);
  });
});

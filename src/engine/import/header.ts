/**
 * Guesses which header column holds which transaction field, from English and Chinese (simplified
 * and traditional) header names. Only a guess to start the mapping dialog from: every field comes
 * with a confidence, and a column that matches nothing well is left unmapped.
 */

import type { ColumnMapping } from './transactions';

export type MappedField = keyof ColumnMapping;

/** Names by how sure they make us: exact match of the normalised header. */
const NAMES: Record<MappedField, readonly (readonly [string, number])[]> = {
  customer: [
    ['customerid', 1], ['customerno', 1], ['customernumber', 1], ['customercode', 1], ['clientid', 1], ['memberid', 1], ['userid', 0.9], ['buyerid', 0.9],
    ['customer', 0.9], ['client', 0.8], ['member', 0.8], ['buyer', 0.8], ['user', 0.6], ['customername', 0.7], ['cust', 0.7], ['custid', 0.9],
    ['客户编号', 1], ['客户id', 1], ['客户代码', 1], ['客户号', 1], ['会员id', 1], ['会员编号', 1], ['会员号', 1], ['会员卡号', 1], ['顾客编号', 1], ['顾客id', 1], ['用户id', 0.9], ['买家id', 0.9],
    ['客户', 0.9], ['顾客', 0.9], ['会员', 0.9], ['用户', 0.7], ['买家', 0.8], ['客户名称', 0.7], ['客户姓名', 0.7], ['买家昵称', 0.9], ['会员名', 0.9],
    // 淘宝/天猫 订单报表, 京东, and a fallback for exports without a buyer id (拼多多, 抖店).
    ['买家会员名', 1], ['买家账号', 1], ['买家帐号', 1], ['下单账号', 1], ['下单帐号', 1], ['客户账号', 1], ['会员账号', 1], ['buyernick', 0.9], ['用户名', 0.7],
    ['收货人', 0.5], ['收件人', 0.5],
    ['客戶編號', 1], ['客戶id', 1], ['會員id', 1], ['會員編號', 1], ['顧客編號', 1], ['客戶', 0.9], ['顧客', 0.9], ['會員', 0.9], ['客戶名稱', 0.7],
    ['買家會員名', 1], ['買家帳號', 1], ['會員帳號', 1], ['買家暱稱', 0.9],
  ],
  date: [
    ['orderdate', 1], ['invoicedate', 1], ['transactiondate', 1], ['purchasedate', 1], ['saledate', 1], ['salesdate', 1], ['date', 0.9], ['orderedat', 0.9], ['createdat', 0.6],
    ['datetime', 0.8], ['time', 0.5], ['timestamp', 0.7], ['day', 0.6],
    ['订单日期', 1], ['下单日期', 1], ['下单时间', 1], ['交易日期', 1], ['交易时间', 0.9], ['销售日期', 1], ['购买日期', 1], ['付款时间', 0.8], ['支付时间', 0.8], ['成交时间', 0.9], ['日期', 0.9], ['时间', 0.6], ['创建时间', 0.6],
    ['订单创建时间', 1], ['订单提交时间', 1], ['订购时间', 0.9], ['订单成交时间', 0.9], ['订单付款时间', 0.8], ['支付完成时间', 0.8], ['提交时间', 0.7], ['拼单成功时间', 0.6],
    ['訂單日期', 1], ['下單時間', 1], ['交易日期', 1], ['銷售日期', 1], ['購買日期', 1], ['日期', 0.9], ['時間', 0.6],
    ['訂單建立時間', 1], ['訂單創建時間', 1], ['成交時間', 0.9], ['付款時間', 0.8], ['支付時間', 0.8],
  ],
  amount: [
    ['amount', 1], ['totalamount', 1], ['orderamount', 1], ['salesamount', 1], ['netamount', 0.9], ['revenue', 1], ['sales', 0.8], ['total', 0.7], ['totalprice', 0.9], ['value', 0.6], ['paid', 0.8], ['amountpaid', 1], ['gmv', 0.8], ['spend', 0.7], ['dollarvalue', 0.9], ['dollars', 0.8],
    ['金额', 1], ['实付', 1], ['实付金额', 1], ['实收金额', 1], ['支付金额', 1], ['付款金额', 1], ['订单金额', 1], ['销售额', 1], ['销售金额', 1], ['成交金额', 1], ['交易金额', 1], ['总金额', 0.9], ['总价', 0.9], ['合计', 0.7], ['应付金额', 0.8],
    // What the buyer paid wins over list totals: 买家实际支付金额 over 总金额, 用户实付金额 over 商品总价.
    ['买家实际支付金额', 1], ['实际支付金额', 1], ['实付款', 1], ['用户实付金额', 1], ['订单应付金额', 0.9], ['商家实收金额', 0.8], ['结算金额', 0.7], ['买家应付货款', 0.7], ['商品总价', 0.7],
    ['金額', 1], ['實付', 1], ['實付金額', 1], ['訂單金額', 1], ['銷售額', 1], ['銷售金額', 1], ['交易金額', 1], ['總金額', 0.9], ['總價', 0.9],
    ['買家實際支付金額', 1], ['實際支付金額', 1], ['實付款', 1], ['付款金額', 1], ['支付金額', 1],
  ],
  unitPrice: [['unitprice', 1], ['price', 0.9], ['单价', 1], ['单位价格', 1], ['價格', 0.8], ['单價', 1], ['單價', 1], ['价格', 0.8], ['售价', 0.8], ['售價', 0.8], ['商品单价', 1], ['商品單價', 1], ['京东价', 0.6]],
  quantity: [['quantity', 1], ['qty', 1], ['units', 0.8], ['count', 0.5], ['数量', 1], ['件数', 0.9], ['购买数量', 1], ['销售数量', 1], ['數量', 1], ['件數', 0.9], ['宝贝总数量', 1], ['商品数量', 1], ['订购数量', 1], ['寶貝總數量', 1], ['商品數量', 1]],
  orderId: [
    ['orderid', 1], ['orderno', 1], ['ordernumber', 1], ['invoiceno', 1], ['invoiceid', 1], ['invoice', 0.9], ['invoicenumber', 1], ['transactionid', 1], ['receiptno', 0.9], ['order', 0.7],
    ['订单号', 1], ['订单编号', 1], ['订单id', 1], ['单号', 0.9], ['交易号', 0.9], ['流水号', 0.8], ['小票号', 0.9], ['发票号', 0.8], ['主订单编号', 1], ['子订单编号', 0.8],
    ['訂單號', 1], ['訂單編號', 1], ['單號', 0.9], ['交易編號', 0.9], ['主訂單編號', 1],
  ],
  channel: [
    ['channel', 1], ['saleschannel', 1], ['source', 0.6], ['platform', 0.8], ['store', 0.6], ['shop', 0.6],
    ['渠道', 1], ['销售渠道', 1], ['通路', 1], ['销售通路', 1], ['平台', 0.8], ['来源', 0.6], ['门店', 0.6], ['店铺', 0.9],
    // A shop of a multi-shop export is the channel the order came through.
    ['店铺名称', 1], ['店铺名', 1], ['门店名称', 0.9], ['来源渠道', 1], ['订单来源', 0.9], ['流量渠道', 0.8], ['流量来源', 0.6],
    ['銷售渠道', 1], ['銷售通路', 1], ['來源', 0.6], ['門市', 0.6], ['店鋪', 0.9], ['店鋪名稱', 1], ['門市名稱', 0.9], ['訂單來源', 0.9],
  ],
  region: [
    ['region', 1], ['area', 0.9], ['country', 0.9], ['province', 0.9], ['state', 0.8], ['city', 0.7], ['territory', 0.9],
    ['地区', 1], ['区域', 1], ['大区', 1], ['省份', 1], ['省', 0.9], ['城市', 0.7], ['国家', 0.9], ['销售区域', 1], ['收货省份', 1], ['所在省份', 1], ['收货地区', 1],
    // A full delivery address: read for its province (see regionFromAddress).
    ['收货地址', 0.6], ['收件地址', 0.6], ['收货人地址', 0.6], ['客户地址', 0.6], ['详细地址', 0.5],
    ['地區', 1], ['區域', 1], ['國家', 0.9], ['縣市', 0.8], ['省份', 1], ['收貨地址', 0.6], ['收件地址', 0.6],
  ],
  product: [
    ['product', 1], ['productid', 1], ['productname', 1], ['sku', 1], ['item', 0.8], ['itemid', 0.9], ['stockcode', 0.9], ['description', 0.5], ['goods', 0.8],
    ['商品', 1], ['商品名称', 1], ['商品编号', 0.9], ['商品id', 0.9], ['产品', 1], ['产品名称', 1], ['品名', 0.9], ['货号', 0.9], ['宝贝名称', 1],
    ['宝贝标题', 1], ['商品标题', 1], ['选购商品', 0.9],
    ['商品名稱', 1], ['商品編號', 1], ['產品', 1], ['產品名稱', 1], ['貨號', 0.9], ['寶貝標題', 1], ['商品標題', 1],
  ],
  status: [
    ['status', 1], ['orderstatus', 1], ['state', 0.4], ['订单状态', 1], ['状态', 0.9], ['交易状态', 1], ['訂單狀態', 1], ['狀態', 0.9], ['交易狀態', 1],
    ['售后状态', 0.6], ['退款状态', 0.7], ['售後狀態', 0.6],
  ],
};

/** Words that only suggest a field when found inside a longer header, e.g. "客户编号(内部)". */
const PARTS: Record<MappedField, readonly string[]> = {
  customer: ['customer', 'client', 'member', '客户', '顾客', '会员', '客戶', '顧客', '會員'],
  date: ['date', '日期', '时间', '時間'],
  amount: ['amount', 'revenue', '金额', '金額', '实付', '實付', '销售额', '銷售額'],
  unitPrice: ['unitprice', '单价', '單價'],
  quantity: ['quantity', 'qty', '数量', '數量'],
  orderId: ['orderid', 'orderno', 'invoice', '订单号', '單號', '单号', '訂單號'],
  channel: ['channel', '渠道', '通路'],
  region: ['region', '地区', '区域', '地區', '區域', '省份'],
  product: ['product', 'sku', '商品', '产品', '產品'],
  status: ['status', '状态', '狀態'],
};

const FIELDS = Object.keys(NAMES) as MappedField[];

/** Lower case, half-width, no spaces, punctuation or a bracketed unit: "实付金额（元）" → "实付金额". */
export function normaliseHeader(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[(（[【].*?[)）\]】]/g, '')
    .replace(/[\s_\-./:#·・、]+/g, '');
}

function score(field: MappedField, header: string): number {
  for (const [name, s] of NAMES[field]) if (name === header) return s;
  for (const part of PARTS[field]) if (header.includes(part)) return 0.5;
  return 0;
}

export interface MappingGuess {
  /** Column index per field found (0-based). */
  mapping: Partial<ColumnMapping>;
  /** 0–1 per mapped field; 1 is an exact, unambiguous name. */
  confidence: Partial<Record<MappedField, number>>;
  /** Customer, date and an amount (or unit price and quantity) are all mapped. */
  complete: boolean;
  /** How the amount is found: its own column, or quantity × unit price. */
  amountFrom: 'column' | 'quantityTimesUnitPrice' | null;
  /** Columns no field took. */
  unmapped: number[];
  /** A cancellation order-id prefix suggested by a well-known layout (UCI's InvoiceNo 'C…'). */
  suggestedCancellationPrefix: string | null;
  /** The region column is a delivery address (read for its province). */
  regionIsAddress: boolean;
}

const MIN_SCORE = 0.5;

/**
 * Best overall assignment by greedy matching of the strongest (field, column) pairs: each column
 * serves one field and each field takes one column. Unit price is only mapped when there is no
 * amount column; then amount = quantity × unit price, as in UCI Online Retail.
 */
export function detectColumnMapping(header: readonly string[]): MappingGuess {
  const names = header.map(normaliseHeader);
  const pairs: { field: MappedField; column: number; score: number }[] = [];
  for (const field of FIELDS) {
    names.forEach((name, column) => {
      const s = name === '' ? 0 : score(field, name);
      if (s >= MIN_SCORE) pairs.push({ field, column, score: s });
    });
  }
  // Strongest first; on equal scores the leftmost column, then the field order above.
  pairs.sort((a, b) => b.score - a.score || a.column - b.column || FIELDS.indexOf(a.field) - FIELDS.indexOf(b.field));
  const mapping: Partial<ColumnMapping> = {};
  const confidence: Partial<Record<MappedField, number>> = {};
  const taken = new Set<number>();
  for (const p of pairs) {
    if (mapping[p.field] !== undefined || taken.has(p.column)) continue;
    // A second column that matches the same field as well lowers confidence: which one is meant?
    const rivals = pairs.filter((q) => q.field === p.field && q.column !== p.column && q.score === p.score && !taken.has(q.column)).length;
    mapping[p.field] = p.column;
    confidence[p.field] = rivals > 0 ? p.score * 0.6 : p.score;
    taken.add(p.column);
  }
  let amountFrom: MappingGuess['amountFrom'] = null;
  if (mapping.amount !== undefined) {
    amountFrom = 'column';
    if (mapping.unitPrice !== undefined) {
      taken.delete(mapping.unitPrice);
      delete mapping.unitPrice;
      delete confidence.unitPrice;
    }
  } else if (mapping.unitPrice !== undefined && mapping.quantity !== undefined) amountFrom = 'quantityTimesUnitPrice';
  const complete = mapping.customer !== undefined && mapping.date !== undefined && amountFrom !== null;
  const unmapped = header.map((_, i) => i).filter((i) => !taken.has(i));
  const orderName = mapping.orderId !== undefined ? names[mapping.orderId] : '';
  return {
    mapping,
    confidence,
    complete,
    amountFrom,
    unmapped,
    suggestedCancellationPrefix: orderName === 'invoiceno' ? 'C' : null,
    regionIsAddress: mapping.region !== undefined && /地址|address/.test(names[mapping.region]),
  };
}

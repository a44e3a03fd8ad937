/**
 * Other names a formula may use for the built-in metrics and drivers: the names the app shows for
 * them in Chinese (简体 and 繁體, spaces left out, e.g. 边际ROI), so that a planner can write
 * `贡献利润 / 营销投入` as well as `contribution / spend`. A unit test keeps this table in step with
 * the message catalogues; an alias stays when a label changes, so formulas already written keep
 * working.
 *
 * An alias applies only where its target is a known name and the alias itself is not (see
 * `resolveName`): the formula language stays free of any particular set of metrics, and a custom
 * metric a plan calls 毛利 keeps meaning that metric.
 */
const ALIASES: Readonly<Record<string, readonly string[]>> = {
  spend: ['营销投入', '行銷投入'],
  baseTraffic: ['基础流量', '基礎流量'],
  incrementalTraffic: ['增量流量'],
  traffic: ['流量'],
  orders: ['订单数', '訂單數'],
  newOrders: ['新客订单数', '新客訂單數'],
  promotionDiscount: ['促销折让', '促銷折讓'],
  grossRevenue: ['总收入', '總營收', 'GMV'],
  returns: ['退货额', '退貨金額'],
  intermediaryMargin: ['中间商让利', '中間商讓利'],
  cannibalised: ['被蚕食收入', '被蠶食營收'],
  netRevenue: ['净收入', '淨營收', '淨收入'],
  grossProfit: ['毛利'],
  variableCost: ['变动成本', '變動成本'],
  fixedCost: ['固定成本'],
  rebate: ['返利'],
  channelCost: ['渠道成本', '通路成本'],
  contribution: ['贡献利润', '貢獻利潤'],
  roi: ['ROI'],
  roas: ['ROAS'],
  cac: ['获客成本', '顧客獲取成本', 'CAC'],
  costRatio: ['渠道成本率', '通路成本率'],
  revenueShare: ['渠道贡献率', '通路貢獻率'],
  growth: ['同比增长率', '年增率'],
  growthPop: ['环比增长率', '較上期成長率'],
  marginalRoi: ['边际ROI', '邊際ROI'],
  conversion: ['转化率', '轉換率'],
  aov: ['客单价', '客單價'],
  returnRate: ['退货率', '退貨率'],
  grossMargin: ['毛利率'],
  channelMargin: ['渠道让利率', '通路讓利率'],
  variableCostRate: ['变动成本率', '變動成本率'],
  newCustomerShare: ['新客占比', '新客佔比'],
  // Channel KPIs (docs/model.md#channel-kpis).
  satisfaction: ['满意度', '滿意度'],
  complaintRate: ['投诉率', '投訴率'],
  nps: ['净推荐值', '淨推薦值', 'NPS'],
  marketShare: ['市场份额', '市場份額', '市占率'],
  relativeMarketShare: ['相对市场份额', '相對市場份額'],
  salesPerArea: ['坪效'],
  turnoverDays: ['库存周转天数', '庫存周轉天數'],
  marketSize: ['市场规模', '市場規模'],
  floorArea: ['营业面积', '營業面積'],
  stock: ['库存', '庫存'],
};

/** Alias → the name it stands for. A Map, so that names such as `constructor` find nothing. */
export const BUILTIN_ALIASES: ReadonlyMap<string, string> = new Map(
  Object.entries(ALIASES).flatMap(([name, aliases]) => aliases.map((alias) => [alias, name] as const)),
);

/** The known name `name` stands for: itself, or the target of its alias; null when unknown. */
export function resolveName(name: string, known: ReadonlySet<string>): string | null {
  if (known.has(name)) return name;
  const target = BUILTIN_ALIASES.get(name);
  return target !== undefined && known.has(target) ? target : null;
}

/** The aliases usable with these known names, for "did you mean" hints and reserved names. */
export function aliasesOf(known: ReadonlySet<string>): string[] {
  return [...BUILTIN_ALIASES].filter(([, target]) => known.has(target)).map(([alias]) => alias);
}

/** The aliases of one name, in table order (Simplified, then Traditional, then others). */
export function aliasesFor(name: string): readonly string[] {
  return Object.prototype.hasOwnProperty.call(ALIASES, name) ? (ALIASES[name] ?? []) : [];
}

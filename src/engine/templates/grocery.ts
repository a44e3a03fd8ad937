/**
 * Grocery chain going into lower-tier markets: a group-leader (团长) network per county taking
 * orders in a mini-program, front warehouses placed by order density for next-day delivery, and
 * stores turned into warehouse-style outlets to cut costs. Spend sits near the profitable level in
 * every channel (see the calibration test in tests/unit/templates).
 */
import { channel, hill, languageOf, plan, yuan, type TemplateOptions } from './build';
import { GROCERY } from './seasonality';
import type { Plan } from '../types';

const en = {
  plan: 'Grocery chain in lower-tier markets: group-buy + front warehouses + stores',
  tier3: 'Tier-3 and tier-4 cities',
  county: 'County towns',
  township: 'Townships and villages',
  groupBuy: 'Community group-buy (group leaders)',
  warehouses: 'Front-warehouse home delivery',
  stores: 'Warehouse-style stores',
  notes: [
    'Regional supermarket chain expanding into county markets, about CNY 380 m net revenue in 2027; 24 months from January 2027; money in CNY, drivers per month.',
    "Model: group leaders in each county collect orders in the chain's mini-program; front warehouses sit where orders are dense for next-day delivery; stores become warehouse-style outlets with less display space. Customers are price-sensitive and trust people they know.",
    'Group-buy: about 2,000 group leaders bring 900 k mini-program visits a month, growing 2 % a month, plus about 490 k from CNY 120 k of leader incentives and coupons; 12 % order at CNY 38; leader commission 10 %.',
    'Front warehouses: 15 sites at about CNY 25 k a month each; 400 k app visits a month plus about 200 k from CNY 60 k of coupons; 10 % order at CNY 62; delivery and packaging 13 %. They lose money in 2027 and only cover their costs as order density grows — the channel to discuss.',
    'Stores: 20 warehouse-style stores with 25,000 visitors each a month, plus about 63 k from CNY 200 k of flyers and local promotion; 55 % of visitors buy (a supermarket converts far more than a specialty store) at CNY 72; rent and staff about CNY 150 k a month per store.',
    'Spend is set near the profitable level: the last CNY 1 brings back about CNY 1.00–1.10 of gross profit after channel costs. Gross margin is of net revenue after commissions: fresh-heavy group-buy and delivery baskets 23–25 %, low-price stores 20 %.',
    "New-Year shopping peaks in January (Spring Festival falls on 6 February 2027). Rates are typical industry values, not a real chain's data.",
  ],
};

const zhCN: typeof en = {
  plan: '连锁超市下沉市场：社区团购 + 前置仓 + 门店',
  tier3: '三四线城市',
  county: '县城',
  township: '乡镇及农村',
  groupBuy: '社区团购（团长）',
  warehouses: '前置仓到家配送',
  stores: '仓储式门店',
  notes: [
    '向县域市场扩张的区域连锁超市，2027 年净收入约 3.8 亿元；自 2027 年 1 月起 24 个月；金额单位为人民币，驱动因素按月。',
    '模式：以县域为单位发展团长，团长通过连锁自有小程序收集订单；按订单密度设置前置仓，实现次日达；门店转型为仓储式卖场、减少陈列面积。下沉市场的顾客对价格敏感、信赖熟人推荐。',
    '社区团购：约 2,000 名团长，小程序每月访问 90 万次、每月增长 2%，另有每月 12 万元团长激励和优惠券带来约 49 万次；12% 下单，客单价 38 元；团长佣金 10%。',
    '前置仓：15 个仓，每仓每月约 2.5 万元；App 每月访问 40 万次，另有每月 6 万元优惠券带来约 20 万次；10% 下单，客单价 62 元；配送与包装成本 13%。2027 年亏损，订单密度提高后才覆盖成本，是值得讨论的渠道。',
    '门店：20 家仓储式门店，每店每月进店 2.5 万人，另有每月 20 万元传单和本地促销带来约 6.3 万人；55% 的进店顾客购买（超市的成交率远高于专卖店），客单价 72 元；每店每月租金加人工约 15 万元。',
    '各渠道投入都设在盈利水平附近：最后投入的 1 元约带回 1.00–1.10 元扣除渠道成本后的毛利。毛利率按扣除佣金后的净收入计：生鲜占比高的团购和到家订单 23–25%，低价门店 20%。',
    '1 月年货为高峰（2027 年春节为 2 月 6 日）。以上比率均为行业典型值，并非真实连锁企业数据。',
  ],
};

const zhTW: typeof en = {
  plan: '連鎖超市下沉市場：社區團購 + 前置倉 + 門市',
  tier3: '三四線城市',
  county: '縣城',
  township: '鄉鎮及農村',
  groupBuy: '社區團購（團長）',
  warehouses: '前置倉到府配送',
  stores: '倉儲式門市',
  notes: [
    '向縣域市場擴張的區域連鎖超市，2027 年淨營收約 3.8 億元人民幣；自 2027 年 1 月起 24 個月；金額單位為人民幣，驅動因子按月。',
    '模式：以縣域為單位發展團長，團長透過連鎖自有小程式收集訂單；依訂單密度設置前置倉，實現隔日到貨；門市轉型為倉儲式賣場、減少陳列面積。下沉市場的顧客對價格敏感、信賴熟人推薦。',
    '社區團購：約 2,000 名團長，小程式每月造訪 90 萬次、每月成長 2%，另有每月 12 萬元團長獎勵與優惠券帶來約 49 萬次；12% 下單，客單價 38 元；團長佣金 10%。',
    '前置倉：15 個倉，每倉每月約 2.5 萬元；App 每月造訪 40 萬次，另有每月 6 萬元優惠券帶來約 20 萬次；10% 下單，客單價 62 元；配送與包裝成本 13%。2027 年虧損，訂單密度提高後才足以支付成本，是值得討論的通路。',
    '門市：20 家倉儲式門市，每店每月來客 2.5 萬人，另有每月 20 萬元傳單與在地促銷帶來約 6.3 萬人；55% 的來客購買（超市的成交率遠高於專賣店），客單價 72 元；每店每月租金加人事約 15 萬元。',
    '各通路投入都設在獲利水準附近：最後投入的 1 元約帶回 1.00–1.10 元扣除通路成本後的毛利。毛利率按扣除佣金後的淨營收計：生鮮占比高的團購與到府訂單 23–25%，低價門市 20%。',
    '1 月年貨為高峰（2027 年春節為 2 月 6 日）。以上比率皆為產業典型值，並非真實連鎖企業資料。',
  ],
};

const TEXT = { en, zhCN, zhTW };

export function groceryTemplate(opts: TemplateOptions): Plan {
  const t = TEXT[languageOf(opts.locale)];
  return plan(opts, {
    name: t.plan,
    regions: [
      { id: 'tier3', name: t.tier3 },
      { id: 'county', name: t.county },
      { id: 'township', name: t.township },
    ],
    channels: [
      channel({
        id: 'ch-group-buy',
        name: t.groupBuy,
        type: 'communityGroupBuy',
        role: 'main',
        regions: ['county', 'township'],
        color: '#f08c00',
        drivers: {
          spend: { base: yuan(120_000), seasonality: GROCERY },
          baseTraffic: { base: 900_000, growth: 0.02, seasonality: GROCERY },
          conversion: 0.12,
          aov: yuan(38),
          returnRate: 0.03,
          grossMargin: 0.23,
          channelMargin: 0.1,
          variableCostRate: 0.08,
          fixedCost: yuan(350_000),
          newCustomerShare: 0.3,
        },
        curve: hill(980_000, yuan(120_000), 0.9),
      }),
      channel({
        id: 'ch-front-warehouse',
        name: t.warehouses,
        type: 'o2o',
        role: 'auxiliary',
        regions: ['tier3', 'county'],
        color: '#1098ad',
        drivers: {
          spend: { base: yuan(60_000), seasonality: GROCERY },
          baseTraffic: { base: 400_000, growth: 0.01, seasonality: GROCERY },
          conversion: 0.1,
          aov: yuan(62),
          returnRate: 0.02,
          grossMargin: 0.25,
          channelMargin: 0.08,
          variableCostRate: 0.13,
          fixedCost: yuan(375_000),
          newCustomerShare: 0.35,
        },
        curve: hill(400_000, yuan(60_000), 0.9),
      }),
      channel({
        id: 'ch-stores',
        name: t.stores,
        type: 'directStore',
        role: 'main',
        regions: ['tier3', 'county'],
        color: '#5f3dc4',
        drivers: {
          spend: { base: yuan(200_000), seasonality: GROCERY },
          baseTraffic: { base: 500_000, seasonality: GROCERY },
          conversion: 0.55,
          aov: yuan(72),
          returnRate: 0.01,
          grossMargin: 0.2,
          variableCostRate: 0.03,
          fixedCost: yuan(3_000_000),
          newCustomerShare: 0.15,
        },
        curve: hill(126_000, yuan(200_000), 1),
      }),
    ],
    notes: t.notes,
  });
}

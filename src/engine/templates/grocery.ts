/**
 * Grocery chain going into lower-tier markets — seed 000's supermarket chain: a group-leader
 * (团长) network per county taking orders in a mini-program, front warehouses placed by order
 * density for next-day delivery, and stores turned into warehouse-style outlets to cut costs.
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
    'Regional supermarket chain expanding into county markets, about CNY 330 m net revenue a year; 24 months from January 2027; money in CNY, drivers per month.',
    'Model from seed 000: group leaders per county collect orders in the chain\'s mini-program, front warehouses sit where orders are dense (next-day delivery), stores become warehouse-style outlets with less display space; buyers are price-sensitive and trust acquaintances.',
    'Group-buy: about 2,000 group leaders, 12 % of mini-program visits order, AOV CNY 38, leader commission 10 %, network growing 2 % a month.',
    'Front warehouses: 15 sites at about CNY 25k a month each, 10 % of app visits order, AOV CNY 62, 13 % delivery and packaging costs — they lose money at this density; the channel to discuss.',
    '20 warehouse-style stores, 25,000 visitors each a month; 55 % of visitors buy (a supermarket converts far more visitors than a specialty store), AOV CNY 72, CNY 150k a month per store in rent and staff.',
    'Gross margin is of net revenue after commissions: fresh-heavy group-buy and delivery baskets 23–25 %, low-price warehouse-style stores 20 %; New-Year shopping peaks in January (Spring Festival 6 Feb 2027). All figures are illustrative industry-typical values, not seed data.',
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
    '向县域市场扩张的区域连锁超市，年净收入约 3.3 亿元；自 2027 年 1 月起 24 个月；金额单位为人民币，驱动因素按月。',
    '模式取自种子文章 000：以县域为单位发展团长网络，团长通过企业定制小程序收集订单，总部按订单密度设置前置仓实现次日达，线下门店转型为仓储式卖场、减少展示面积；下沉市场对价格敏感、信赖熟人推荐。',
    '社区团购：约 2,000 名团长，小程序访问转化率 12%，客单价 38 元，团长佣金 10%，团长网络每月增长 2%。',
    '前置仓：15 个仓，每仓每月约 2.5 万元，访问转化率 10%，客单价 62 元，配送与包装成本 13%——按当前订单密度亏损，是值得讨论的渠道。',
    '20 家仓储式门店，每店每月进店 2.5 万人；55% 的进店顾客购买（超市的成交率远高于专卖店），客单价 72 元，每店每月租金加人工约 15 万元。',
    '毛利率按扣除佣金后的净收入计：生鲜占比高的团购和到家订单 23–25%，低价的仓储式门店 20%；1 月年货为高峰（2027 年春节为 2 月 6 日）。以上数字均为行业典型的示意值，并非种子文章中的数据。',
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
    '向縣域市場擴張的區域連鎖超市，年淨收入約 3.3 億元人民幣；自 2027 年 1 月起 24 個月；金額單位為人民幣，驅動因子按月。',
    '模式取自種子文章 000：以縣域為單位發展團長網絡，團長透過企業客製小程式收集訂單，總部依訂單密度設置前置倉實現隔日到貨，實體門市轉型為倉儲式賣場、減少陳列面積；下沉市場對價格敏感、信賴熟人推薦。',
    '社區團購：約 2,000 名團長，小程式造訪轉換率 12%，客單價 38 元，團長佣金 10%，團長網絡每月成長 2%。',
    '前置倉：15 個倉，每倉每月約 2.5 萬元，造訪轉換率 10%，客單價 62 元，配送與包裝成本 13%——以目前訂單密度虧損，是值得討論的通路。',
    '20 家倉儲式門市，每店每月來客 2.5 萬人；55% 的來客購買（超市的成交率遠高於專賣店），客單價 72 元，每店每月租金加人事約 15 萬元。',
    '毛利率按扣除佣金後的淨收入計：生鮮占比高的團購與到府訂單 23–25%，低價的倉儲式門市 20%；1 月年貨為高峰（2027 年春節為 2 月 6 日）。以上數字皆為產業典型的示意值，並非種子文章中的資料。',
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
          spend: { base: yuan(300_000), seasonality: GROCERY },
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
        curve: hill(500_000, yuan(400_000), 0.9),
      }),
      channel({
        id: 'ch-front-warehouse',
        name: t.warehouses,
        type: 'o2o',
        role: 'auxiliary',
        regions: ['tier3', 'county'],
        color: '#1098ad',
        drivers: {
          spend: { base: yuan(200_000), seasonality: GROCERY },
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
        curve: hill(200_000, yuan(300_000), 0.9),
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
        curve: hill(40_000, yuan(250_000), 1),
      }),
    ],
    notes: t.notes,
  });
}

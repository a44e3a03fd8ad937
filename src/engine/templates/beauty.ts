/**
 * Beauty brand — the "main + auxiliary" mix: platform e-commerce as the main channel (young
 * customers), experience stores for trial and trust, a private community for repurchase, and a
 * Douyin live-stream channel as the weak, debatable one. Every channel's spend sits near the point
 * where its last unit of spend brings back one unit of gross profit after channel costs (the
 * calibration test in tests/unit/templates holds each within a stated band).
 */
import { channel, hill, languageOf, plan, yuan, type TemplateOptions } from './build';
import { BEAUTY_STORES, ECOMMERCE } from './seasonality';
import type { Plan } from '../types';

const en = {
  plan: 'Beauty brand: e-commerce + experience stores + private community',
  tier1: 'Tier-1 cities',
  tier2: 'New tier-1 and tier-2 cities',
  lower: 'Tier-3 cities and below',
  tmall: 'Tmall & JD flagship stores',
  stores: 'Experience stores',
  community: 'Private community (WeCom + mini-program)',
  live: 'Douyin live-stream',
  // A formula name: one word that a formula can refer to, in the plan's language.
  profitPerOrder: 'profitPerOrder',
  notes: [
    'Mid-size domestic skincare brand selling nationwide, about CNY 180 m net revenue in 2027; 24 months from January 2027; money in CNY, drivers per month.',
    'Roles: Tmall and JD flagship stores carry sales; experience stores in tier-1 and tier-2 cities let customers try products and build trust; the private community (WeCom groups and a mini-program) brings repurchase; Douyin live-stream reaches new customers.',
    "Flagship stores: 600 k organic visits a month plus about 1.35 m bought with CNY 1.2 m of platform ads; 3 % conversion, CNY 180 average order, 8 % returns, 10 % platform commission, 12 % logistics and payment costs — the ranges a skincare flagship store's back office typically reports.",
    'Experience stores: 12 stores at about CNY 120 k a month each for rent and staff, 3,000 visitors a store, 22 % of them buy at CNY 300. Private community: 80 k visits a month growing 2 % a month, 8 % order at CNY 210, only 15 % of them new customers.',
    'Live-stream: CNY 500 k a month of paid traffic and CNY 350 k for studio and hosts; 2 % of viewers buy at CNY 149, 30 % return, 22 % host and platform commission. Its spend about pays at the margin (the last CNY 1 brings back about 0.90), but the studio makes it lose a little overall: kept to reach new customers (70 % of its orders) — the channel to discuss.',
    "Spend is set near the profitable level: in the other channels the last CNY 1 of spend brings back about CNY 1.05–1.10 of gross profit after channel costs, so the best budget is within a few percent of today's.",
    "Gross margin about 70 % of net revenue (live-stream 65 % for deeper discounts). All rates are typical industry values, not a real brand's data: replace them with your own.",
  ],
};

const zhCN: typeof en = {
  plan: '美妆品牌：平台电商 + 体验店 + 私域社群',
  tier1: '一线城市',
  tier2: '新一线及二线城市',
  lower: '三线及以下城市',
  tmall: '天猫·京东旗舰店',
  stores: '线下体验店',
  community: '私域社群（企业微信+小程序）',
  live: '抖音直播带货',
  profitPerOrder: '每单贡献利润',
  notes: [
    '中型国产护肤品牌，全国销售，2027 年净收入约 1.8 亿元；自 2027 年 1 月起 24 个月；金额单位为人民币，驱动因素按月。',
    '渠道分工：天猫、京东旗舰店承担主要销售；一二线城市的线下体验店用于试用和建立信任；私域社群（企业微信群 + 小程序）负责复购；抖音直播带货触达新客。',
    '旗舰店：每月自然访客 60 万，另有约 135 万来自每月 120 万元的平台广告；转化率 3%，客单价 180 元，退货率 8%，平台扣点 10%，物流与支付费用 12%——护肤品旗舰店后台常见的水平。',
    '体验店：12 家，每店每月租金加人工约 12 万元，进店 3,000 人，其中 22% 成交，客单价 300 元。私域社群：每月访问 8 万次、每月增长 2%，8% 下单，客单价 210 元，新客仅占 15%。',
    '直播带货：每月投流 50 万元，直播间与主播费用 35 万元；观众 2% 下单，客单价 149 元，退货率 30%，主播佣金加平台费 22%。投流在边际上大致回本（最后 1 元约带回 0.90 元），但直播间固定成本使其整体小幅亏损；为触达新客（订单中 70% 为新客）而保留，是值得讨论的渠道。',
    '各渠道投入都设在盈利水平附近：其他渠道最后投入的 1 元约带回 1.05–1.10 元扣除渠道成本后的毛利，因此最佳预算与当前预算只差几个百分点。',
    '毛利率约为净收入的 70%（直播折扣更深，为 65%）。以上比率均为行业典型值，并非真实品牌数据，请换成你自己的数字。',
  ],
};

const zhTW: typeof en = {
  plan: '美妝品牌：平台電商 + 體驗店 + 私域社群',
  tier1: '一線城市',
  tier2: '新一線及二線城市',
  lower: '三線及以下城市',
  tmall: '天貓·京東旗艦店',
  stores: '線下體驗店',
  community: '私域社群（企業微信＋小程式）',
  live: '抖音直播帶貨',
  profitPerOrder: '每單貢獻利潤',
  notes: [
    '中型國產保養品牌，全國銷售，2027 年淨營收約 1.8 億元人民幣；自 2027 年 1 月起 24 個月；金額單位為人民幣，驅動因子按月。',
    '通路分工：天貓、京東旗艦店負責主要銷售；一二線城市的實體體驗店用於試用與建立信任；私域社群（企業微信群＋小程式）負責回購；抖音直播帶貨觸及新客。',
    '旗艦店：每月自然訪客 60 萬，另有約 135 萬來自每月 120 萬元的平台廣告；轉換率 3%，客單價 180 元，退貨率 8%，平台抽成 10%，物流與支付費用 12%——保養品旗艦店後台常見的水準。',
    '體驗店：12 家，每店每月租金加人事約 12 萬元，來客 3,000 人，其中 22% 成交，客單價 300 元。私域社群：每月造訪 8 萬次、每月成長 2%，8% 下單，客單價 210 元，新客僅佔 15%。',
    '直播帶貨：每月投放 50 萬元，直播間與主播費用 35 萬元；觀眾 2% 下單，客單價 149 元，退貨率 30%，主播佣金加平台費 22%。投放在邊際上大致回本（最後 1 元約帶回 0.90 元），但直播間固定成本使其整體小幅虧損；為觸及新客（訂單中 70% 為新客）而保留，是值得討論的通路。',
    '各通路投入都設在獲利水準附近：其他通路最後投入的 1 元約帶回 1.05–1.10 元扣除通路成本後的毛利，因此最佳預算與目前預算只差幾個百分點。',
    '毛利率約為淨營收的 70%（直播折扣較深，為 65%）。以上比率皆為產業典型值，並非真實品牌資料，請換成你自己的數字。',
  ],
};

const TEXT = { en, zhCN, zhTW };

export function beautyTemplate(opts: TemplateOptions): Plan {
  const t = TEXT[languageOf(opts.locale)];
  const all = ['tier1', 'tier2', 'lower'];
  return plan(opts, {
    name: t.plan,
    regions: [
      { id: 'tier1', name: t.tier1 },
      { id: 'tier2', name: t.tier2 },
      { id: 'lower', name: t.lower },
    ],
    channels: [
      channel({
        id: 'ch-tmall',
        name: t.tmall,
        type: 'ecommercePlatform',
        role: 'main',
        regions: all,
        color: '#d6336c',
        drivers: {
          spend: { base: yuan(1_200_000), growth: 0.005, seasonality: ECOMMERCE },
          baseTraffic: { base: 600_000, growth: 0.005, seasonality: ECOMMERCE },
          conversion: 0.03,
          aov: yuan(180),
          returnRate: 0.08,
          grossMargin: 0.7,
          channelMargin: 0.1,
          variableCostRate: 0.12,
          fixedCost: yuan(600_000),
          newCustomerShare: 0.55,
        },
        curve: hill(2_700_000, yuan(1_200_000), 0.8),
      }),
      channel({
        id: 'ch-stores',
        name: t.stores,
        type: 'directStore',
        role: 'auxiliary',
        regions: ['tier1', 'tier2'],
        color: '#7048e8',
        drivers: {
          spend: { base: yuan(150_000), seasonality: BEAUTY_STORES },
          baseTraffic: { base: 36_000, seasonality: BEAUTY_STORES },
          conversion: 0.22,
          aov: yuan(300),
          returnRate: 0.02,
          grossMargin: 0.72,
          variableCostRate: 0.05,
          fixedCost: yuan(1_440_000),
          newCustomerShare: 0.4,
        },
        curve: hill(15_000, yuan(200_000), 1),
      }),
      channel({
        id: 'ch-community',
        name: t.community,
        type: 'socialCommerce',
        role: 'auxiliary',
        regions: all,
        color: '#2f9e44',
        drivers: {
          spend: yuan(120_000),
          baseTraffic: { base: 80_000, growth: 0.02 },
          conversion: 0.08,
          aov: yuan(210),
          returnRate: 0.04,
          grossMargin: 0.7,
          channelMargin: 0.05,
          variableCostRate: 0.1,
          fixedCost: yuan(250_000),
          newCustomerShare: 0.15,
        },
        curve: hill(64_000, yuan(150_000), 0.9),
      }),
      channel({
        id: 'ch-douyin-live',
        name: t.live,
        type: 'liveStream',
        role: 'auxiliary',
        regions: all,
        color: '#1c7ed6',
        drivers: {
          spend: { base: yuan(500_000), seasonality: ECOMMERCE },
          baseTraffic: 150_000,
          conversion: 0.02,
          aov: yuan(149),
          returnRate: 0.3,
          grossMargin: 0.65,
          channelMargin: 0.22,
          variableCostRate: 0.14,
          fixedCost: yuan(350_000),
          newCustomerShare: 0.7,
        },
        curve: hill(1_700_000, yuan(500_000), 1.3),
      }),
    ],
    notes: t.notes,
    customMetrics: [
      { id: 'cm-profit-per-order', name: t.profitPerOrder, formula: 'contribution / orders', format: 'money' },
    ],
  });
}

/**
 * Beauty brand — the "main + auxiliary" mix of seed 004: platform e-commerce as the main channel
 * (young customers), experience stores for trial and trust, a private community for repurchase;
 * a Douyin live-stream channel is added as the weak, debatable one.
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
  notes: [
    'Mid-size domestic skincare brand, about CNY 125 m net revenue a year; 24 months from January 2027; all money in CNY, drivers per month.',
    'Channel mix from seed 004: e-commerce platform as main channel, experience stores for trial and trust, private community for repurchase; live-stream added for exposure.',
    'Flagship stores: 1.1 m visits a month, 3 % conversion, AOV CNY 180, platform take 10 %, 8 % returns; peaks at 3.8, 618 and Double 11.',
    'Live-stream: 2 % conversion, 30 % returns and 22 % host + platform commission on AOV CNY 149 — the channel loses money at this spend; a question to discuss, not a mistake.',
    '12 experience stores at about CNY 120k a month each (rent + staff), 3,000 visitors a store, 22 % of them buying; private community: 8 % conversion, only 15 % new customers.',
    'Gross margin about 70 % of net revenue for every channel (live-stream lower for deeper discounts). All figures are illustrative industry-typical values, not data from the seeds.',
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
  notes: [
    '中型国产护肤品牌，年净收入约 1.25 亿元；自 2027 年 1 月起 24 个月；金额单位为人民币，驱动因素按月。',
    '渠道组合取自种子文章 004：平台电商为主渠道，线下体验店提升试用与信任，私域社群促进复购；另加直播带货提升曝光。',
    '旗舰店：月访客约 110 万，转化率 3%，客单价 180 元，平台扣点 10%，退货率 8%；3.8、618、双 11 为高峰。',
    '直播带货：转化率 2%，退货率 30%，主播佣金加平台费 22%，客单价 149 元——按当前投入该渠道亏损，是值得讨论的问题渠道，并非错误。',
    '12 家体验店，每店每月租金加人工约 12 万元、进店 3,000 人，其中 22% 成交；私域社群转化率 8%，新客仅占 15%。',
    '各渠道毛利率约为净收入的 70%（直播折扣更深，毛利较低）。以上数字均为行业典型的示意值，并非种子文章中的数据。',
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
  notes: [
    '中型國產保養品牌，年淨收入約 1.25 億元人民幣；自 2027 年 1 月起 24 個月；金額單位為人民幣，驅動因子按月。',
    '通路組合取自種子文章 004：平台電商為主通路，線下體驗店提升試用與信任，私域社群促進回購；另加直播帶貨提升曝光。',
    '旗艦店：月訪客約 110 萬，轉換率 3%，客單價 180 元，平台抽成 10%，退貨率 8%；3.8、618、雙 11 為高峰。',
    '直播帶貨：轉換率 2%，退貨率 30%，主播佣金加平台費 22%，客單價 149 元——以目前投入該通路虧損，是值得討論的問題通路，並非錯誤。',
    '12 家體驗店，每店每月租金加人事約 12 萬元、進店 3,000 人，其中 22% 成交；私域社群轉換率 8%，新客僅佔 15%。',
    '各通路毛利率約為淨收入的 70%（直播折扣較深，毛利較低）。以上數字皆為產業典型的示意值，並非種子文章中的資料。',
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
        curve: hill(900_000, yuan(1_000_000), 0.8),
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
        curve: hill(60_000, yuan(150_000), 0.9),
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
          fixedCost: yuan(150_000),
          newCustomerShare: 0.7,
        },
        curve: hill(1_200_000, yuan(800_000), 1.3),
      }),
    ],
    notes: t.notes,
    customMetrics: [
      { id: 'cm-profit-per-order', name: 'profitPerOrder', formula: 'contribution / orders', format: 'money' },
    ],
  });
}

/**
 * Home appliances — seed 004's second mix: regional distributors as the main channel in tier-3 to
 * tier-5 cities, an official mall for the high-end tier-1 customer, live-stream for exposure.
 */
import { channel, hill, languageOf, plan, yuan, type TemplateOptions } from './build';
import { APPLIANCES_OFFLINE, APPLIANCES_ONLINE } from './seasonality';
import type { Plan } from '../types';

const en = {
  plan: 'Home appliances: regional distributors + official mall + live-stream',
  tier1: 'Tier-1 cities',
  tier2: 'Tier-2 cities',
  lower: 'Tier-3 to tier-5 cities',
  rural: 'Counties and towns',
  distributors: 'Regional distributors',
  mall: 'Official mall (website + mini-program)',
  live: 'Live-stream sales',
  notes: [
    'Mid-size kitchen and household appliance brand, about CNY 420 m net revenue a year; 24 months from January 2027; money in CNY, drivers per month.',
    'Mix from seed 004: regional distributors (main, tier-3 to tier-5 cities), official mall (high-end tier-1 customers), live-stream (brand exposure).',
    'Distributors: about 300 dealer outlets with 200 shoppers each a month, 18 % of them buy, AOV CNY 2,800 at retail; distributor + retailer margin 28 % (the tiered rebates of seed 004 are not included).',
    'Official mall: 1 % of visits convert at AOV CNY 3,600 (premium models); no intermediary, so it keeps the margin dealers would take (gross margin 45 % vs 28 %), but pays 10 % for delivery, installation and payment.',
    'Live-stream: 0.8 % of viewers buy hero models at AOV CNY 2,100, 22 % returns, 22 % host + platform commission, thin margin — it loses money at this spend; kept for exposure, worth challenging.',
    'Seasonality: New-Year goods in January, May Day, summer air-con and National Day offline; 618 and Double 11 online. Figures are illustrative industry-typical values, not seed data.',
  ],
};

const zhCN: typeof en = {
  plan: '家电：区域经销商 + 官网商城 + 直播带货',
  tier1: '一线城市',
  tier2: '二线城市',
  lower: '三至五线城市',
  rural: '县城及乡镇',
  distributors: '区域经销商',
  mall: '官网商城（官网+小程序）',
  live: '直播带货',
  notes: [
    '中型厨房及生活家电品牌，年净收入约 4.2 亿元；自 2027 年 1 月起 24 个月；金额单位为人民币，驱动因素按月。',
    '渠道组合取自种子文章 004：区域经销商（主渠道，覆盖三至五线城市）+ 官网商城（一线城市高端客群）+ 直播带货（品牌曝光）。',
    '经销商：约 300 个零售网点，每店每月约 200 名进店顾客，其中 18% 成交，零售客单价 2,800 元；经销商与零售商合计毛利 28%（未含种子文章 004 所述的阶梯返利）。',
    '官网商城：访客转化率 1%，客单价 3,600 元（高端型号）；无中间商，经销环节的毛利留在企业（毛利率 45%，经销渠道为 28%），但配送安装及支付费用占 10%。',
    '直播带货：观众转化率 0.8%，爆款客单价 2,100 元，退货率 22%，主播佣金加平台费 22%，毛利薄——按当前投入亏损，保留用于曝光，值得讨论。',
    '季节性：线下看年货（1 月）、五一、夏季空调和国庆；线上看 618 和双 11。以上数字均为行业典型的示意值，并非种子文章中的数据。',
  ],
};

const zhTW: typeof en = {
  plan: '家電：區域經銷商 + 官網商城 + 直播帶貨',
  tier1: '一線城市',
  tier2: '二線城市',
  lower: '三至五線城市',
  rural: '縣城及鄉鎮',
  distributors: '區域經銷商',
  mall: '官網商城（官網＋小程式）',
  live: '直播帶貨',
  notes: [
    '中型廚房及生活家電品牌，年淨收入約 4.2 億元人民幣；自 2027 年 1 月起 24 個月；金額單位為人民幣，驅動因子按月。',
    '通路組合取自種子文章 004：區域經銷商（主通路，涵蓋三至五線城市）+ 官網商城（一線城市高端客群）+ 直播帶貨（品牌曝光）。',
    '經銷商：約 300 個零售據點，每店每月約 200 名進店顧客，其中 18% 成交，零售客單價 2,800 元；經銷商與零售商合計毛利 28%（未含種子文章 004 所述的階梯返利）。',
    '官網商城：訪客轉換率 1%，客單價 3,600 元（高階機型）；無中間商，經銷環節的毛利留在企業（毛利率 45%，經銷通路為 28%），但配送安裝及支付費用佔 10%。',
    '直播帶貨：觀眾轉換率 0.8%，爆款客單價 2,100 元，退貨率 22%，主播佣金加平台費 22%，毛利薄——以目前投入虧損，保留作為曝光，值得討論。',
    '季節性：線下看年貨（1 月）、五一、夏季冷氣與國慶；線上看 618 與雙 11。以上數字皆為產業典型的示意值，並非種子文章中的資料。',
  ],
};

const TEXT = { en, zhCN, zhTW };

export function appliancesTemplate(opts: TemplateOptions): Plan {
  const t = TEXT[languageOf(opts.locale)];
  return plan(opts, {
    name: t.plan,
    regions: [
      { id: 'tier1', name: t.tier1 },
      { id: 'tier2', name: t.tier2 },
      { id: 'lower', name: t.lower },
      { id: 'rural', name: t.rural },
    ],
    channels: [
      channel({
        id: 'ch-distributors',
        name: t.distributors,
        type: 'distributor',
        role: 'main',
        regions: ['tier2', 'lower', 'rural'],
        color: '#1864ab',
        drivers: {
          spend: { base: yuan(800_000), seasonality: APPLIANCES_OFFLINE },
          baseTraffic: { base: 60_000, growth: 0.003, seasonality: APPLIANCES_OFFLINE },
          conversion: 0.18,
          aov: yuan(2_800),
          returnRate: 0.03,
          grossMargin: 0.28,
          channelMargin: 0.28,
          variableCostRate: 0.09,
          fixedCost: yuan(1_500_000),
          newCustomerShare: 0.75,
        },
        curve: hill(20_000, yuan(1_000_000), 1),
      }),
      channel({
        id: 'ch-official-mall',
        name: t.mall,
        type: 'officialSite',
        role: 'auxiliary',
        regions: ['tier1', 'tier2'],
        color: '#e8590c',
        drivers: {
          spend: { base: yuan(500_000), growth: 0.01, seasonality: APPLIANCES_ONLINE },
          baseTraffic: { base: 80_000, growth: 0.01, seasonality: APPLIANCES_ONLINE },
          conversion: 0.01,
          aov: yuan(3_600),
          returnRate: 0.05,
          grossMargin: 0.45,
          variableCostRate: 0.1,
          fixedCost: yuan(400_000),
          newCustomerShare: 0.6,
        },
        curve: hill(150_000, yuan(600_000), 0.9),
      }),
      channel({
        id: 'ch-livestream',
        name: t.live,
        type: 'liveStream',
        role: 'auxiliary',
        regions: ['tier1', 'tier2', 'lower', 'rural'],
        color: '#c2255c',
        drivers: {
          spend: { base: yuan(700_000), seasonality: APPLIANCES_ONLINE },
          baseTraffic: 80_000,
          conversion: 0.008,
          aov: yuan(2_100),
          returnRate: 0.22,
          grossMargin: 0.25,
          channelMargin: 0.22,
          variableCostRate: 0.1,
          fixedCost: yuan(200_000),
          newCustomerShare: 0.8,
        },
        curve: hill(1_500_000, yuan(1_200_000), 1.8),
      }),
    ],
    notes: t.notes,
  });
}

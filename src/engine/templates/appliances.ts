/**
 * Home appliances — regional distributors as the main channel in tier-3 to tier-5 cities, an
 * official mall for the high-end tier-1 customer, live-stream for exposure. Spend sits near the
 * profitable level in every channel (see the calibration test in tests/unit/templates).
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
    'Mid-size kitchen and household appliance brand, about CNY 530 m net revenue in 2027; 24 months from January 2027; money in CNY, drivers per month.',
    'Roles: regional distributors are the main channel in tier-3 to tier-5 cities and county towns; the official mall (website and mini-program) serves high-end customers in tier-1 and tier-2 cities; live-stream sales bring exposure.',
    'Distributors: about 300 dealer outlets with 200 shoppers each a month, plus about 26 k more from CNY 800 k a month of co-op advertising; 18 % buy at CNY 2,800 retail; distributor and retailer margins take 28 %, and the brand keeps a 28 % gross margin on what it receives (tiered rebates are not included: add them under Evaluate → Rebates).',
    'Official mall: 80 k visits a month growing 1 % a month, plus about 110 k from CNY 500 k of ads; 1 % convert at CNY 3,600 (premium models); no intermediary, so gross margin is 45 %, less 10 % for delivery, installation and payment.',
    'Live-stream: CNY 700 k a month of paid traffic and CNY 300 k for hosts and studio; 0.8 % of viewers buy hero models at CNY 2,100, 22 % return, 22 % host and platform commission, 25 % gross margin. It about breaks even — the last CNY 1 of spend brings back about 0.94 — and is kept for exposure; worth challenging.',
    "Spend is set near the profitable level: in distributors and the mall the last CNY 1 brings back CNY 1.10–1.15 of gross profit after channel costs, so the best budget is a few percent above today's.",
    "Seasonality: New-Year goods in January, May Day, summer air conditioning and National Day in stores; 618 and Double 11 online. Rates are typical industry values, not a real brand's data.",
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
    '中型厨房及生活家电品牌，2027 年净收入约 5.3 亿元；自 2027 年 1 月起 24 个月；金额单位为人民币，驱动因素按月。',
    '渠道分工：区域经销商为主渠道，覆盖三至五线城市和县城；官网商城（官网 + 小程序）服务一二线城市的高端客群；直播带货负责曝光。',
    '经销商：约 300 个零售网点，每店每月约 200 名进店顾客，另有每月 80 万元联合广告带来约 2.6 万人；18% 成交，零售客单价 2,800 元；经销商与零售商合计拿走 28%，品牌对到手收入保持 28% 毛利（未含阶梯返利，可在“渠道评估 → 返利”中添加）。',
    '官网商城：每月访客 8 万、每月增长 1%，另有每月 50 万元广告带来约 11 万访客；转化率 1%，客单价 3,600 元（高端型号）；没有中间商，毛利率 45%，配送安装及支付费用占 10%。',
    '直播带货：每月投流 70 万元，主播与直播间费用 30 万元；观众 0.8% 购买爆款，客单价 2,100 元，退货率 22%，主播佣金加平台费 22%，毛利率 25%。大致盈亏平衡——最后投入的 1 元约带回 0.94 元——为曝光而保留，值得商榷。',
    '各渠道投入都设在盈利水平附近：经销商和官网最后投入的 1 元带回 1.10–1.15 元扣除渠道成本后的毛利，因此最佳预算比当前预算高几个百分点。',
    '季节性：线下看年货（1 月）、五一、夏季空调和国庆；线上看 618 和双 11。以上比率均为行业典型值，并非真实品牌数据。',
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
    '中型廚房及生活家電品牌，2027 年淨營收約 5.3 億元人民幣；自 2027 年 1 月起 24 個月；金額單位為人民幣，驅動因子按月。',
    '通路分工：區域經銷商為主通路，涵蓋三至五線城市與縣城；官網商城（官網＋小程式）服務一二線城市的高端客群；直播帶貨負責曝光。',
    '經銷商：約 300 個零售據點，每店每月約 200 名來客，另有每月 80 萬元聯合廣告帶來約 2.6 萬人；18% 成交，零售客單價 2,800 元；經銷商與零售商合計拿走 28%，品牌對到手收入維持 28% 毛利（未含階梯返利，可在「通路評估 → 返利」中加入）。',
    '官網商城：每月訪客 8 萬、每月成長 1%，另有每月 50 萬元廣告帶來約 11 萬訪客；轉換率 1%，客單價 3,600 元（高階機型）；沒有中間商，毛利率 45%，配送安裝及支付費用佔 10%。',
    '直播帶貨：每月投放 70 萬元，主播與直播間費用 30 萬元；觀眾 0.8% 購買爆款，客單價 2,100 元，退貨率 22%，主播佣金加平台費 22%，毛利率 25%。大致損益兩平——最後投入的 1 元約帶回 0.94 元——為曝光而保留，值得商榷。',
    '各通路投入都設在獲利水準附近：經銷商與官網最後投入的 1 元帶回 1.10–1.15 元扣除通路成本後的毛利，因此最佳預算比目前預算高幾個百分點。',
    '季節性：實體看年貨（1 月）、五一、夏季冷氣與國慶；線上看 618 與雙 11。以上比率皆為產業典型值，並非真實品牌資料。',
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
        curve: hill(53_000, yuan(800_000), 1),
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
        curve: hill(245_000, yuan(600_000), 0.9),
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
          fixedCost: yuan(300_000),
          newCustomerShare: 0.8,
        },
        curve: hill(1_000_000, yuan(600_000), 1.8),
      }),
    ],
    notes: t.notes,
  });
}

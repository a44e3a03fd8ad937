/**
 * Industrial equipment — a construction-machinery maker flattening a multi-level distributor
 * system: a direct app (specs, quotes, online financing), regional service partners kept for
 * after-sales and paid by a profit share, and the remaining distributors shrinking. 36 months, so
 * the shift shows. Spend sits near the profitable level in every channel (see the calibration test
 * in tests/unit/templates).
 */
import { channel, hill, languageOf, plan, yuan, type TemplateOptions } from './build';
import { CONSTRUCTION } from './seasonality';
import type { Plan } from '../types';

const en = {
  plan: 'Industrial equipment: flattening distribution with a direct app',
  east: 'East China',
  south: 'South China',
  north: 'North and Northeast China',
  west: 'Central and Western China',
  app: 'Direct app (quotes + online financing)',
  partners: 'Regional service partners',
  distributors: 'Multi-level distributors (remaining)',
  notes: [
    'Construction-machinery maker, list price about CNY 200 k a machine, about CNY 295 m net revenue in 2027; 36 months from January 2027 so the shift between channels shows; money in CNY, drivers per month; traffic means sales leads.',
    'Situation: a multi-level distributor system made prices opaque and service slow. A direct app lets customers check specifications, compare quotes and finance online; regional service partners keep after-sales and are paid a profit share; the remaining distributors shrink.',
    'A machine costs about CNY 98 k in every channel; margins differ by who takes a cut: distributors 30 % over two levels, service partners 10 %, the app 4 % (the delivery share paid to the partner); app prices are 8 % under list.',
    'Lead conversion: app 1.5 %, improving 1 % a month (relative) as the app matures; service partners 8 % (warm leads from existing fleets); distributors 5 %. Leads bought each month: about 1,500 for the app with CNY 700 k, about 75 for partners with CNY 200 k, about 300 for distributors with CNY 400 k.',
    'Shift: distributor leads shrink 2 % a month and their budget with them; app leads grow 3 % a month and its budget 1 % a month. The app team costs CNY 1 m a month.',
    'Spend is set near the profitable level: the last CNY 1 brings back about CNY 1.20 in the app (room to invest more), about 1.08 with partners and 1.00 with distributors.',
    "Seasonality: construction sites restart in March to May; the Spring Festival month is the trough. Rates are typical industry values, not a real company's data.",
  ],
};

const zhCN: typeof en = {
  plan: '工业设备：以直营 APP 推动渠道扁平化',
  east: '华东',
  south: '华南',
  north: '华北及东北',
  west: '中西部',
  app: '直营 APP（在线报价+融资）',
  partners: '区域服务商',
  distributors: '多级经销商（保留部分）',
  notes: [
    '工程机械制造商，单台标价约 20 万元，2027 年净收入约 2.95 亿元；自 2027 年 1 月起 36 个月，便于看出渠道迁移；金额单位为人民币，驱动因素按月；流量指销售线索。',
    '背景：多级经销体系导致价格不透明、服务响应慢。直营 APP 让客户直接查询参数、对比报价并在线融资；区域服务商保留售后，以服务分润保障其利益；剩余经销商逐步收缩。',
    '每台设备在各渠道的成本均约 9.8 万元，毛利的差别来自中间环节的分成：经销商两级合计 30%，服务商 10%，APP 4%（交付分润给服务商）；APP 价格比标价低 8%。',
    '线索转化率：APP 1.5%，随 APP 成熟每月相对提升 1%；服务商 8%（老客户机队的熟线索）；经销商 5%。每月投放带来的线索：APP 约 1,500 条（70 万元），服务商约 75 条（20 万元），经销商约 300 条（40 万元）。',
    '迁移：经销商线索每月减少 2%，投入同步减少；APP 线索每月增长 3%，投入每月增长 1%。APP 团队每月成本 100 万元。',
    '各渠道投入都设在盈利水平附近：最后投入的 1 元，APP 约带回 1.20 元（仍有加投空间），服务商约 1.08 元，经销商约 1.00 元。',
    '季节性：3–5 月工地复工为旺季，春节所在月份为淡季。以上比率均为行业典型值，并非真实企业数据。',
  ],
};

const zhTW: typeof en = {
  plan: '工業設備：以直營 APP 推動通路扁平化',
  east: '華東',
  south: '華南',
  north: '華北及東北',
  west: '中西部',
  app: '直營 APP（線上報價＋融資）',
  partners: '區域服務商',
  distributors: '多層經銷商（保留部分）',
  notes: [
    '工程機械製造商，單台標價約 20 萬元人民幣，2027 年淨營收約 2.95 億元；自 2027 年 1 月起 36 個月，便於看出通路遷移；金額單位為人民幣，驅動因子按月；流量指銷售名單。',
    '背景：多層經銷體系造成價格不透明、服務回應慢。直營 APP 讓客戶直接查詢規格、比較報價並線上融資；區域服務商保留售後，以服務分潤保障其利益；其餘經銷商逐步收縮。',
    '每台設備在各通路的成本皆約 9.8 萬元，毛利的差異來自中間環節的分成：經銷商兩層合計 30%，服務商 10%，APP 4%（交機分潤給服務商）；APP 價格比標價低 8%。',
    '名單轉換率：APP 1.5%，隨 APP 成熟每月相對提升 1%；服務商 8%（既有客戶機隊的熱名單）；經銷商 5%。每月投放帶來的名單：APP 約 1,500 筆（70 萬元），服務商約 75 筆（20 萬元），經銷商約 300 筆（40 萬元）。',
    '遷移：經銷商名單每月減少 2%，投入同步減少；APP 名單每月成長 3%，投入每月成長 1%。APP 團隊每月成本 100 萬元。',
    '各通路投入都設在獲利水準附近：最後投入的 1 元，APP 約帶回 1.20 元（仍有加碼空間），服務商約 1.08 元，經銷商約 1.00 元。',
    '季節性：3–5 月工地復工為旺季，春節所在月份為淡季。以上比率皆為產業典型值，並非真實企業資料。',
  ],
};

const TEXT = { en, zhCN, zhTW };

export function industrialTemplate(opts: TemplateOptions): Plan {
  const t = TEXT[languageOf(opts.locale)];
  return plan(opts, {
    name: t.plan,
    periods: 36,
    regions: [
      { id: 'east', name: t.east },
      { id: 'south', name: t.south },
      { id: 'north', name: t.north },
      { id: 'west', name: t.west },
    ],
    channels: [
      channel({
        id: 'ch-direct-app',
        name: t.app,
        type: 'officialSite',
        role: 'main',
        regions: ['east', 'south', 'north', 'west'],
        color: '#0b7285',
        drivers: {
          spend: { base: yuan(700_000), growth: 0.01 },
          baseTraffic: { base: 600, growth: 0.03, seasonality: CONSTRUCTION },
          conversion: { base: 0.015, growth: 0.01 },
          aov: yuan(184_000),
          returnRate: 0.01,
          grossMargin: 0.445,
          channelMargin: 0.04,
          variableCostRate: 0.06,
          fixedCost: yuan(1_000_000),
          newCustomerShare: 0.5,
        },
        curve: hill(3_300, yuan(800_000), 1),
      }),
      channel({
        id: 'ch-service-partners',
        name: t.partners,
        type: 'agent',
        role: 'auxiliary',
        regions: ['east', 'south', 'north', 'west'],
        color: '#e67700',
        drivers: {
          spend: yuan(200_000),
          baseTraffic: { base: 300, seasonality: CONSTRUCTION },
          conversion: 0.08,
          aov: yuan(190_000),
          returnRate: 0.01,
          grossMargin: 0.43,
          channelMargin: 0.1,
          variableCostRate: 0.08,
          fixedCost: yuan(600_000),
          newCustomerShare: 0.2,
        },
        curve: hill(190, yuan(300_000), 1),
      }),
      channel({
        id: 'ch-distributors',
        name: t.distributors,
        type: 'distributor',
        role: 'main',
        regions: ['north', 'west'],
        color: '#5c5f66',
        drivers: {
          spend: { base: yuan(400_000), growth: -0.02 },
          baseTraffic: { base: 1_800, growth: -0.02, seasonality: CONSTRUCTION },
          conversion: 0.05,
          aov: yuan(200_000),
          returnRate: 0.02,
          grossMargin: 0.3,
          channelMargin: 0.3,
          variableCostRate: 0.05,
          fixedCost: yuan(700_000),
          newCustomerShare: 0.4,
        },
        curve: hill(780, yuan(600_000), 1),
      }),
    ],
    notes: t.notes,
  });
}

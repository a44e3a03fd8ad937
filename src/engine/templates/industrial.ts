/**
 * Industrial equipment — seed 000's construction-machinery maker flattening a multi-level distributor
 * system: a direct app (specs, quotes, online financing), regional service partners kept for
 * after-sales and paid by a profit share, and the remaining distributors shrinking. 36 months, so
 * the migration shows.
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
    'Construction-machinery maker, list price about CNY 200k a machine, about CNY 255 m net revenue in year 1; 36 months from January 2027; money in CNY, drivers per month; traffic = sales leads.',
    'Case from seed 000: multi-level distributors made prices opaque and service slow; a direct app lets customers check specs, compare quotes and finance online, regional service partners keep after-sales for a profit share. The seed reports profit margin +12 % and complaints -30 % after flattening.',
    'A machine costs about CNY 98k in every channel; gross margin differs only by who takes a cut: distributors 30 % over two levels, service partners 10 %, the app 4 % (delivery share to the partner); app prices are 8 % under list.',
    'Lead conversion: app 1.5 % rising 1 % a month (relative) as the app matures, service partners 8 % (warm leads from existing fleets), distributors 5 %.',
    'Migration: distributor leads shrink 2 % a month, app leads grow 3 % a month. The app is about break-even in year 1 (CNY 1 m a month team + CNY 700k marketing) and contributes the most by year 3 — the channel to discuss.',
    'Seasonality: construction sites restart in March–May, Spring Festival is the trough. Figures other than the seed\'s +12 % / -30 % are illustrative industry-typical values.',
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
    '工程机械制造商，单台标价约 20 万元，首年净收入约 2.55 亿元；自 2027 年 1 月起 36 个月；金额单位为人民币，驱动因素按月；流量指销售线索。',
    '案例取自种子文章 000：原有多级经销商体系导致价格不透明、响应迟缓；直营 APP 让客户直接查询参数、对比报价并在线融资，保留区域服务商负责售后，以服务分润保障其利益。文中扁平化后利润率提升 12%、客户投诉率下降 30%。',
    '每台设备在各渠道的成本均约 9.8 万元，毛利率的差别只来自中间环节的分成：经销商两级合计 30%，服务商 10%，APP 4%（交付分润给服务商）；APP 价格比标价低 8%。',
    '线索转化率：APP 1.5%，随 APP 成熟每月相对提升 1%；服务商 8%（老客户机队的熟线索）；经销商 5%。',
    '迁移：经销商线索每月减少 2%，APP 线索每月增长 3%。APP 首年大致盈亏平衡（团队每月 100 万元、营销 70 万元），第三年贡献居首，是值得讨论的渠道。',
    '季节性：3–5 月工地复工为旺季，春节为淡季。除种子文章的 +12% / -30% 外，其余数字均为行业典型的示意值。',
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
    '工程機械製造商，單台標價約 20 萬元人民幣，首年淨收入約 2.55 億元；自 2027 年 1 月起 36 個月；金額單位為人民幣，驅動因子按月；流量指銷售名單。',
    '案例取自種子文章 000：原有多層經銷商體系造成價格不透明、回應遲緩；直營 APP 讓客戶直接查詢規格、比較報價並線上融資，保留區域服務商負責售後，以服務分潤保障其利益。文中扁平化後利潤率提升 12%、客訴率下降 30%。',
    '每台設備在各通路的成本皆約 9.8 萬元，毛利率的差異只來自中間環節的分成：經銷商兩層合計 30%，服務商 10%，APP 4%（交機分潤給服務商）；APP 價格比標價低 8%。',
    '名單轉換率：APP 1.5%，隨 APP 成熟每月相對提升 1%；服務商 8%（既有客戶機隊的熱名單）；經銷商 5%。',
    '遷移：經銷商名單每月減少 2%，APP 名單每月成長 3%。APP 首年大致損益兩平（團隊每月 100 萬元、行銷 70 萬元），第三年貢獻居首，是值得討論的通路。',
    '季節性：3–5 月工地復工為旺季，春節為淡季。除種子文章的 +12% / -30% 外，其餘數字皆為產業典型的示意值。',
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
        curve: hill(1_800, yuan(800_000), 1),
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
        curve: hill(200, yuan(300_000), 1),
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
        curve: hill(300, yuan(600_000), 1),
      }),
    ],
    notes: t.notes,
  });
}

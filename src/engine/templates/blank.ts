/**
 * Blank plan: no regions and one example channel with round placeholder numbers, so a new user sees
 * a working row to rename and overwrite instead of an empty grid.
 */
import { channel, hill, languageOf, plan, yuan, type TemplateOptions } from './build';
import type { Plan } from '../types';

const en = {
  plan: 'New plan',
  channel: 'Example channel (rename me)',
  notes: [
    'A blank plan: 24 monthly periods from January 2027, money in CNY, no regions yet.',
    'It holds one example channel with round placeholder numbers so the grid is not empty: rename it, change its type and drivers, or delete it and add your own channels.',
    'Placeholder assumptions: 2,500 visits a month without spend plus up to 8,000 more from spend (half of that at CNY 5,000 a month, which is about where the last CNY 1 of spend still pays for itself), 3 % conversion, AOV CNY 200, 5 % returns, 50 % gross margin, 5 % variable costs.',
    'None of these numbers is data; replace them and write here what your own numbers assume and where they come from.',
  ],
};

const zhCN: typeof en = {
  plan: '新计划',
  channel: '示例渠道（请重命名）',
  notes: [
    '空白计划：自 2027 年 1 月起 24 个月，金额单位为人民币，尚未设置区域。',
    '内含一个示例渠道，填的是整数占位值，以免表格为空：可重命名、修改类型和驱动因素，或删除后添加自己的渠道。',
    '占位假设：每月自然访客 2,500 人，投放最多再带来 8,000 人（每月投入 5,000 元时达到一半，大约正是最后 1 元投入仍能回本的位置），转化率 3%，客单价 200 元，退货率 5%，毛利率 50%，变动成本率 5%。',
    '这些数字都不是真实数据；请替换为自己的数字，并在此写明它们的假设和来源。',
  ],
};

const zhTW: typeof en = {
  plan: '新計畫',
  channel: '範例通路（請重新命名）',
  notes: [
    '空白計畫：自 2027 年 1 月起 24 個月，金額單位為人民幣，尚未設定區域。',
    '內含一個範例通路，填的是整數佔位值，以免表格空白：可重新命名、修改類型與驅動因子，或刪除後新增自己的通路。',
    '佔位假設：每月自然訪客 2,500 人，投放最多再帶來 8,000 人（每月投入 5,000 元時達到一半，大約正是最後 1 元投入仍能回本的位置），轉換率 3%，客單價 200 元，退貨率 5%，毛利率 50%，變動成本率 5%。',
    '這些數字都不是真實資料；請換成自己的數字，並在此寫明它們的假設與來源。',
  ],
};

const TEXT = { en, zhCN, zhTW };

export function blankTemplate(opts: TemplateOptions): Plan {
  const t = TEXT[languageOf(opts.locale)];
  return plan(opts, {
    name: t.plan,
    regions: [],
    channels: [
      channel({
        id: 'ch-example',
        name: t.channel,
        type: 'other',
        role: 'main',
        regions: [],
        color: '#4263eb',
        drivers: {
          spend: yuan(5_000),
          baseTraffic: 2_500,
          conversion: 0.03,
          aov: yuan(200),
          returnRate: 0.05,
          grossMargin: 0.5,
          variableCostRate: 0.05,
          newCustomerShare: 0.5,
        },
        curve: hill(8_000, yuan(5_000), 1),
      }),
    ],
    notes: t.notes,
  });
}

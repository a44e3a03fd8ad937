import type { inputEn } from './en';

/** 简体中文 messages of number and percent input conventions. */
export const inputZhCN: Record<keyof typeof inputEn, string> = {
  'input.otherCurrency': '“{value}”是另一种币种；本方案的币种是 {currency}。',
  'input.moneyNotAllowed': '“{value}”是金额；此处只能输入不带货币符号的数字。',
  'input.percentNotAllowed': '“{value}”是百分比；此处应输入金额或数量。',
  'input.notWhole': '“{value}”不是整数。',
  'input.belowMin': '不能小于 {limit}。',
  'input.aboveMax': '不能大于 {limit}。',
  'input.read.fraction': '{raw} 读作 {shown}（小数）{more}',
  'input.read.points': '{raw} 读作 {shown}（百分点）{more}',
  'input.read.scaled': '{raw} 读作 {shown}{more}',
  'input.read.more': '，另有 {count} 格同样读取',
  'input.read.column': '{column}：{items}。',
  'input.read.join': '；',
  'input.read.mixed':
    '请核对{column}：同一列中既有小数（{fraction}）又有百分点（{points}）。百分比单元格把两者都读作百分比；如果它们来自同一份数据，其中一种会差 100 倍。',
  'input.read.percentHint': '如要输入 {raw}%，请带上百分号：{raw}%。',
  'input.preview': '= {shown}',
  'input.hint.money': '金额：1,200 · ¥1,200 · 20万 · 15万元 · 1.45亿 · 12k',
  'input.hint.rate': '百分比：3% · 0.03（小数） · 3（百分点）',
  'input.hint.count': '数字：1,200 · 3万 · 1.5k',
};

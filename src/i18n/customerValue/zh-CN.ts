import type { customerValueEn } from './en';

/** Simplified Chinese messages of customer value per channel (LTV:CAC). */
export const customerValueZhCN: Record<keyof typeof customerValueEn, string> = {
  'cvalue.title': '客户价值',
  'cvalue.use': '将此 CLV 用于计划',
  'cvalue.useHint': '把各渠道的 CLV 保存在计划（及计划文件）中，渠道表格和评分卡即可显示 LTV:CAC 与回本月数，优化器也能计算新客价值。在此重新计算不会改变计划中的数值，除非再次使用。',
  'cvalue.remove': '停止在计划中使用 CLV',
  'cvalue.edit.use': '将 CLV 用于计划',
  'cvalue.edit.remove': '停止在计划中使用 CLV',
  'cvalue.used': '已将 {count} 个渠道的 CLV 用于计划。',
  'cvalue.inPlan': '计划使用来自“{dataset}”的 CLV（订单截至 {end}，期限 {months} 个月，毛利率 {margin}，{method}），取于 {date}。',
  'cvalue.unmatched': '未纳入（计划中没有同名渠道）：{names}。把计划渠道改成数据中的名称即可纳入。',
  'cvalue.noneMatched': '数据中的首单渠道没有一个与计划渠道同名：没有可用于计划的 CLV。',
  'cvalue.method.bgnbd-gammagamma': 'BG/NBD 购买次数 × Gamma-Gamma 客单额',
  'cvalue.method.bgnbd-meanorder': 'BG/NBD 购买次数 × 每位客户的平均订单额',
  'cvalue.ltvCacHint': 'LTV:CAC = CLV ÷ 获客成本。CLV：在“{dataset}”中首单来自 {channels} 的 {customers} 位客户，未来 {months} 个月折现毛利的平均值（订单截至 {end}；{method}）；取于 {date}，距今 {days} 天。获客成本：计划期内花费 ÷ 新客订单数。低于 1：每个新客的获客成本高于其带来的毛利。',
  'cvalue.paybackHint': '回本月数：新客按 CLV 模型逐月预期的毛利（不折现）需要多少个月才能收回获客成本。“> {months}”：在 CLV 期限内收不回。',
  'cvalue.noClv': '此渠道没有 CLV：在“{dataset}”中没有客户的首单来自该渠道。',
  'cvalue.noCac': '没有获客成本：该渠道没有新客订单或没有花费。',
  'cvalue.beyond': '> {months}',
  'cvalue.cellHint': '“{channel}”：CLV {clv}，获客成本 {cac}。',
  'cvalue.losing': '“{channel}”：LTV:CAC {ratio}。一个新客预计在 {months} 个月内带来 {clv} 毛利，但获客要花 {cac}：这个渠道每获得一个新客都在亏钱。',
  'cvalue.allPay': '所有有 CLV 的渠道都能收回新客的获客成本（LTV:CAC 不低于 1）。',
  'cvalue.objectiveHint': '贡献 + 新客 × CLV：计划当期的贡献，加上它赢得的新客日后预计带来的价值（CLV 来自客户数据，已用于计划）。',
  'cvalue.objectiveNeedsClv': '要按“新客 × CLV”优化，请先把 CLV 用于计划（客户 → CLV）。',
  'cvalue.optDear': '已按“贡献 + 新客 × CLV”最大化：{channels} 上每多花 {unit}，在本计划期内的贡献都收不回成本，只能靠赢得的新客日后的毛利（CLV）收回。若 CLV 没有兑现，这部分花费就亏钱。',
};

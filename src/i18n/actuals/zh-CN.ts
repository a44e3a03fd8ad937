/** Simplified Chinese messages of monthly actuals: import, name matching, plan vs actual. */
export const actualsZhCN = {
  'actuals.section.data': '数据',
  'actuals.section.variance': '计划对比实际',
  'tabs.actuals': '实际',
};

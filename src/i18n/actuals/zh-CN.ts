/** Simplified Chinese messages of monthly actuals: import, name matching, plan vs actual. */
export const actualsZhCN = {
  'tabs.actuals': '实际',
};

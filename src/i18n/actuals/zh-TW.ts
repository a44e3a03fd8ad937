/** Traditional Chinese messages of monthly actuals: import, name matching, plan vs actual. */
export const actualsZhTW = {
  'actuals.section.data': '資料',
  'actuals.section.variance': '計畫對比實際',
  'tabs.actuals': '實際',
};

/** Traditional Chinese messages of monthly actuals: import, name matching, plan vs actual. */
export const actualsZhTW = {
  'tabs.actuals': '實際',
};

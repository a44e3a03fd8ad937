/** English messages of monthly actuals: import, name matching, plan vs actual. */
export const actualsEn = {
  'tabs.actuals': 'Actuals',
};

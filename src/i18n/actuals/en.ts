/** English messages of monthly actuals: import, name matching, plan vs actual. */
export const actualsEn = {
  'actuals.section.data': 'Data',
  'actuals.section.variance': 'Plan vs actual',
  'tabs.actuals': 'Actuals',
};

/** Traditional Chinese messages of the demand forecast. */
export const forecastZhTW = {
  'tabs.forecast': '預測',
};

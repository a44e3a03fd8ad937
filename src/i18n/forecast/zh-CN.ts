/** Simplified Chinese messages of the demand forecast. */
export const forecastZhCN = {
  'tabs.forecast': '预测',
};

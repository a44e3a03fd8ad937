/** Traditional Chinese messages of plan against actual: the variance grid and chart, year-to-date roll-ups, actualised scenarios. */
export const varianceZhTW = {
  'variance.title': '計畫對比實際',
};

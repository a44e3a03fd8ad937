/** Simplified Chinese messages of plan against actual: the variance grid and chart, year-to-date roll-ups, actualised scenarios. */
export const varianceZhCN = {
  'variance.title': '计划对比实际',
};

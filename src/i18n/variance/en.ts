/** English messages of plan against actual: the variance grid and chart, year-to-date roll-ups, actualised scenarios. */
export const varianceEn = {
  'variance.title': 'Plan vs actual',
};

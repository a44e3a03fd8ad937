/** Messages of customer value per channel (LTV:CAC) (loaded with the views that use them: see ../lazy.ts). */
export const customerValueEn = {
  'cvalue.title': 'Customer value',
};

/** English messages of the demand forecast. */
export const forecastEn = {
  'tabs.forecast': 'Forecast',
};

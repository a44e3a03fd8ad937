export * from './alerts';
export * from './bcgMarket';
export * from './fields';
export * from './figures';
export * from './names';
export * from './scoreMetrics';

export { applyLifecycle, periodAtOrAfter } from './apply';
export { lifecycleEvents, withLaunches, type LifecycleEvents } from './launches';
export { rampFactor } from './ramp';
export { channelOfType, TYPE_PROFILES } from './typeDefaults';
export { validateLifecycle } from './validate';
export { knownChannels, resultPlan, unionChannels } from './resultPlan';

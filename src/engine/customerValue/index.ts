export { customerValueSnapshot, unmatchedDataChannels, isoOfDay, type ClvByFirstChannel, type SnapshotSettings } from './snapshot';
export { channelLtvCac, clvOf, customerValueScore, isCustomerValueMetric, ltvCacByChannel, paybackMonths, type ChannelLtvCac } from './ltvCac';
export { checkCustomerValue } from './validate';

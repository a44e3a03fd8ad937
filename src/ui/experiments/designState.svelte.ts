import { EXPERIMENT_DRIVERS, type DriverKey, type ExperimentDriver } from '../../engine/types';
import type { PowerMethod } from '../../engine/experiments';

/** Drivers a test can change: those that act on orders through traffic or conversion, and order value. */
export const TEST_DRIVERS = EXPERIMENT_DRIVERS satisfies readonly DriverKey[];
export type TestDriver = ExperimentDriver;

/**
 * The test being designed and its observed result. It lives while the app is open, kept when the
 * user visits other tabs; "save" copies it into the plan's saved designs (experimentEdits.ts) and
 * "open" copies a saved design back here.
 */
export const testDesign = $state({
  channelId: '',
  driver: 'spend' as TestDriver,
  /** Change of the driver as a fraction (0.2 = +20 %). */
  change: 0.2,
  regionId: '',
  month: '',
  scenarioId: null as string | null,
  /** Share of the channel's (or region's) traffic that is in the test, both arms together. */
  share: 1,
  alpha: 0.05,
  power: 0.8,
  method: 'pooled' as PowerMethod,
  /** Days the user can run the test; null = as long as the sample size needs. */
  days: null as number | null,
  /** Coefficient of variation of order value (sd / mean), for an order-value test without imported orders. */
  cv: 0.8,
  /** Order-value spread: measured on the channel's imported orders when there are some ('data'), or the CV typed ('cv'). */
  spread: 'data' as 'data' | 'cv',
  /** How many times the user plans to read the result before the end; null = once a day. */
  looks: null as number | null,
});

export const testResult = $state({
  controlUnits: null as number | null,
  controlConversions: null as number | null,
  testUnits: null as number | null,
  testConversions: null as number | null,
  confidence: 0.95,
  /** Order-value test: mean and standard deviation (minor units) and orders of each arm. */
  controlMean: null as number | null,
  controlSd: null as number | null,
  controlOrders: null as number | null,
  testMean: null as number | null,
  testSd: null as number | null,
  testOrders: null as number | null,
});

export const pilot = $state({
  testRegions: [] as string[],
  controlRegions: [] as string[],
  firstMonth: '',
  measure: 'netRevenue' as 'netRevenue' | 'orders',
});

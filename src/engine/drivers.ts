import type { DriverKey } from './types';

/** How a driver's values are entered, shown and validated. */
export type DriverUnit = 'money' | 'rate' | 'count';

export interface DriverSpec {
  unit: DriverUnit;
  /** Inclusive bounds of a valid value (money in minor units). */
  min: number;
  max: number;
}

const RATE: DriverSpec = { unit: 'rate', min: 0, max: 1 };
const MONEY: DriverSpec = { unit: 'money', min: 0, max: Number.MAX_SAFE_INTEGER };
const COUNT: DriverSpec = { unit: 'count', min: 0, max: 1e12 };

export const DRIVER_SPECS: Readonly<Record<DriverKey, DriverSpec>> = {
  spend: MONEY,
  baseTraffic: COUNT,
  conversion: RATE,
  aov: MONEY,
  returnRate: RATE,
  grossMargin: RATE,
  channelMargin: RATE,
  variableCostRate: RATE,
  fixedCost: MONEY,
  newCustomerShare: RATE,
};

/** Growth per period is bounded so that compounding over 60 periods stays finite and meaningful. */
export const GROWTH_MIN = -0.5;
export const GROWTH_MAX = 1;
export const SEASONALITY_MAX = 10;

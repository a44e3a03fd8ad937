/**
 * The figures of a designed test, from the plan's predicted lift and the designer's settings: what the
 * form shows and what the export writes, computed in one place.
 */
import {
  meanSampleSize,
  minimumDetectableRate,
  normalCdf,
  normalQuantile,
  peekingFalsePositiveRate,
  proportionPower,
  proportionSampleSize,
  testCost,
  testDays,
  DAYS_PER_MONTH,
  type PlanLift,
  type PowerMethod,
} from '../../engine/experiments';

export interface DesignSettings {
  driver: string;
  share: number;
  alpha: number;
  power: number;
  method: PowerMethod;
  days: number | null;
  cv: number;
  looks: number | null;
  /** Order value standard deviation (minor units) measured on imported orders; when given it replaces cv × mean. */
  sd?: number | null;
}

export interface TestDesignFigures {
  /** 'conversion': orders per visitor (two-proportion z test); 'orderValue': Welch t test on order value. */
  kind: 'conversion' | 'orderValue';
  /** Units (visitors, or orders for order value) the test sees a month, both arms. */
  unitsPerMonth: number;
  /** Control level (conversion rate, or order value in minor units) and the predicted test level. */
  control: number;
  predicted: number;
  /** predicted / control − 1. */
  relativeEffect: number;
  /** Order value standard deviation (minor units); null for a conversion test. */
  sd: number | null;
  /** Units per arm the predicted effect needs (rounded up); null when the plan predicts no change. */
  unitsPerArm: number | null;
  daysNeeded: number | null;
  /** Days the figures below are for: the user's days, else the days needed. */
  days: number | null;
  unitsPerArmInDays: number | null;
  /** Power at the predicted effect with the units of `days`. */
  powerInDays: number | null;
  /** Smallest relative effect `days` detect with the wanted power. */
  mdeRelative: number | null;
  extraSpend: number | null;
  contributionChange: number | null;
  looks: number;
  falsePositiveRate: number;
}

export function designFigures(lift: PlanLift, s: DesignSettings): TestDesignFigures {
  const orderValue = s.driver === 'aov';
  const unitsPerMonth = (orderValue ? lift.before.orders : lift.before.traffic) * s.share;
  const control = orderValue ? lift.aov : lift.conversion;
  const relativeEffect = orderValue ? lift.aovLift : lift.ordersLift;
  const predicted = control * (1 + relativeEffect);
  const measured = orderValue && s.sd != null && s.sd > 0 ? s.sd : null;
  const sd = orderValue ? (measured ?? s.cv * control) : null;
  const cv = sd !== null && control > 0 ? sd / control : s.cv;
  let n: number | null;
  if (orderValue) n = sd !== null ? meanSampleSize(predicted - control, sd, s.alpha, s.power) : null;
  else n = proportionSampleSize(control, predicted, s.alpha, s.power, s.method);
  const unitsPerArm = n !== null ? Math.ceil(n) : null;
  const perArmPerDay = unitsPerMonth / 2 / DAYS_PER_MONTH;
  const daysNeeded = unitsPerArm !== null ? testDays(unitsPerArm, unitsPerMonth / s.share, s.share) : null;
  const days = s.days ?? (daysNeeded !== null ? Math.ceil(daysNeeded) : null);
  const inDays = days !== null && perArmPerDay > 0 ? Math.floor(perArmPerDay * days) : null;
  let powerInDays: number | null = null;
  let mdeRelative: number | null = null;
  if (inDays !== null && inDays > 1) {
    if (orderValue && sd !== null) {
      const z = normalQuantile(1 - s.alpha / 2);
      const shift = (Math.abs(predicted - control) / sd) * Math.sqrt(inDays / 2);
      powerInDays = shift > 0 ? normalCdf(shift - z) + normalCdf(-shift - z) : null;
      mdeRelative = mdeMean(inDays, cv, s.alpha, s.power);
    } else if (!orderValue) {
      powerInDays = relativeEffect !== 0 && predicted > 0 && predicted < 1 ? proportionPower(control, predicted, inDays, s.alpha, s.method) : null;
      const rate = minimumDetectableRate(control, inDays, s.alpha, s.power, s.method);
      mdeRelative = rate !== null ? rate / control - 1 : null;
    }
  }
  const cost = days !== null ? testCost(lift, s.share, days) : null;
  const looks = Math.max(1, Math.round(s.looks ?? days ?? 1));
  return {
    kind: orderValue ? 'orderValue' : 'conversion',
    unitsPerMonth,
    control,
    predicted,
    relativeEffect,
    sd,
    unitsPerArm,
    daysNeeded,
    days,
    unitsPerArmInDays: inDays,
    powerInDays,
    mdeRelative,
    extraSpend: cost?.extraSpend ?? null,
    contributionChange: cost?.contributionChange ?? null,
    looks,
    falsePositiveRate: peekingFalsePositiveRate(looks, s.alpha),
  };
}

/** Smallest relative change of mean order value n orders per arm detect (two tails, normal power). */
function mdeMean(n: number, cv: number, alpha: number, power: number): number | null {
  let lo = 0;
  let hi = 10;
  if (!(cv > 0)) return null;
  for (let i = 0; i < 100; i++) {
    const mid = (lo + hi) / 2;
    const m = meanSampleSize(mid, cv, alpha, power);
    if (m !== null && m > n) lo = mid;
    else hi = mid;
  }
  return hi;
}

/**
 * Checks of the price lever and of scenarios' price changes (docs/model.md#levers). A value the
 * model cannot use (an index at or below 0, an elasticity beyond ±20, a correlation outside −1 … 1,
 * a month that is no month) is an error; a price for a channel the plan no longer has, two prices
 * for one channel, or a P10 above its P90 while being typed are warnings — compute ignores the first
 * two (the first entry of a channel wins) and Monte Carlo reports the third.
 */
import { GROWTH_MAX, GROWTH_MIN, SEASONALITY_MAX } from '../drivers';
import { ELASTICITY_MAX, ELASTICITY_MIN, PRICE_INDEX_MAX, PRICE_INDEX_MIN } from '../levers/priceLimits';
import { parseMonth } from '../timeline';
import type { Driver, Plan } from '../types';
import type { Problem } from '../validate';

type Path = (string | number)[];

interface Report {
  error(path: Path, code: Problem['code'], params?: Problem['params']): void;
  warn(path: Path, code: Problem['code'], params?: Problem['params']): void;
}

function checkRange(r: Report, path: Path, v: number, min: number, max: number): void {
  if (v < min || v > max) r.error(path, 'outOfRange', { min, max, value: v });
}

function checkMonth(r: Report, path: Path, key: string | undefined): void {
  if (key !== undefined && !parseMonth(key)) r.error(path, 'invalidValue', { value: key });
}

function checkIndex(r: Report, path: Path, d: Driver): void {
  checkRange(r, [...path, 'base'], d.base, PRICE_INDEX_MIN, PRICE_INDEX_MAX);
  if (d.growth !== undefined) checkRange(r, [...path, 'growth'], d.growth, GROWTH_MIN, GROWTH_MAX);
  if (d.seasonality !== undefined) {
    if (d.seasonality.length !== 12) r.error([...path, 'seasonality'], 'invalidValue', { expected: 12 });
    else d.seasonality.forEach((s, i) => checkRange(r, [...path, 'seasonality', i], s, 0, SEASONALITY_MAX));
  }
  for (const [month, v] of Object.entries(d.overrides ?? {})) {
    if (!parseMonth(month)) r.error([...path, 'overrides', month], 'invalidValue');
    else checkRange(r, [...path, 'overrides', month], v, PRICE_INDEX_MIN, PRICE_INDEX_MAX);
  }
}

function checkLever(r: Report, plan: Plan, channelIds: ReadonlySet<string>): void {
  const lever = plan.prices;
  if (!lever) return;
  const p = ['prices'];
  checkRange(r, [...p, 'elasticity'], lever.elasticity, ELASTICITY_MIN, ELASTICITY_MAX);
  if (lever.conversionCorrelation !== undefined) checkRange(r, [...p, 'conversionCorrelation'], lever.conversionCorrelation, -1, 1);
  const seen = new Set<string>();
  lever.channels.forEach((cp, i) => {
    const at = [...p, 'channels', i];
    if (!channelIds.has(cp.channelId)) r.warn([...at, 'channelId'], 'unknownRef', { value: cp.channelId });
    if (seen.has(cp.channelId)) r.warn([...at, 'channelId'], 'duplicateId', { value: cp.channelId });
    seen.add(cp.channelId);
    checkIndex(r, [...at, 'index'], cp.index);
    if (cp.elasticity !== undefined) checkRange(r, [...at, 'elasticity'], cp.elasticity, ELASTICITY_MIN, ELASTICITY_MAX);
    if (cp.range) {
      checkRange(r, [...at, 'range', 'low'], cp.range.low, ELASTICITY_MIN, ELASTICITY_MAX);
      checkRange(r, [...at, 'range', 'high'], cp.range.high, ELASTICITY_MIN, ELASTICITY_MAX);
      if (cp.range.low > cp.range.high) r.warn([...at, 'range', 'high'], 'outOfRange', { min: cp.range.low, value: cp.range.high });
    }
    const src = cp.source;
    if (src?.kind === 'estimated') {
      if (src.low > src.high) r.error([...at, 'source', 'high'], 'outOfRange', { min: src.low, value: src.high });
      for (const k of ['priceChanges', 'observations'] as const) {
        if (src[k] < 0 || !Number.isInteger(src[k])) r.error([...at, 'source', k], 'notInteger', { value: src[k] });
      }
    }
  });
}

function checkScenarioChanges(r: Report, plan: Plan, channelIds: ReadonlySet<string>): void {
  plan.scenarios.forEach((s, k) => {
    const seen = new Set<string>();
    (s.priceChanges ?? []).forEach((ch, i) => {
      const at = ['scenarios', k, 'priceChanges', i];
      if (seen.has(ch.id)) r.error([...at, 'id'], 'duplicateId', { value: ch.id });
      seen.add(ch.id);
      checkMonth(r, [...at, 'from'], ch.from);
      checkMonth(r, [...at, 'to'], ch.to);
      // −100 % or less would take the price to zero or below.
      if (ch.percent <= -100 || ch.percent > 10_000) r.error([...at, 'percent'], 'outOfRange', { min: -99.99, max: 10_000, value: ch.percent });
      ch.channelIds.forEach((id, j) => {
        if (!channelIds.has(id)) r.warn([...at, 'channelIds', j], 'unknownRef', { value: id });
      });
    });
  });
}

/** Problems of the price lever and the scenarios' price changes. */
export function checkPrices(plan: Plan, r: Report): void {
  const channelIds = new Set(plan.channels.map((ch) => ch.id));
  checkLever(r, plan, channelIds);
  checkScenarioChanges(r, plan, channelIds);
}

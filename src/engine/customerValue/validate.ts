/**
 * Values of a customer-value snapshot read from a file (docs/model.md#customer-value). Numbers a
 * snapshot cannot hold are errors (a margin above 100 %, a fractional or negative CLV, a monthly
 * margin list that does not match the horizon); a channel the plan no longer has is a warning, as
 * removing a channel leaves its figure behind and LTV:CAC skips it.
 */
import type { Problem } from '../validate';
import type { Plan } from '../types';

const DATE_RE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
/** The Customers tab's longest CLV horizon. */
export const MAX_HORIZON_MONTHS = 120;

export function checkCustomerValue(plan: Plan): { errors: Problem[]; warnings: Problem[] } {
  const errors: Problem[] = [];
  const warnings: Problem[] = [];
  const cv = plan.customerValue;
  if (!cv) return { errors, warnings };
  const at = (...p: (string | number)[]) => ['customerValue', ...p];
  const range = (path: (string | number)[], value: number, min: number, max: number): boolean => {
    if (value >= min && value <= max) return true;
    errors.push({ path, code: 'outOfRange', params: { min, max, value } });
    return false;
  };
  const whole = (path: (string | number)[], value: number, max = Number.MAX_SAFE_INTEGER): void => {
    if (range(path, value, 0, max) && !Number.isInteger(value)) errors.push({ path, code: 'notInteger', params: { value } });
  };
  if (!DATE_RE.test(cv.observationEnd)) errors.push({ path: at('observationEnd'), code: 'invalidValue', params: { value: cv.observationEnd } });
  whole(at('horizonMonths'), cv.horizonMonths, MAX_HORIZON_MONTHS);
  if (cv.horizonMonths < 1) errors.push({ path: at('horizonMonths'), code: 'outOfRange', params: { min: 1, max: MAX_HORIZON_MONTHS, value: cv.horizonMonths } });
  range(at('discountRate'), cv.discountRate, 0, 1);
  range(at('margin'), cv.margin, 0, 1);
  range(at('takenAt'), cv.takenAt, 0, Number.MAX_SAFE_INTEGER);
  const ids = new Set(plan.channels.map((c) => c.id));
  const seen = new Set<string>();
  cv.channels.forEach((ch, i) => {
    if (seen.has(ch.channelId)) errors.push({ path: at('channels', i, 'channelId'), code: 'duplicateId', params: { value: ch.channelId } });
    seen.add(ch.channelId);
    if (!ids.has(ch.channelId)) warnings.push({ path: at('channels', i, 'channelId'), code: 'unknownRef', params: { value: ch.channelId } });
    whole(at('channels', i, 'customers'), ch.customers);
    whole(at('channels', i, 'clv'), ch.clv);
    if (ch.monthlyMargin.length !== cv.horizonMonths) {
      errors.push({ path: at('channels', i, 'monthlyMargin'), code: 'lengthMismatch', params: { expected: cv.horizonMonths, found: ch.monthlyMargin.length } });
    }
    ch.monthlyMargin.forEach((m, k) => whole(at('channels', i, 'monthlyMargin', k), m));
  });
  return { errors, warnings };
}

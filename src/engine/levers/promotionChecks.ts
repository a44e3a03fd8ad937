/**
 * Checks of a plan's promotions and of the scenarios' changes to them (docs/model.md#promotions). A
 * value the engine cannot use is an error; a reference to a channel or promotion that is gone is a
 * warning (removing a channel leaves it, and the engine skips it).
 */
import type { Plan, Promotion, PromotionChange } from '../types';
import type { Problem } from '../validate';
import { eventSpan } from './promotions';
import { dayNumber, spanLength } from './promotionDays';

/** Deepest discount an event may give: at 100 % off the price paid is nothing and the model's ratio breaks. */
export const MAX_PROMOTION_DEPTH = 0.95;
/** Largest lift: 20 = twenty-one times the demand of those days. */
export const MAX_PROMOTION_LIFT = 20;
export const MAX_PROMOTION_DAYS = 366;
export const MAX_PULL_FORWARD_DAYS = 90;
export const MAX_HANGOVER_MONTHS = 12;

type Path = (string | number)[];

export interface PromotionProblems {
  errors: Problem[];
  warnings: Problem[];
}

function rangeProblem(path: Path, value: number, min: number, max: number): Problem | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) return { path, code: 'notFinite' };
  return value >= min && value <= max ? null : { path, code: 'outOfRange', params: { min, max, value } };
}

/** Problems of one event, paths from `at`. */
export function promotionProblems(p: Promotion, at: Path, channelIds: ReadonlySet<string>): PromotionProblems {
  const errors: Problem[] = [];
  const warnings: Problem[] = [];
  const add = (x: Problem | null): void => void (x && errors.push(x));
  if (dayNumber(p.start) === null) errors.push({ path: [...at, 'start'], code: 'invalidValue', params: { value: p.start } });
  if (dayNumber(p.end) === null) errors.push({ path: [...at, 'end'], code: 'invalidValue', params: { value: p.end } });
  if (dayNumber(p.start) !== null && dayNumber(p.end) !== null) {
    const span = eventSpan(p);
    if (!span) errors.push({ path: [...at, 'end'], code: 'invalidValue', params: { reason: 'endBeforeStart', value: p.end } });
    else if (spanLength(span) > MAX_PROMOTION_DAYS) errors.push({ path: [...at, 'end'], code: 'outOfRange', params: { max: MAX_PROMOTION_DAYS, value: spanLength(span) } });
  }
  add(rangeProblem([...at, 'depth'], p.depth, 0, MAX_PROMOTION_DEPTH));
  add(rangeProblem([...at, 'lift'], p.lift, 0, MAX_PROMOTION_LIFT));
  if (p.pullForward) {
    add(rangeProblem([...at, 'pullForward', 'share'], p.pullForward.share, 0, 1));
    add(rangeProblem([...at, 'pullForward', 'days'], p.pullForward.days, 1, MAX_PULL_FORWARD_DAYS));
  }
  if (p.hangover) {
    add(rangeProblem([...at, 'hangover', 'share'], p.hangover.share, 0, 1));
    add(rangeProblem([...at, 'hangover', 'months'], p.hangover.months, 1, MAX_HANGOVER_MONTHS));
  }
  // More demand moved out than the event brought would make it take sales it never made.
  const moved = (p.pullForward?.share ?? 0) + (p.hangover?.share ?? 0);
  if (Number.isFinite(moved) && moved > 1) errors.push({ path: [...at, 'hangover', 'share'], code: 'outOfRange', params: { reason: 'movedOverExtra', max: 1, value: moved } });
  p.channelIds.forEach((id, k) => {
    if (!channelIds.has(id)) warnings.push({ path: [...at, 'channelIds', k], code: 'unknownRef', params: { value: id } });
  });
  return { errors, warnings };
}

function changeProblems(ch: PromotionChange, at: Path, promotionIds: ReadonlySet<string>, out: PromotionProblems): void {
  if (!promotionIds.has(ch.promotionId)) out.warnings.push({ path: [...at, 'promotionId'], code: 'unknownRef', params: { value: ch.promotionId } });
  const depth = ch.depth === undefined ? null : rangeProblem([...at, 'depth'], ch.depth, 0, MAX_PROMOTION_DEPTH);
  const lift = ch.lift === undefined ? null : rangeProblem([...at, 'lift'], ch.lift, 0, MAX_PROMOTION_LIFT);
  if (depth) out.errors.push(depth);
  if (lift) out.errors.push(lift);
}

/** Every problem of the plan's promotions and of the scenarios' changes to them. */
export function checkPromotions(plan: Plan): PromotionProblems {
  const out: PromotionProblems = { errors: [], warnings: [] };
  const list = plan.promotions ?? [];
  const channelIds = new Set(plan.channels.map((c) => c.id));
  const seen = new Set<string>();
  list.forEach((p, i) => {
    if (seen.has(p.id)) out.errors.push({ path: ['promotions', i, 'id'], code: 'duplicateId', params: { value: p.id } });
    seen.add(p.id);
    const r = promotionProblems(p, ['promotions', i], channelIds);
    out.errors.push(...r.errors);
    out.warnings.push(...r.warnings);
  });
  plan.scenarios.forEach((s, si) => {
    (s.promotions ?? []).forEach((ch, k) => changeProblems(ch, ['scenarios', si, 'promotions', k], seen, out));
  });
  return out;
}

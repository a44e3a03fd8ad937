import type { OptimiseResult } from '../../engine/optimiser';
import { currencyDigits } from '../../engine/money';
import { formatMoney } from '../../i18n/format';
import { t } from '../../state/i18n.svelte';
import type { Money } from '../units';

type Ok = Extract<OptimiseResult, { ok: true }>;

/**
 * Below this many hundredths of a unit either way the last unit of spend "about pays for itself":
 * the verdict would otherwise flip on rounding noise at the best budget.
 */
const AT_LEVEL = 0.005;

/** Where a budget sits against the profitable level, from the marginal contribution of its last unit. */
export type ProfitLevel = 'past' | 'below' | 'at';

export function profitLevel(marginalContribution: number): ProfitLevel {
  if (marginalContribution < -AT_LEVEL) return 'past';
  if (marginalContribution > AT_LEVEL) return 'below';
  return 'at';
}

/** One unit of the plan's currency, as a planner says it: "¥1", "$1". */
export function oneUnit(money: Money): string {
  return new Intl.NumberFormat(money.locale, { style: 'currency', currency: money.currency, currencyDisplay: 'narrowSymbol', maximumFractionDigits: 0 }).format(1);
}

/** An amount per unit of spend, to the cent: 0.44 → "¥0.44". */
export function perUnit(v: number, money: Money): string {
  return formatMoney(Math.round(v * 10 ** currencyDigits(money.currency)), money.currency, money.locale);
}

/** "+¥1,234" / "−¥1,234". */
export function signedMoney(minor: number, money: Money): string {
  const text = formatMoney(Math.abs(minor), money.currency, money.locale);
  return minor > 0 ? `+${text}` : minor < 0 ? `−${text}` : text;
}

/**
 * What the last unit of a budget does to contribution, in words: each extra unit of spend brings
 * back (1 + λ) of gross profit after channel costs, so λ < 0 loses |λ| of every extra unit.
 */
export function marginText(lambda: number, money: Money): string {
  const unit = oneUnit(money);
  const back = perUnit(1 + lambda, money);
  switch (profitLevel(lambda)) {
    case 'past':
      return t('advice.opt.past', { unit, back, lost: perUnit(-lambda, money) });
    case 'below':
      return t('advice.opt.below', { unit, back, gain: perUnit(lambda, money) });
    case 'at':
      return t('advice.opt.at', { unit });
  }
}

/** The best budget against the answer on screen (or against today's, for the best-budget answer itself). */
export function bestText(r: Ok, money: Money, todayBudget: number, todayContribution: number, isBest: boolean): string {
  if (!r.best.ok) return '';
  if (isBest) {
    const diff = r.best.budget - todayBudget;
    return t(diff < 0 ? 'advice.opt.bestBelowToday' : diff > 0 ? 'advice.opt.bestAboveToday' : 'advice.opt.bestIsToday', {
      today: formatMoney(todayBudget, money.currency, money.locale),
      diff: formatMoney(Math.abs(diff), money.currency, money.locale),
      delta: signedMoney(r.best.contribution - todayContribution, money),
    });
  }
  return t('advice.opt.bestIs', {
    budget: formatMoney(r.best.budget, money.currency, money.locale),
    contribution: formatMoney(r.best.contribution, money.currency, money.locale),
    delta: signedMoney(r.best.contribution - r.contribution, money),
  });
}

/** d contribution / d spend of one channel, signed to two decimals ("−0.56"); "∞" at zero spend on a concave curve. */
export function marginalText(v: number, locale: string): string {
  if (v === Infinity) return '∞';
  const text = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(Math.abs(v));
  return v < -0.005 ? `−${text}` : v > 0.005 ? `+${text}` : text;
}

import { DRIVER_SPECS } from './drivers';
import { currencyDigits } from './money';
import type { Op } from './patch';
import type { Channel, Plan } from './types';
import { DRIVER_KEYS } from './types';

/**
 * Edits that relabel a plan's currency. Amounts keep their value in major units (¥15,000 becomes
 * $15,000, not converted at an exchange rate), so minor units are rescaled when the currencies have
 * different numbers of decimals (CNY 2 → JPY 0).
 */
export function changeCurrencyOps(plan: Plan, currency: string): Op[] {
  const from = currencyDigits(plan.currency);
  const to = currencyDigits(currency);
  const ops: Op[] = [{ path: ['currency'], value: currency }];
  if (from === to) return ops;
  const scale = (v: number): number => Math.round((v * 10 ** to) / 10 ** from);
  const channels = plan.channels.map((ch): Channel => {
    const drivers = { ...ch.drivers };
    for (const key of DRIVER_KEYS) {
      if (DRIVER_SPECS[key].unit !== 'money') continue;
      const d = ch.drivers[key];
      drivers[key] = {
        ...d,
        base: scale(d.base),
        ...(d.overrides ? { overrides: Object.fromEntries(Object.entries(d.overrides).map(([m, v]) => [m, scale(v)])) } : {}),
      };
    }
    return { ...ch, drivers, curve: { ...ch.curve, halfSat: scale(ch.curve.halfSat) } };
  });
  ops.push({ path: ['channels'], value: channels });
  return ops;
}

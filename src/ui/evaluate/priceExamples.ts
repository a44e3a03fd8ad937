import { toMinor } from '../../engine/money';
import type { Plan, PriceSettings } from '../../engine/types';

/**
 * An illustrative price list built from the plan's own channels and regions, so the conflict checks
 * have something to show on a first visit: one channel priced 15 % under the reference (beyond a
 * 10 % tolerance) and, with two regions, a regional gap larger than the freight between them.
 */
export function examplePrices(plan: Plan, product: string): PriceSettings {
  const money = (major: number): number => toMinor(major, plan.currency);
  const ch = (k: number): string => plan.channels[k % plan.channels.length].id;
  const entries: PriceSettings['entries'] = [
    { id: 'pr-example-1', product, channelId: ch(0), regionId: '', price: money(199) },
    { id: 'pr-example-2', product, channelId: ch(1), regionId: '', price: money(169) },
  ];
  const freight: PriceSettings['freight'] = [];
  if (plan.regions.length >= 2) {
    const [a, b] = plan.regions;
    entries.push(
      { id: 'pr-example-3', product, channelId: ch(2), regionId: a.id, price: money(189) },
      { id: 'pr-example-4', product, channelId: ch(2), regionId: b.id, price: money(209) },
    );
    freight.push({ from: a.id, to: b.id, cost: money(5) });
  }
  return { reference: { [product]: money(199) }, tolerance: 0.1, entries, freight };
}

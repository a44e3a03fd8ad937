/**
 * Starting points for the promotions of the Chinese retail calendar. Depth and lift are typical
 * figures for a first plan, not forecasts: the planner changes them to the brand's own experience.
 *
 * - 618: the mid-year festival, 1–18 June.
 * - Double 11 (双11) with its pre-sale: deposits from 20 October, final payments and the main days
 *   1–11 November. Revenue counts when the order is paid, so the event runs 20 Oct – 11 Nov; many of
 *   its buyers would have bought in the weeks before and waited for it (a large pull-forward).
 * - Spring Festival (春节): New-Year shopping in the three weeks before the festival, ending three
 *   days before it, when deliveries stop; the date moves every year (seasonality/springFestival.ts
 *   holds the dates), and January or February is quiet after it (hangover).
 */
import { springFestivalDate } from '../seasonality/springFestival';
import { monthKeys } from '../timeline';
import type { ChannelType, Plan, Promotion, PromotionTemplate } from '../types';
import { dayDate, dayNumber } from './promotionDays';

type Figures = Pick<Promotion, 'depth' | 'lift' | 'liftOn' | 'pullForward' | 'hangover'>;

interface TemplateSpec extends Figures {
  /** First and last day in a year, or null when the template has no date that year. */
  days(year: number): { start: string; end: string } | null;
  /** Channel types that usually take part; none of them in the plan = every channel. */
  channelTypes: readonly ChannelType[] | 'all';
}

const ONLINE: readonly ChannelType[] = ['ecommercePlatform', 'socialCommerce', 'liveStream', 'officialSite', 'o2o'];

const TEMPLATES: Record<PromotionTemplate, TemplateSpec> = {
  '618': {
    days: (y) => ({ start: `${y}-06-01`, end: `${y}-06-18` }),
    depth: 0.15,
    lift: 1,
    liftOn: 'traffic',
    pullForward: { share: 0.15, days: 14 },
    hangover: { share: 0.1, months: 1 },
    channelTypes: ONLINE,
  },
  double11: {
    days: (y) => ({ start: `${y}-10-20`, end: `${y}-11-11` }),
    depth: 0.2,
    lift: 1.5,
    liftOn: 'traffic',
    pullForward: { share: 0.25, days: 21 },
    hangover: { share: 0.15, months: 1 },
    channelTypes: ONLINE,
  },
  springFestival: {
    days: (y) => {
      const date = springFestivalDate(y);
      const day = date === null ? null : dayNumber(date);
      return day === null ? null : { start: dayDate(day - 21), end: dayDate(day - 3) };
    },
    depth: 0.1,
    lift: 0.6,
    liftOn: 'conversion',
    hangover: { share: 0.2, months: 1 },
    channelTypes: 'all',
  },
};

/** Years of the plan in which the template's event lies wholly inside the timeline. */
export function templateYears(plan: Plan, template: PromotionTemplate): number[] {
  const months = monthKeys(plan.timeline);
  const first = months[0];
  const last = months[months.length - 1];
  const years: number[] = [];
  for (let y = Number(first.slice(0, 4)); y <= Number(last.slice(0, 4)); y++) {
    const d = TEMPLATES[template].days(y);
    if (d && d.start.slice(0, 7) >= first && d.end.slice(0, 7) <= last) years.push(y);
  }
  return years;
}

/** The channels a template's event runs in by default. */
export function templateChannels(plan: Plan, template: PromotionTemplate): string[] {
  const types = TEMPLATES[template].channelTypes;
  const picked = types === 'all' ? plan.channels : plan.channels.filter((c) => types.includes(c.type));
  return (picked.length > 0 ? picked : plan.channels).map((c) => c.id);
}

/** A promotion made from a template for `year`, or null when the template has no date that year. */
export function promotionFromTemplate(plan: Plan, template: PromotionTemplate, year: number, id: string, name: string): Promotion | null {
  const spec = TEMPLATES[template];
  const days = spec.days(year);
  if (!days) return null;
  const p: Promotion = {
    id,
    name,
    channelIds: templateChannels(plan, template),
    start: days.start,
    end: days.end,
    depth: spec.depth,
    lift: spec.lift,
    liftOn: spec.liftOn,
    template,
    enabled: true,
  };
  if (spec.pullForward) p.pullForward = { ...spec.pullForward };
  if (spec.hangover) p.hangover = { ...spec.hangover };
  return p;
}

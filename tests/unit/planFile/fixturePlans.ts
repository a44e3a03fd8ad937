/**
 * The plan behind the newest fixture (`tests/fixtures/planFiles/v2-beauty.cmplan.json`): the beauty
 * template with one of every optional part of the format, so that a future migration is exercised on
 * all of them. `v1-beauty` was written from it before adjustments could target a role, `v2-beauty`
 * before plans held actuals.
 * Written literally (not from engine defaults), so the plan does not drift when defaults change.
 */
import { createPlanFromTemplate } from '../../../src/engine/templates';
import type { Plan } from '../../../src/engine/types';

export const FIXTURE_APP = { name: 'channel-mix-planner', version: '0.1.0' };

export function beautyFixturePlan(): Plan {
  const plan = createPlanFromTemplate('beauty', { id: 'plan-beauty-fixture', now: Date.UTC(2026, 10, 1), locale: 'en' });
  const tmall = plan.channels.find((c) => c.id === 'ch-tmall');
  if (!tmall) throw new Error('The beauty template has no ch-tmall channel');
  tmall.curvePoints = [
    { spend: 50_000_000, outcome: 310_000 },
    { spend: 100_000_000, outcome: 520_000 },
    { spend: 200_000_000, outcome: 760_000 },
  ];
  tmall.rebate = {
    mode: 'retroactive',
    period: 'quarter',
    tiers: [
      { threshold: 1_000_000_000, rate: 0.01 },
      { threshold: 3_000_000_000, rate: 0.02 },
    ],
  };
  plan.scenarios = [
    {
      id: 'sc-live-push',
      name: 'Live-stream push for 618 and Double 11',
      parentId: null,
      notes: 'Spend on live-stream up by half from June to November.',
      adjustments: [
        {
          id: 'adj-live-spend',
          target: { kind: 'channels', ids: ['ch-douyin-live'] },
          driver: 'spend',
          from: '2027-06',
          to: '2027-11',
          op: { kind: 'scale', percent: 50 },
          slider: { min: -100, max: 200, step: 1 },
          enabled: true,
        },
        {
          id: 'adj-all-conversion',
          target: { kind: 'type', type: 'ecommercePlatform' },
          driver: 'conversion',
          op: { kind: 'add', value: 0.002 },
          enabled: false,
        },
      ],
    },
    {
      id: 'sc-community',
      name: 'Then move budget to the private community',
      parentId: 'sc-live-push',
      notes: '',
      adjustments: [
        {
          id: 'adj-move',
          target: { kind: 'all' },
          driver: 'spend',
          from: '2027-01',
          op: { kind: 'move', from: 'ch-tmall', to: 'ch-community', amount: 5_000_000 },
          enabled: true,
        },
        {
          id: 'adj-set-aov',
          target: { kind: 'channels', ids: ['ch-stores', 'ch-community'] },
          driver: 'aov',
          op: { kind: 'set', value: 26_000 },
          enabled: true,
        },
        {
          id: 'adj-auxiliary-spend',
          target: { kind: 'role', role: 'auxiliary' },
          driver: 'spend',
          op: { kind: 'scale', percent: -10 },
          enabled: true,
        },
      ],
    },
  ];
  plan.cannibalisation = [{ from: 'ch-douyin-live', to: 'ch-stores', rate: 0.15 }];
  // Three months of actuals of two channels, one of them by region, and a re-forecast scenario.
  plan.actuals = {
    start: '2026-11',
    months: 4,
    series: [
      {
        channelId: 'ch-tmall',
        regionId: '',
        values: { netRevenue: [512_000_000, 640_000_000, 388_000_000, 401_500_000], orders: [21_400, 26_900, 16_100, null], spend: [80_000_000, 95_000_000, 60_000_000, 61_000_000] },
      },
      { channelId: 'ch-stores', regionId: 'tier1', values: { netRevenue: [120_000_000, 131_000_000, 99_000_000, 0], customers: [5_100, 5_400, 4_300, 0] } },
    ],
    source: { kind: 'table', name: '2026-actuals.xlsx', importedAt: Date.UTC(2027, 2, 3) },
    channelNames: [
      { name: '天猫旗舰店', targetId: 'ch-tmall' },
      { name: '體驗店', targetId: 'ch-stores' },
      { name: '批发', targetId: '' },
    ],
    regionNames: [{ name: '一线城市', targetId: 'tier1' }],
  };
  plan.scenarios.push({
    id: 'sc-actual-feb',
    name: 'Actual through February, re-forecast after',
    parentId: null,
    notes: '',
    adjustments: [],
    actualise: {
      through: '2027-02',
      after: 'reforecast',
      reforecast: [{ channelId: 'ch-tmall', netRevenue: Array.from({ length: 22 }, (_, i) => 400_000_000 + i * 1_000_000) }],
    },
  });
  plan.uncertainty = [
    { id: 'u-tmall-conversion', channelId: 'ch-tmall', driver: 'conversion', low: 0.025, high: 0.035, distribution: 'triangular' },
    { id: 'u-live-returns', channelId: 'ch-douyin-live', driver: 'returnRate', low: 0.2, high: 0.4, distribution: 'lognormal' },
  ];
  plan.budgetBounds = [
    { channelId: 'ch-stores', frozen: true },
    { channelId: 'ch-douyin-live', min: 0, max: 600_000_000 },
  ];
  plan.evaluation = {
    scorecard: {
      kpis: [
        { id: 'kpi-roi', metric: 'roi', weight: 60, direction: 'higher', normalisation: 'minmax', red: 0, green: 1 },
        { id: 'kpi-profit-per-order', metric: 'custom:cm-profit-per-order', weight: 40, direction: 'higher', normalisation: 'target', target: 5_000 },
      ],
    },
    bcg: { shareMode: 'relative', growthMode: 'yoy', growthThreshold: 0.1 },
    partners: {
      weights: { experience: 10, capital: 15, regionalShare: 15, customers: 15, team: 10, brandFit: 10, willingness: 10, credit: 15 },
      partners: [
        {
          id: 'partner-1',
          name: 'East China beauty distributor',
          kind: 'distributor',
          regionId: 'tier2',
          scores: { experience: 4, capital: 3, regionalShare: 4, customers: 5, team: 3, brandFit: 4, willingness: 5, credit: 4 },
        },
      ],
    },
    prices: {
      reference: { 'Hydrating serum 30 ml': 18_900 },
      tolerance: 0.1,
      entries: [
        { id: 'price-1', product: 'Hydrating serum 30 ml', channelId: 'ch-tmall', regionId: '', price: 16_900 },
        { id: 'price-2', product: 'Hydrating serum 30 ml', channelId: 'ch-stores', regionId: 'lower', price: 18_900 },
      ],
      freight: [{ from: 'tier1', to: 'lower', cost: 300 }],
    },
  };
  return plan;
}

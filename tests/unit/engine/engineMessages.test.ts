import { describe, expect, it } from 'vitest';
import { fitHill, fitHillToLogistic, fromMeridian, fromPymcHill, fromRobyn, type RobynHillParams } from '../../../src/engine/calibration';
import { curveTraffic } from '../../../src/engine/curve';
import type { EngineMessageCode } from '../../../src/engine/messages';
import { efficientFrontier, optimiseBudget, type OptimiseSpec } from '../../../src/engine/optimiser';
import { mulberry32 } from '../../../src/engine/random';
import { adjustmentRegionProblem } from '../../../src/engine/scenarios';
import type { Adjustment, CurvePoint, ResponseCurve, UncertainDriver } from '../../../src/engine/types';
import { prepareMonteCarlo, uncertaintyIssues, UncertaintyError } from '../../../src/engine/uncertainty';
import { ENGINE_MESSAGE_CODES } from '../../../src/i18n/engineMessages/text';
import { simpleChannel, simplePlan } from './planFixtures';

/**
 * Every refusal and note of the engine's user-facing entry points comes back as a code with its
 * parameters — never as a sentence: the UI words it in the user's language.
 */

/** Parameters that carry data (a channel's or a field's name, a currency code): text, but not the engine's words. */
const DATA_KEYS = new Set(['channel', 'channelId', 'field', 'currency', 'driver', 'distribution', 'id']);

/** Strings in a result that are not data: the engine's own words, if any slipped through. */
function engineWords(value: unknown, key = ''): string[] {
  if (typeof value === 'string') return DATA_KEYS.has(key) || /^[\w.]+$/.test(value) ? [] : [value];
  if (Array.isArray(value)) return value.flatMap((v) => engineWords(v));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => engineWords(v, k));
  return [];
}

/** Codes seen by these tests: at the end, every code the catalogues know must have been produced. */
const seen = new Set<EngineMessageCode>();
function expectMessage(actual: { code: EngineMessageCode; params: object } | null | undefined, code: EngineMessageCode, params: object = {}): void {
  expect(actual).toEqual({ code, params });
  seen.add(code);
}

const hill = (max: number, halfSat: number, shape: number): ResponseCurve => ({ type: 'hill', max, halfSat, shape });

/** n points with spends evenly over [lo, hi] × halfSat, outcome × (1 + noise · z), z seeded normal draws. */
function points(truth: ResponseCurve, n: number, lo: number, hi: number, noise = 0, seed = 1): CurvePoint[] {
  const next = mulberry32(seed);
  const z = (): number => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
  return Array.from({ length: n }, (_, i) => {
    const spend = Math.round(truth.halfSat * (lo + ((hi - lo) * i) / (n - 1)));
    return { spend, outcome: Math.max(0, curveTraffic(truth, spend) * (1 + noise * z())) };
  });
}

describe('curve import: refusals and notes as codes', () => {
  const robyn: RobynHillParams = { currency: 'CNY', alpha: 1.5, gamma: 0.5, coef: 20_000, spendMin: 10_000, spendMax: 90_000 };
  const refusal = (r: ReturnType<typeof fromRobyn>) => {
    expect(r.ok).toBe(false);
    expect(engineWords(r)).toEqual([]);
    return r.ok ? null : r.problem;
  };

  it('Robyn: each bad parameter says which and why', () => {
    expectMessage(refusal(fromRobyn({ ...robyn, alpha: Number.NaN })), 'import.notFinite', { field: 'alpha' });
    expectMessage(refusal(fromRobyn({ ...robyn, alpha: 0 })), 'import.notPositive', { field: 'alpha' });
    expectMessage(refusal(fromRobyn({ ...robyn, coef: -1 })), 'import.negative', { field: 'coef' });
    expectMessage(refusal(fromRobyn({ ...robyn, currency: 'XX' })), 'import.badCurrency', { currency: 'XX' });
    expectMessage(refusal(fromRobyn({ ...robyn, outcomePerTraffic: 0 })), 'import.notPositive', { field: 'outcomePerTraffic' });
    expectMessage(refusal(fromRobyn({ ...robyn, gamma: 2 })), 'import.gammaRange');
    expectMessage(refusal(fromRobyn({ ...robyn, spendMax: 5_000 })), 'import.spendMaxBelowMin');
    expectMessage(refusal(fromRobyn({ ...robyn, theta: 1 })), 'import.thetaRange');
    expectMessage(refusal(fromRobyn({ ...robyn, spendMin: 0, spendMax: 0 })), 'import.zeroInflexion');
  });

  it('Robyn: curves the planner cannot hold, with the numbers', () => {
    expectMessage(refusal(fromRobyn({ ...robyn, alpha: 12 })), 'import.shapeOutOfRange', { shape: 12, min: 0.05, max: 10 });
    expectMessage(refusal(fromRobyn({ ...robyn, coef: 2e12 })), 'import.maxOutOfRange', { max: 2e12, limit: 1e12 });
    // Inflexion at ¥0.002: a fifth of a fen.
    expectMessage(refusal(fromRobyn({ ...robyn, spendMin: 0.001, spendMax: 0.003 })), 'import.halfSatBelowMinorUnit');
    expectMessage(refusal(fromRobyn({ ...robyn, spendMax: 1e17 })), 'import.halfSatTooLarge');
  });

  it('Robyn: notes say what the curve is (same period without theta, steady state with it) and what it depends on', () => {
    const samePeriod = fromRobyn(robyn);
    expect(samePeriod.ok).toBe(true);
    if (!samePeriod.ok) return;
    expect(engineWords(samePeriod)).toEqual([]);
    expect(samePeriod.notes).toHaveLength(2);
    expectMessage(samePeriod.notes[0], 'import.note.robynSamePeriod');
    expectMessage(samePeriod.notes[1], 'import.note.robynSpendRange');
    const steady = fromRobyn({ ...robyn, theta: 0.3 });
    expect(steady.ok && steady.notes.map((n) => n.code)).toEqual(['import.note.robynSteadyState', 'import.note.robynSpendRange']);
    seen.add('import.note.robynSteadyState');
  });

  it('Meridian: one of beta and maxResponse; notes on adstock and geos', () => {
    const meridian = { currency: 'CNY', ec: 0.8, slope: 1.2, mediaScale: 1_000, beta: 0.3, kpiScale: 50_000 };
    expectMessage(refusal(fromMeridian({ ...meridian, maxResponse: 100 })), 'import.betaOrMaxResponse');
    expectMessage(refusal(fromMeridian({ ...meridian, beta: undefined, maxResponse: 100 })), 'import.kpiScaleWithBeta');
    expectMessage(refusal(fromMeridian({ ...meridian, slope: -1 })), 'import.notPositive', { field: 'slope' });
    const r = fromMeridian(meridian);
    expect(r.ok && r.notes).toEqual([
      { code: 'import.note.meridianSteadyState', params: {} },
      { code: 'import.note.meridianGeo', params: {} },
    ]);
    seen.add('import.note.meridianSteadyState').add('import.note.meridianGeo');
    expect(engineWords(r)).toEqual([]);
  });

  it('PyMC-Marketing Hill: a note on its normalised adstock', () => {
    const r = fromPymcHill({ currency: 'CNY', slope: 1, kappa: 0.5, beta: 0.4, channelScale: 1_000, targetScale: 50_000 });
    expect(r.ok && r.notes).toEqual([{ code: 'import.note.pymcSteadyState', params: {} }]);
    seen.add('import.note.pymcSteadyState');
    expect(engineWords(r)).toEqual([]);
  });

  it('PyMC-Marketing logistic: the approximation note carries its largest gap; a spend range that shows no curve says which way to move', () => {
    const ok = fitHillToLogistic(1, 1, 1, 1_000, 1, { currency: 'CNY' });
    expect(ok.ok).toBe(true);
    if (!ok.ok) return;
    expect(ok.maxRelativeError).toBeGreaterThan(0);
    expect(ok.notes).toHaveLength(2);
    expectMessage(ok.notes[0], 'import.note.logisticApproximation', { maxRelativeError: ok.maxRelativeError });
    expectMessage(ok.notes[1], 'import.note.pymcSteadyState');
    expect(engineWords(ok)).toEqual([]);
    const no = (r: ReturnType<typeof fitHillToLogistic>) => (r.ok ? null : r.problem);
    // spendMax a thousandth of where the curve bends: a straight line.
    expectMessage(no(fitHillToLogistic(1, 1, 1, 1_000, 0.001, { currency: 'CNY' })), 'import.logisticLinear');
    // Flat from the first grid point on.
    expectMessage(no(fitHillToLogistic(1, 1, 1, 1_000, 10_000, { currency: 'CNY' })), 'import.logisticSaturated');
    // Between the two (the fit's parameters trade off): no direction to give.
    expectMessage(no(fitHillToLogistic(1, 1, 1, 1_000, 1_000, { currency: 'CNY' })), 'import.logisticNoFit');
    expectMessage(no(fitHillToLogistic(1, 1, 1, 1_000, 1, { currency: 'CNY', gridPoints: 5 })), 'import.gridPoints', { min: 10, max: 100_000 });
    expectMessage(no(fitHillToLogistic(0, 1, 1, 1_000, 1, { currency: 'CNY' })), 'import.notPositive', { field: 'lambda' });
  });
});

describe('curve fit: every refusal as a code, with advice where there is some', () => {
  const refused = (r: ReturnType<typeof fitHill>) => {
    expect(r.ok).toBe(false);
    expect(engineWords(r)).toEqual([]);
    if (r.ok) throw new Error('fitted');
    return r;
  };
  const advice = (r: ReturnType<typeof fitHill>) => (r.ok ? undefined : r.advice);

  it('points that are not points', () => {
    expectMessage(refused(fitHill('nope' as unknown as CurvePoint[])).problem, 'fit.notAList');
    const good = points(hill(20_000, 1_000_000, 1.5), 5, 0.2, 3);
    expectMessage(refused(fitHill([...good, { spend: Number.NaN, outcome: 1 }])).problem, 'fit.pointNotNumbers', { point: 6 });
    expectMessage(refused(fitHill([...good, { spend: -1, outcome: 1 }])).problem, 'fit.negativeSpend', { point: 6 });
    expectMessage(refused(fitHill([{ spend: 1, outcome: -1 }, ...good])).problem, 'fit.negativeOutcome', { point: 1 });
  });

  it('too little to fit: few points, few spend levels, one spend, one outcome, a falling outcome', () => {
    expectMessage(refused(fitHill([{ spend: 100, outcome: 5 }, { spend: 200, outcome: 9 }])).problem, 'fit.tooFewPoints', { count: 2 });
    const twoLevels = [100, 100, 200, 200].map((spend, i) => ({ spend, outcome: 5 + i }));
    expectMessage(refused(fitHill(twoLevels)).problem, 'fit.tooFewSpendLevels', { count: 2 });
    const sameSpend = refused(fitHill([5_000, 6_000, 7_000].map((outcome) => ({ spend: 100_000, outcome }))));
    expect(sameSpend.reason).toBe('noSpendVariation');
    expectMessage(sameSpend.problem, 'fit.sameSpend');
    expect(sameSpend.advice).toBeNull();
    expectMessage(refused(fitHill([1, 2, 3].map((s) => ({ spend: s * 1000, outcome: 700 })))).problem, 'fit.sameOutcome');
    expectMessage(refused(fitHill([1, 2, 3, 4].map((s) => ({ spend: s * 100_000, outcome: 10_000 - s * 1000 })))).problem, 'fit.notRising');
  });

  it('curves the data cannot pin down, each with what to do', () => {
    const below = fitHill(points(hill(20_000, 50_000_000, 1.2), 12, 0.001, 0.01));
    expectMessage(refused(below).problem, 'fit.farBelowHalfSat', { ratio: 10 });
    expectMessage(advice(below), 'fit.advice.higherSpend');

    const beyond = fitHill(points(hill(20_000, 10_000, 1.5), 12, 50, 500));
    expectMessage(refused(beyond).problem, 'fit.farBeyondHalfSat');
    expectMessage(advice(beyond), 'fit.advice.lowerSpend');

    const ridge = fitHill(points(hill(20_000, 1_000_000, 5), 4, 0.2, 0.4));
    expectMessage(refused(ridge).problem, 'fit.illConditioned');
    expectMessage(advice(ridge), 'fit.advice.widerRange');
  });

  it('noisy points: where the half-saturation point could be, as multiples of the largest spend', () => {
    const range = (r: ReturnType<typeof fitHill>): { low: number; high: number } => {
      const p = refused(r).problem;
      if (p.code !== 'fit.mayBeFarBelow' && p.code !== 'fit.mayBeFarBeyond' && p.code !== 'fit.tooScattered') throw new Error(p.code);
      expect(p.params.low).toBeLessThan(p.params.high);
      return p.params;
    };
    const mayBelow = fitHill(points(hill(20_000, 50_000_000, 1.2), 12, 0.002, 0.02, 0.03, 1));
    expectMessage(refused(mayBelow).problem, 'fit.mayBeFarBelow', range(mayBelow));
    expect(range(mayBelow).high).toBeGreaterThan(10);
    expectMessage(advice(mayBelow), 'fit.advice.higherSpend');

    const mayBeyond = fitHill(points(hill(20_000, 100_000, 0.5), 4, 1, 2, 0.01, 1));
    expectMessage(refused(mayBeyond).problem, 'fit.mayBeFarBeyond', range(mayBeyond));
    expectMessage(advice(mayBeyond), 'fit.advice.lowerSpend');

    const scattered = fitHill(points(hill(20_000, 1_000_000, 0.7), 6, 0.2, 1.5, 0.05, 42));
    expectMessage(refused(scattered).problem, 'fit.tooScattered', range(scattered));
    expectMessage(advice(scattered), 'fit.advice.morePoints');
  });
});

describe('optimiser: failures as codes with the amounts and the channel', () => {
  const plan = simplePlan([
    { ...simpleChannel('tmall', { spend: { base: 1_000_000 } }), name: 'Tmall & JD flagship stores' },
    simpleChannel('stores', { spend: { base: 1_000_000 } }),
  ]);
  const spec = (totalBudget: number, bounds: OptimiseSpec['bounds'] = []): OptimiseSpec => ({ mode: 'maxObjective', objective: 'contribution', totalBudget, scenarioId: null, bounds });
  const failed = (r: ReturnType<typeof optimiseBudget>) => {
    expect(r.ok).toBe(false);
    expect(engineWords(r)).toEqual([]);
    if (r.ok) throw new Error('answered');
    return r;
  };

  it('bounds that cannot hold a budget', () => {
    const mins = failed(optimiseBudget(plan, spec(10_000_000, [{ channelId: 'tmall', min: 6_000_000 }, { channelId: 'stores', min: 5_000_000 }])));
    expect(mins.error).toBe('infeasible');
    expectMessage(mins.problem, 'opt.minsAboveBudget', { sum: 11_000_000, budget: 10_000_000 });
    const maxes = failed(optimiseBudget(plan, spec(10_000_000, [{ channelId: 'tmall', max: 3_000_000 }, { channelId: 'stores', max: 4_000_000 }])));
    expectMessage(maxes.problem, 'opt.maxesBelowBudget', { sum: 7_000_000, budget: 10_000_000 });
    const crossed = failed(optimiseBudget(plan, spec(10_000_000, [{ channelId: 'tmall', min: 500, max: 400 }])));
    expectMessage(crossed.problem, 'opt.minAboveMax', { channelId: 'tmall', channel: 'Tmall & JD flagship stores', min: 500, max: 400 });
    expectMessage(failed(optimiseBudget(simplePlan([]), spec(1_000))).problem, 'opt.noChannels');
  });

  it('a target out of reach, and a contribution without a maximum', () => {
    const bounds = [{ channelId: 'tmall', max: 5_000_000 }, { channelId: 'stores', max: 5_000_000 }];
    const r = failed(optimiseBudget(plan, { mode: 'minSpend', objective: 'netRevenue', target: 1e15, scenarioId: null, bounds }));
    expect(r.error).toBe('unreachable');
    if (r.problem.code !== 'opt.unreachable') throw new Error(r.problem.code);
    expectMessage(r.problem, 'opt.unreachable', { target: 1e15, best: r.problem.params.best, budget: 10_000_000 });
    // The best is the net revenue of the whole budget the bounds allow.
    const at = optimiseBudget(plan, { mode: 'maxObjective', objective: 'netRevenue', totalBudget: 10_000_000, scenarioId: null, bounds });
    expect(at.ok && Math.abs(at.objective - r.problem.params.best)).toBeLessThan(1);

    const linear = simplePlan([{ ...simpleChannel('live', {}, { type: 'linear', max: 10_000, halfSat: 100_000, shape: 1 }), name: '抖音直播' }]);
    const unbounded = failed(optimiseBudget(linear, { mode: 'bestBudget', objective: 'contribution', scenarioId: null, bounds: [] }));
    expectMessage(unbounded.problem, 'opt.unbounded', { channelId: 'live', channel: '抖音直播' });
  });

  it('the frontier reports the budgets it skipped with the same codes', () => {
    const f = efficientFrontier(plan, { objective: 'contribution', scenarioId: null, bounds: [{ channelId: 'tmall', min: 500, max: 400 }] });
    expect(f.skipped).toEqual([{ budget: Number.NaN, problem: { code: 'opt.minAboveMax', params: { channelId: 'tmall', channel: 'Tmall & JD flagship stores', min: 500, max: 400 } } }]);
    const bounded = efficientFrontier(plan, { objective: 'contribution', scenarioId: null, bounds: [{ channelId: 'tmall', min: 10_000_000 }] });
    expect(bounded.skipped.length).toBeGreaterThan(0);
    for (const s of bounded.skipped) expect(s.problem).toEqual({ code: 'opt.minsAboveBudget', params: { sum: 10_000_000, budget: s.budget } });
    expect(engineWords(bounded)).toEqual([]);
  });
});

describe('uncertain drivers: each issue as a code with the values the UI shows', () => {
  const plan = simplePlan([simpleChannel('a')]);
  const range = (patch: Partial<UncertainDriver>): UncertainDriver => ({ id: 'u', channelId: 'a', driver: 'conversion', low: 0.015, high: 0.025, distribution: 'triangular', ...patch });

  it('names what is wrong', () => {
    const one = (patch: Partial<UncertainDriver>) => {
      const issues = uncertaintyIssues(plan, [range(patch)]);
      expect(issues).toHaveLength(1);
      expect(engineWords(issues)).toEqual([]);
      return issues[0].problem;
    };
    expectMessage(one({ channelId: 'gone' }), 'risk.unknownChannel', { channelId: 'gone' });
    expectMessage(one({ driver: 'mood' as UncertainDriver['driver'] }), 'risk.unknownDriver', { driver: 'mood' });
    expectMessage(one({ distribution: 'cauchy' as UncertainDriver['distribution'] }), 'risk.unknownDistribution', { distribution: 'cauchy' });
    expectMessage(one({ low: Number.NaN }), 'risk.notFinite');
    expectMessage(one({ low: 0.04, high: 0.03 }), 'risk.lowAboveHigh', { driver: 'conversion', low: 0.04, high: 0.03 });
    expectMessage(one({ low: 0, distribution: 'lognormal' }), 'risk.lognormalNotPositive', { driver: 'conversion', low: 0 });
    expectMessage(one({ regionId: 'west' }), 'risk.unknownRegion', { regionId: 'west' });
  });

  it('a range of a region its channel does not serve', () => {
    const served = simplePlan([{ ...simpleChannel('a'), regions: ['north'] }]);
    const issues = uncertaintyIssues(served, [range({ regionId: 'south' })]);
    expect(issues.map((i) => i.kind)).toEqual(['regionNotServed']);
    expectMessage(issues[0].problem, 'risk.regionNotServed', { channel: 'a', region: 'South' });
    expect(uncertaintyIssues(served, [range({ regionId: 'north' })])).toEqual([]);
  });

  it('the error the simulation throws carries the same issues', () => {
    const bad = range({ low: 0, distribution: 'lognormal' });
    let thrown: unknown;
    try {
      prepareMonteCarlo(plan, { scenarioId: null, uncertainty: [bad] });
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(UncertaintyError);
    expect((thrown as UncertaintyError).issues).toEqual(uncertaintyIssues(plan, [bad]));
  });
});

describe('adjustments by region: why one changes nothing', () => {
  const plan = simplePlan([{ ...simpleChannel('a'), regions: ['north'] }, { ...simpleChannel('b'), role: 'auxiliary', regions: ['north', 'south'] }]);
  const adj = (patch: Partial<Adjustment>): Adjustment => ({ id: 'x', target: { kind: 'role', role: 'main' }, driver: 'spend', op: { kind: 'scale', percent: 20 }, enabled: true, ...patch });

  it('names an unknown region and a region no targeted channel serves', () => {
    expectMessage(adjustmentRegionProblem(plan, adj({ regionId: 'west' })), 'scen.unknownRegion', { regionId: 'west' });
    expectMessage(adjustmentRegionProblem(plan, adj({ regionId: 'south' })), 'scen.regionNotServed', { region: 'South' });
    expect(adjustmentRegionProblem(plan, adj({ regionId: 'north' }))).toBeNull();
    expect(adjustmentRegionProblem(plan, adj({ regionId: 'south', target: { kind: 'all' } }))).toBeNull();
    expect(adjustmentRegionProblem(plan, adj({}))).toBeNull();
  });
});

describe('coverage', () => {
  it('every code the catalogues word is one these tests saw the engine produce', () => {
    expect(ENGINE_MESSAGE_CODES.filter((c) => !seen.has(c))).toEqual([]);
  });
});

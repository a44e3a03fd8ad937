import { DRIVER_SPECS } from '../../engine/drivers';
import type { EngineMessage, EngineMessageCode, EngineMessageParams } from '../../engine/messages';
import type { DriverKey } from '../../engine/types';
import type { MessageKey } from '../en';
import { formatCount, formatMoney, formatPercent } from '../format';

/**
 * An engine message (a code and its parameters) in the user's language: the catalogue's text for
 * `engine.<code>`, its placeholders filled with the parameters formatted for the locale — amounts in
 * the plan's currency, names as they are (plain text, never markup).
 */
export interface EngineTextContext {
  /** The active catalogue's lookup (the app's `t`). */
  t: (key: MessageKey, params?: Record<string, string | number>) => string;
  locale: string;
  /** ISO 4217 code of the plan's currency: amounts are in its minor units. */
  currency: string;
}

type Args = Record<string, string | number>;

interface Formats {
  money: (minor: number) => string;
  /** A measured number (a shape of 0.05, a response of 2.4e13) with up to 4 significant digits. */
  number: (v: number) => string;
  /** A multiple (of the largest observed spend): two significant digits, whole from 10. */
  multiple: (v: number) => string;
  percent: (v: number) => string;
  /** A count or a position (point 6). */
  whole: (v: number) => string;
  /** A value of an uncertain driver in its own unit; a driver the planner does not know as a plain number. */
  driverValue: (driver: string, v: number) => string;
}

type Formatter<C extends EngineMessageCode> = (p: EngineMessageParams[C], f: Formats) => Args;

const none = (): Args => ({});
const field = (p: { field: string }): Args => ({ field: p.field });
const spread = (p: { low: number; high: number }, f: Formats): Args => ({ low: f.multiple(p.low), high: f.multiple(p.high) });
const sumAndBudget = (p: { sum: number; budget: number }, f: Formats): Args => ({ sum: f.money(p.sum), budget: f.money(p.budget) });

/** One formatter per code: a code without one does not compile. */
const FORMATTERS: { [C in EngineMessageCode]: Formatter<C> } = {
  'import.notFinite': field,
  'import.notPositive': field,
  'import.negative': field,
  'import.badCurrency': (p) => ({ currency: p.currency }),
  'import.shapeOutOfRange': (p, f) => ({ shape: f.number(p.shape), min: f.number(p.min), max: f.number(p.max) }),
  'import.maxOutOfRange': (p, f) => ({ max: f.number(p.max), limit: f.number(p.limit) }),
  'import.halfSatBelowMinorUnit': none,
  'import.halfSatTooLarge': none,
  'import.gammaRange': none,
  'import.spendMaxBelowMin': none,
  'import.thetaRange': none,
  'import.zeroInflexion': none,
  'import.betaOrMaxResponse': none,
  'import.kpiScaleWithBeta': none,
  'import.gridPoints': (p, f) => ({ min: f.whole(p.min), max: f.whole(p.max) }),
  'import.logisticLinear': none,
  'import.logisticSaturated': none,
  'import.logisticNoFit': none,
  'import.note.robynSamePeriod': none,
  'import.note.robynSteadyState': none,
  'import.note.robynSpendRange': none,
  'import.note.meridianSteadyState': none,
  'import.note.meridianGeo': none,
  'import.note.pymcSteadyState': none,
  'import.note.logisticApproximation': (p, f) => ({ gap: f.percent(p.maxRelativeError) }),

  'fit.notAList': none,
  'fit.pointNotNumbers': (p, f) => ({ point: f.whole(p.point) }),
  'fit.negativeSpend': (p, f) => ({ point: f.whole(p.point) }),
  'fit.negativeOutcome': (p, f) => ({ point: f.whole(p.point) }),
  'fit.tooFewPoints': (p, f) => ({ count: f.whole(p.count) }),
  'fit.sameSpend': none,
  'fit.tooFewSpendLevels': (p, f) => ({ count: f.whole(p.count) }),
  'fit.sameOutcome': none,
  'fit.notRising': none,
  'fit.farBelowHalfSat': (p, f) => ({ ratio: f.multiple(p.ratio) }),
  'fit.farBeyondHalfSat': none,
  'fit.illConditioned': none,
  'fit.mayBeFarBelow': spread,
  'fit.mayBeFarBeyond': spread,
  'fit.tooScattered': spread,
  'fit.advice.higherSpend': none,
  'fit.advice.lowerSpend': none,
  'fit.advice.widerRange': none,
  'fit.advice.morePoints': none,

  'opt.noChannels': none,
  'opt.minAboveMax': (p, f) => ({ channel: p.channel, min: f.money(p.min), max: f.money(p.max) }),
  'opt.minsAboveBudget': sumAndBudget,
  'opt.maxesBelowBudget': sumAndBudget,
  'opt.unreachable': (p, f) => ({ target: f.money(p.target), best: f.money(p.best), budget: f.money(p.budget) }),
  'opt.unbounded': (p) => ({ channel: p.channel }),

  'risk.unknownChannel': none,
  'risk.unknownDriver': (p) => ({ driver: p.driver }),
  'risk.unknownDistribution': (p) => ({ distribution: p.distribution }),
  'risk.notFinite': none,
  'risk.lowAboveHigh': (p, f) => ({ low: f.driverValue(p.driver, p.low), high: f.driverValue(p.driver, p.high) }),
  'risk.lognormalNotPositive': (p, f) => ({ low: f.driverValue(p.driver, p.low) }),
  'risk.unknownRegion': (p) => ({ regionId: p.regionId }),
  'risk.regionNotServed': (p) => ({ channel: p.channel, region: p.region }),
  'scen.unknownRegion': (p) => ({ regionId: p.regionId }),
  'scen.regionNotServed': (p) => ({ region: p.region }),
};

/** Every code the engine can say (for tests: each has a message in every catalogue). */
export const ENGINE_MESSAGE_CODES = Object.keys(FORMATTERS) as EngineMessageCode[];

const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: string, opts: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = locale + JSON.stringify(opts);
  let nf = numberFormats.get(key);
  if (!nf) {
    nf = new Intl.NumberFormat(locale, opts);
    numberFormats.set(key, nf);
  }
  return nf;
}

function formats(ctx: EngineTextContext): Formats {
  const { locale, currency } = ctx;
  const finite = (v: number, show: (v: number) => string): string => (Number.isFinite(v) ? show(v) : v > 0 ? '∞' : v < 0 ? '−∞' : '—');
  return {
    money: (v) => finite(v, (x) => formatMoney(x, currency, locale)),
    number: (v) => finite(v, (x) => numberFormat(locale, { maximumSignificantDigits: 4 }).format(x)),
    multiple: (v) => finite(v, (x) => numberFormat(locale, x >= 10 ? { maximumFractionDigits: 0 } : { maximumSignificantDigits: 2 }).format(x)),
    percent: (v) => finite(v, (x) => formatPercent(x, locale, 1)),
    whole: (v) => finite(v, (x) => formatCount(x, locale)),
    driverValue: (driver, v) =>
      finite(v, (x) => {
        const unit = Object.hasOwn(DRIVER_SPECS, driver) ? DRIVER_SPECS[driver as DriverKey].unit : null;
        if (unit === 'money') return formatMoney(x, currency, locale);
        if (unit === 'rate') return formatPercent(x, locale, 2);
        return numberFormat(locale, { maximumSignificantDigits: 6 }).format(x);
      }),
  };
}

/** The message in the catalogue's language. */
export function engineText<C extends EngineMessageCode>(message: EngineMessage<C>, ctx: EngineTextContext): string {
  const format: Formatter<C> = FORMATTERS[message.code];
  return ctx.t(`engine.${message.code}`, format(message.params, formats(ctx)));
}

/** Several messages as one paragraph (a refusal and its advice): sentences joined as the language joins them. */
export function engineTexts(messages: readonly (EngineMessage | null)[], ctx: EngineTextContext): string {
  const parts = messages.filter((m): m is EngineMessage => m !== null).map((m) => engineText(m, ctx));
  return parts.join(ctx.locale.startsWith('zh') ? '' : ' ');
}

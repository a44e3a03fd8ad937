import { describe, expect, it } from 'vitest';
import type { EngineMessage, EngineMessageCode, EngineMessageParams } from '../../../src/engine/messages';
import { en, type MessageKey, type Messages } from '../../../src/i18n/en';
import { ENGINE_MESSAGE_CODES, engineText, engineTexts, type EngineTextContext } from '../../../src/i18n/engineMessages/text';
import { zhCN } from '../../../src/i18n/zh-CN';
import { zhTW } from '../../../src/i18n/zh-TW';

/**
 * Every engine code has a message in the three catalogues, and every message reads as a sentence
 * of its language once its parameters are filled: amounts in the plan's currency, names as given.
 */

/** Parameters for each code, as the engine would send them; typed so that a new code needs one here. */
const SAMPLES: { [C in EngineMessageCode]: EngineMessageParams[C] } = {
  'import.notFinite': { field: 'alpha' },
  'import.notPositive': { field: 'kappa' },
  'import.negative': { field: 'coef' },
  'import.badCurrency': { currency: 'XX' },
  'import.shapeOutOfRange': { shape: 12.5, min: 0.05, max: 10 },
  'import.maxOutOfRange': { max: 2.345e13, limit: 1e12 },
  'import.halfSatBelowMinorUnit': {},
  'import.halfSatTooLarge': {},
  'import.gammaRange': {},
  'import.spendMaxBelowMin': {},
  'import.thetaRange': {},
  'import.zeroInflexion': {},
  'import.betaOrMaxResponse': {},
  'import.kpiScaleWithBeta': {},
  'import.gridPoints': { min: 10, max: 100_000 },
  'import.logisticLinear': {},
  'import.logisticSaturated': {},
  'import.logisticNoFit': {},
  'import.note.robynSamePeriod': {},
  'import.note.robynSteadyState': {},
  'import.note.robynSpendRange': {},
  'import.note.meridianSteadyState': {},
  'import.note.meridianGeo': {},
  'import.note.pymcSteadyState': {},
  'import.note.logisticApproximation': { maxRelativeError: 0.0123 },
  'fit.notAList': {},
  'fit.pointNotNumbers': { point: 6 },
  'fit.negativeSpend': { point: 6 },
  'fit.negativeOutcome': { point: 1 },
  'fit.tooFewPoints': { count: 2 },
  'fit.sameSpend': {},
  'fit.tooFewSpendLevels': { count: 2 },
  'fit.sameOutcome': {},
  'fit.notRising': {},
  'fit.farBelowHalfSat': { ratio: 10 },
  'fit.farBeyondHalfSat': {},
  'fit.illConditioned': {},
  'fit.mayBeFarBelow': { low: 2.189498500113591, high: 36.45083142635294 },
  'fit.mayBeFarBeyond': { low: 0.0137, high: 5.27 },
  'fit.tooScattered': { low: 0.0067, high: 1882.6 },
  'fit.advice.higherSpend': {},
  'fit.advice.lowerSpend': {},
  'fit.advice.widerRange': {},
  'fit.advice.morePoints': {},
  'opt.noChannels': {},
  'opt.minAboveMax': { channelId: 'tmall', channel: 'Tmall & JD <flagship>', min: 50_000, max: 40_000 },
  'opt.minsAboveBudget': { sum: 11_000_000, budget: 10_000_000 },
  'opt.maxesBelowBudget': { sum: 7_000_000, budget: 10_000_000 },
  'opt.unreachable': { target: 1e11, best: 4.5e10, budget: 2e9 },
  'opt.unbounded': { channelId: 'live', channel: '抖音直播' },
  'risk.unknownChannel': { channelId: 'gone' },
  'risk.unknownDriver': { driver: 'mood' },
  'risk.unknownDistribution': { distribution: 'cauchy' },
  'risk.notFinite': {},
  'risk.lowAboveHigh': { driver: 'conversion', low: 0.04, high: 0.03 },
  'risk.lognormalNotPositive': { driver: 'aov', low: 0 },
  'risk.unknownRegion': { regionId: 'r-gone' },
  'risk.regionNotServed': { channel: '社区团购', region: '一线城市' },
  'scen.unknownRegion': { regionId: 'r-gone' },
  'scen.regionNotServed': { region: '乡镇及农村' },
};

const sample = <C extends EngineMessageCode>(code: C): EngineMessage<C> => ({ code, params: SAMPLES[code] }) as EngineMessage<C>;

function contextOf(messages: Messages, locale: string): EngineTextContext {
  const t = (key: MessageKey, params?: Record<string, string | number>): string =>
    messages[key].replace(/\{(\w+)\}/g, (m, k: string) => (params && k in params ? String(params[k]) : m));
  return { t, locale, currency: 'CNY' };
}

const CATALOGUES = [
  ['en', en as Messages],
  ['zh-CN', zhCN],
  ['zh-TW', zhTW],
] as const;

/** Three ASCII words in a row: an English sentence (or part of one) where Chinese should be. */
const ENGLISH_RUN = /[A-Za-z]{2,}(?:[\s,’']+[A-Za-z]{2,}){2,}/;

describe('engine messages in the catalogues', () => {
  it('the catalogues word exactly the engine’s codes', () => {
    for (const [, messages] of CATALOGUES) {
      const keys = Object.keys(messages).filter((k) => k.startsWith('engine.'));
      expect(keys.sort()).toEqual(ENGINE_MESSAGE_CODES.map((c) => `engine.${c}`).sort());
    }
    expect(ENGINE_MESSAGE_CODES.length).toBe(Object.keys(SAMPLES).length);
  });

  for (const [locale, messages] of CATALOGUES) {
    it(`${locale}: every code reads as a whole sentence, every placeholder filled`, () => {
      const ctx = contextOf(messages, locale);
      for (const code of ENGINE_MESSAGE_CODES) {
        const text = engineText(sample(code), ctx);
        expect(text, code).not.toMatch(/\{\w+\}/);
        expect(text.trim().length, code).toBeGreaterThan(8);
        if (locale !== 'en') {
          expect(text, code).toMatch(/[\u4e00-\u9fff]/);
          expect(text, code).not.toMatch(ENGLISH_RUN);
        }
      }
    });
  }

  it('amounts in the plan’s currency, rates as percentages, multiples and measures as people say them', () => {
    const cn = contextOf(zhCN, 'zh-CN');
    expect(engineText(sample('opt.minsAboveBudget'), cn)).toBe('各渠道最低投入合计 ¥110,000，超过预算 ¥100,000。');
    expect(engineText(sample('risk.lowAboveHigh'), cn)).toBe('P10（4%）高于 P90（3%）。');
    expect(engineText(sample('risk.lognormalNotPositive'), cn)).toContain('当前为 ¥0.00');
    expect(engineText(sample('risk.regionNotServed'), cn)).toBe('社区团购不覆盖一线城市：请选择该渠道覆盖的区域，或“全部区域”。');
    expect(engineText(sample('scen.regionNotServed'), cn)).toContain('都不覆盖乡镇及农村');
    expect(engineText(sample('fit.mayBeFarBelow'), cn)).toContain('约 2.2 倍到 36 倍');
    expect(engineText(sample('import.shapeOutOfRange'), cn)).toContain('12.5');
    expect(engineText(sample('import.note.logisticApproximation'), cn)).toContain('1.2%');
    const tw = contextOf(zhTW, 'zh-TW');
    expect(engineText(sample('opt.unreachable'), tw)).toBe('無法達成目標 ¥1,000,000,000：最多只能達到 ¥450,000,000（預算 ¥20,000,000）。');
    const english = contextOf(en, 'en');
    expect(engineText(sample('fit.tooScattered'), english)).toContain('from about 0.0067× to 1,883× the largest');
    expect(engineText(sample('import.maxOutOfRange'), english)).toContain('23,450,000,000,000');
    // An unknown driver's values stay plain numbers.
    expect(engineText({ code: 'risk.lowAboveHigh', params: { driver: 'mood', low: 3, high: 2 } }, english)).toBe('P10 (3) is above P90 (2).');
  });

  it('names are data: a channel name comes through as typed, markup and all, for the view to show as text', () => {
    expect(engineText(sample('opt.minAboveMax'), contextOf(en, 'en'))).toBe('“Tmall & JD <flagship>” has a minimum (¥500.00) above its maximum (¥400.00).');
    expect(engineText(sample('opt.unbounded'), contextOf(zhTW, 'zh-TW'))).toContain('「抖音直播」');
  });

  it('a refusal and its advice read as one paragraph', () => {
    const parts = [sample('fit.farBeyondHalfSat'), sample('fit.advice.lowerSpend'), null];
    expect(engineTexts(parts, contextOf(en, 'en'))).toMatch(/rises\. Add points at lower spend/);
    expect(engineTexts(parts, contextOf(zhCN, 'zh-CN'))).toMatch(/上升。请补充更低投入/);
  });
});

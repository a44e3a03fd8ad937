import type { EngineMessageCode } from '../../engine/messages';

/**
 * English wording of every engine message code (src/engine/messages.ts): exactly one per code, so a
 * new code without a message, or a message left after its code is gone, does not compile.
 */
const engineCodesEn = {
  'engine.import.notFinite': '{field} must be a number.',
  'engine.import.notPositive': '{field} must be greater than 0.',
  'engine.import.negative': '{field} must be 0 or more.',
  'engine.import.badCurrency': '“{currency}” is not a currency code (ISO 4217, such as CNY).',
  'engine.import.shapeOutOfRange': 'The curve’s shape would be {shape}, outside the range the planner allows ({min} to {max}).',
  'engine.import.maxOutOfRange': 'The maximum response would be {max}, outside the range the planner allows (0 to {limit}).',
  'engine.import.halfSatBelowMinorUnit': 'The half-saturation spend would be below the smallest unit of the currency, so the curve would be saturated at any spend. Check the scale parameters.',
  'engine.import.halfSatTooLarge': 'The half-saturation spend is too large to hold as an amount of money. Check the scale parameters.',
  'engine.import.gammaRange': 'gamma must be between 0 and 1.',
  'engine.import.spendMaxBelowMin': 'spendMax must not be below spendMin.',
  'engine.import.thetaRange': 'theta must be at least 0 and below 1.',
  'engine.import.zeroInflexion': 'The inflexion point (1 − gamma) × spendMin + gamma × spendMax is 0, so the curve would be saturated at any spend.',
  'engine.import.betaOrMaxResponse': 'Give exactly one of beta and maxResponse.',
  'engine.import.kpiScaleWithBeta': 'kpiScale goes with beta, not with maxResponse.',
  'engine.import.gridPoints': 'The number of grid points must be a whole number from {min} to {max}.',
  'engine.import.logisticLinear': 'Over 0 to spendMax the logistic curve is still almost a straight line, so its saturation cannot be read from it. Give a larger spendMax (the highest spend you plan for, or more).',
  'engine.import.logisticSaturated': 'The logistic curve is already flat over almost all of 0 to spendMax, so no Hill curve can follow its rise. Give a smaller spendMax.',
  'engine.import.logisticNoFit': 'No Hill curve follows this logistic curve over 0 to spendMax. Try another spendMax, or set the curve by hand.',
  'engine.import.note.robynSamePeriod': 'Robyn fits its curve on adstocked spend. Without theta this is the response to spend in the same period, without the carry-over into later periods.',
  'engine.import.note.robynSteadyState': 'Steady-state curve: the response to the same spend every period, carry-over included (geometric adstock with theta).',
  'engine.import.note.robynSpendRange': 'The inflexion depends on the spend range of Robyn’s modelling window: spendMin and spendMax must be the range Robyn used.',
  'engine.import.note.meridianSteadyState': 'Meridian’s adstock is normalised, so this is the steady-state response to the same spend every period.',
  'engine.import.note.meridianGeo': 'With geo-level effects this is the curve of the geo (or the national scale) whose mediaScale and kpiScale you gave.',
  'engine.import.note.pymcSteadyState': 'PyMC-Marketing’s geometric adstock is normalised by default, so this is the steady-state response to the same spend every period.',
  'engine.import.note.logisticApproximation': 'The logistic curve is not a Hill curve: this is the closest Hill curve over 0 to spendMax (largest gap: {gap} of its ceiling), and beyond that range the two can drift further apart.',

  'engine.fit.notAList': 'The points are not a list of (spend, outcome) pairs.',
  'engine.fit.pointNotNumbers': 'Point {point} is not a pair of numbers.',
  'engine.fit.negativeSpend': 'Point {point} has a negative spend; spends must be 0 or more.',
  'engine.fit.negativeOutcome': 'Point {point} has a negative outcome; outcomes must be 0 or more.',
  'engine.fit.tooFewPoints': 'A response curve has three parameters, so it needs at least 3 points (given: {count}).',
  'engine.fit.sameSpend': 'Every point has the same spend, so nothing shows how the outcome responds to spend.',
  'engine.fit.tooFewSpendLevels': 'The points have only {count} different spends; a response curve needs at least 3.',
  'engine.fit.sameOutcome': 'Every point has the same outcome, so spend shows no effect to fit a curve to.',
  'engine.fit.notRising': 'The outcome does not rise with spend in these points, so no rising response curve describes them.',
  'engine.fit.farBelowHalfSat': 'All observed spends are far below the half-saturation spend the fit wants (over {ratio}× the largest spend), so the data cannot tell a large maximum reached late from a smaller one reached sooner.',
  'engine.fit.farBeyondHalfSat': 'All observed spends are far beyond the half-saturation spend: the outcome is already flat there, so the data cannot tell where the curve rises.',
  'engine.fit.illConditioned': 'The points fit many curves almost equally well: changing the maximum, the half-saturation spend and the shape together barely changes the fit, so the numbers would be arbitrary.',
  'engine.fit.mayBeFarBelow': 'The observed spends may all be far below the half-saturation spend: it could be anywhere from about {low}× to {high}× the largest observed spend, and the maximum moves with it.',
  'engine.fit.mayBeFarBeyond': 'The observed spends may all be far beyond the half-saturation spend, where the outcome is flat: it could be anywhere from about {low}× to {high}× the largest observed spend, and the maximum moves with it.',
  'engine.fit.tooScattered': 'The points are too scattered for their range of spend: the half-saturation spend could be anywhere from about {low}× to {high}× the largest observed spend, and the maximum moves with it.',
  'engine.fit.advice.higherSpend': 'Add points at higher spend, or set the maximum or the half-saturation spend by hand.',
  'engine.fit.advice.lowerSpend': 'Add points at lower spend, or set the curve by hand.',
  'engine.fit.advice.widerRange': 'Add points over a wider range of spend, or set the curve by hand.',
  'engine.fit.advice.morePoints': 'Add points, or set the curve by hand.',

  'engine.opt.noChannels': 'The plan has no channels to give a budget to.',
  'engine.opt.minAboveMax': '“{channel}” has a minimum ({min}) above its maximum ({max}).',
  'engine.opt.minsAboveBudget': 'The channels’ minimums add up to {sum}, more than the budget of {budget}.',
  'engine.opt.maxesBelowBudget': 'The channels’ maximums add up to {sum}, less than the budget of {budget}.',
  'engine.opt.unreachable': 'The target {target} cannot be reached: the best possible is {best}, with a budget of {budget}.',
  'engine.opt.unbounded': 'Contribution of “{channel}” rises with every unit of spend (a straight-line response with no limit): set a maximum for it.',

  'engine.risk.unknownChannel': 'The channel of this range is no longer in the plan: pick a channel or remove the range.',
  'engine.risk.unknownDriver': '“{driver}” is not a driver the planner knows: pick a driver or remove the range.',
  'engine.risk.unknownDistribution': '“{distribution}” is not a distribution the planner knows: pick one from the list.',
  'engine.risk.notFinite': 'P10 and P90 must both be numbers.',
  'engine.risk.lowAboveHigh': 'P10 ({low}) is above P90 ({high}).',
  'engine.risk.lognormalNotPositive': 'A lognormal range needs a P10 above 0 (it is {low}): raise P10 or choose another distribution.',
  'engine.risk.unknownRegion': 'The region of this range (“{regionId}”) is no longer in the plan: pick a region or “all regions”.',
  'engine.risk.regionNotServed': '{channel} does not serve {region}: pick one of its regions or “all regions”.',
  'engine.scen.unknownRegion': 'The region of this adjustment (“{regionId}”) is no longer in the plan: it changes nothing. Pick a region or “all regions”.',
  'engine.scen.regionNotServed': 'None of the channels this adjustment targets serves {region}: it changes nothing. Pick another region or other channels.',
} as const satisfies Record<`engine.${EngineMessageCode}`, string>;

/** English messages of engine results, and of the views that show them. */
export const engineMessagesEn = {
  ...engineCodesEn,
  'cal.import.notANumber': '{field}: “{value}” is not a number.',
  'cal.import.missing': 'Enter {field}.',
  'mc.fixRanges': 'Correct the ranges marked above to run the simulation.',
} as const;

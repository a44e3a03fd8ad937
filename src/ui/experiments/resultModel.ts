/** The observed result of a test, read from what the user entered (null until it can be tested). */
import { countsProblem, twoProportionTest, welchTest, type CountsProblem, type ProportionTestResult, type WelchResult } from '../../engine/experiments';
import type { ExperimentResultEntry } from '../../engine/types';

export type ResultEntry = ExperimentResultEntry;

export function conversionResult(e: ResultEntry): ProportionTestResult | CountsProblem | null {
  const { controlUnits, controlConversions, testUnits, testConversions } = e;
  if (controlUnits === null || controlConversions === null || testUnits === null || testConversions === null) return null;
  const counts = { controlUnits, controlConversions, testUnits, testConversions };
  return countsProblem(counts) ?? twoProportionTest(counts, e.confidence);
}

export function orderValueResult(e: ResultEntry): WelchResult | null {
  const { controlMean, controlSd, controlOrders, testMean, testSd, testOrders } = e;
  if (controlMean === null || controlSd === null || controlOrders === null || testMean === null || testSd === null || testOrders === null) return null;
  return welchTest({ mean: controlMean, sd: controlSd, n: controlOrders }, { mean: testMean, sd: testSd, n: testOrders }, e.confidence);
}

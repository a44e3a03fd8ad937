/**
 * What an estimate offers the plan. The plan's price lever (a price index per channel and month
 * acting on conversion with a constant elasticity: conversion × index^ε) will store this; until it
 * exists the estimate is shown, copied and exported.
 */
import type { DistributionSpec } from '../uncertainty/distributions';
import { Z90 } from '../uncertainty/distributions';
import type { ElasticityEstimate } from './types';

export interface PlanElasticity {
  /** ε, the point estimate: conversion × (price index)^ε. */
  elasticity: number;
  /**
   * The estimate's uncertainty as the Monte Carlo reads an uncertain driver: a normal distribution
   * with the estimate's P10 and P90 (ε ∓ z₀.₉ × HC1 standard error; large-sample normal).
   */
  uncertainty: DistributionSpec;
  /** What it rests on, for the plan's note: product-weeks and price changes. */
  observations: number;
  priceChanges: number;
}

/**
 * The plan's elasticity from an estimate, or null for a refusal. An estimate whose interval
 * contains 0 is still offered (its uncertainty says how little is known); the view says so.
 */
export function elasticityForPlan(estimate: ElasticityEstimate): PlanElasticity | null {
  if (estimate.status !== 'estimated') return null;
  const spread = Z90 * estimate.standardError;
  return {
    elasticity: estimate.elasticity,
    uncertainty: { distribution: 'normal', low: estimate.elasticity - spread, high: estimate.elasticity + spread },
    observations: estimate.observations,
    priceChanges: estimate.priceChanges,
  };
}

/**
 * Seasonal profiles for the shopping seasons of the Chinese calendar that planners budget around.
 * Each is written as the shape of a year that has that one season (the months around it as they
 * usually go) and normalised to average 1, so applying one moves budget between months without
 * changing the year's total.
 */
import { normaliseProfile } from './profile';

export const SEASON_PRESETS = ['618', 'double11', 'ecommerceYear', 'springFestival', 'backToSchool'] as const;
export type SeasonPreset = (typeof SEASON_PRESETS)[number];

const SHAPES: Readonly<Record<SeasonPreset, readonly number[]>> = {
  //                Jan   Feb   Mar   Apr   May   Jun   Jul   Aug   Sep   Oct   Nov   Dec
  // 618: pre-sales from late May, the peak in the first half of June, a lull after it.
  '618': [0.95, 0.85, 0.95, 0.95, 1.15, 1.6, 0.9, 0.9, 0.95, 0.95, 0.95, 0.95],
  // Double 11: pre-sales from late October, the peak in November, an echo in December (Double 12
  // and year-end buying).
  double11: [0.9, 0.8, 0.9, 0.9, 0.95, 0.95, 0.9, 0.9, 0.95, 1.1, 1.75, 1.1],
  // Platform e-commerce with both festivals and 3.8 (Women's Day); the slow weeks around Spring Festival.
  ecommerceYear: [0.95, 0.75, 1.05, 0.9, 1.0, 1.35, 0.85, 0.85, 0.95, 1.05, 1.55, 0.95],
  // Spring Festival: New-Year goods and gifting in the weeks before the festival. The festival moves
  // between 21 January and 20 February, so the peak is spread over both months; December starts it.
  springFestival: [1.35, 1.25, 0.85, 0.9, 0.95, 0.95, 0.9, 0.9, 0.95, 0.95, 0.95, 1.1],
  // Back to school: August and September before the autumn term, a smaller lift before the spring
  // term in late February and March.
  backToSchool: [0.9, 1.0, 1.05, 0.9, 0.9, 0.9, 1.0, 1.4, 1.3, 0.9, 0.9, 0.85],
};

/** The preset's twelve indices, January first, averaging 1 (a fresh array each call). */
export function presetProfile(preset: SeasonPreset): number[] {
  return normaliseProfile(SHAPES[preset]) as number[];
}

export function isSeasonPreset(v: unknown): v is SeasonPreset {
  return typeof v === 'string' && (SEASON_PRESETS as readonly string[]).includes(v);
}

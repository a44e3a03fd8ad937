/**
 * Monthly seasonality profiles of the Chinese calendar used by the templates (January first).
 * Written as shapes and normalised by `seasonality()` to average exactly 1.
 * Spring Festival falls on 6 February 2027 and 26 January 2028: the run-up sits in January.
 */
import { seasonality } from './build';

/** Platform e-commerce: 3.8 Women's Day, the 618 festival (June) and Double 11 (November) peak;
 * logistics pause around Spring Festival. */
export const ECOMMERCE = seasonality([0.95, 0.75, 1.05, 0.9, 1.0, 1.35, 0.85, 0.85, 0.95, 1.05, 1.55, 0.95]);

/** Beauty counters and experience stores: gifting peaks (Valentine's, 3.8, 520, Qixi, Christmas). */
export const BEAUTY_STORES = seasonality([1.05, 1.1, 1.05, 0.9, 1.05, 0.9, 0.9, 1.0, 0.9, 1.05, 0.95, 1.15]);

/** Appliances in dealer stores: New-Year goods in January, May Day, summer air-con, National Day. */
export const APPLIANCES_OFFLINE = seasonality([1.2, 0.75, 0.95, 0.95, 1.1, 1.05, 1.05, 1.0, 0.95, 1.15, 0.9, 0.95]);

/** Appliances online: 618 and Double 11 carry the year. */
export const APPLIANCES_ONLINE = seasonality([0.95, 0.7, 0.9, 0.85, 0.95, 1.45, 0.9, 0.85, 0.9, 1.0, 1.6, 0.95]);

/** Groceries: New-Year shopping before Spring Festival, Mid-Autumn and National Day. */
export const GROCERY = seasonality([1.25, 1.1, 0.9, 0.92, 0.97, 0.95, 0.95, 0.95, 1.0, 1.05, 0.95, 1.01]);

/** Construction machinery: dead in the Spring Festival month, peak when sites restart (Mar–May),
 * a second season before winter. */
export const CONSTRUCTION = seasonality([0.8, 0.55, 1.35, 1.25, 1.1, 0.95, 0.85, 0.85, 1.0, 1.05, 1.1, 1.15]);

import { describe, expect, it } from 'vitest';
import { formatMetric, moneyOf } from '../../../src/ui/units';

/**
 * Views derive their Money from the plan's currency on every edit; moneyOf must give the identical
 * object while the currency and locale stay (so Svelte sees no change and the view keeps its
 * formatted figures), and a different one as soon as either changes (so every figure is redrawn).
 */
describe('moneyOf', () => {
  it('is the same object for the same currency and locale, another for any change', () => {
    const cny = moneyOf('CNY', 'zh-CN');
    expect(moneyOf('CNY', 'zh-CN')).toBe(cny);
    expect(moneyOf('USD', 'zh-CN')).not.toBe(cny);
    expect(moneyOf('CNY', 'en')).not.toBe(cny);
    expect(moneyOf('CNY', 'en')).toEqual({ currency: 'CNY', locale: 'en' });
  });

  it('formats as the pair it stands for', () => {
    expect(formatMetric('spend', 1200, moneyOf('CNY', 'zh-CN'))).toBe(formatMetric('spend', 1200, { currency: 'CNY', locale: 'zh-CN' }));
    expect(formatMetric('spend', 1200, moneyOf('USD', 'en'))).toContain('$');
  });
});

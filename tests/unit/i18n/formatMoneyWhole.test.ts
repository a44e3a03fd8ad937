import { describe, expect, it } from 'vitest';
import { formatMoney, formatMoneyWhole } from '../../../src/i18n/format';

describe('money in whole major units', () => {
  it('drops the cents of small amounts as of large ones, rounding half away from zero as Intl does', () => {
    expect(formatMoneyWhole(957_319, 'CNY', 'zh-CN')).toBe('¥9,573');
    expect(formatMoney(957_319, 'CNY', 'zh-CN')).toBe('¥9,573.19');
    expect(formatMoneyWhole(2_000_050, 'CNY', 'en')).toBe('¥20,001');
    expect(formatMoneyWhole(-150, 'CNY', 'en')).toBe('-¥2');
    expect(formatMoneyWhole(0, 'CNY', 'en')).toBe('¥0');
    expect(formatMoneyWhole(123_456, 'JPY', 'en')).toBe('¥123,456');
    expect(formatMoneyWhole(null, 'CNY', 'en')).toBe('—');
  });
});

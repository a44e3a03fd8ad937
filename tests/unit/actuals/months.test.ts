import { describe, expect, it } from 'vitest';
import { monthOfSerial, parseMonthLabel } from '../../../src/engine/actuals/months';

describe('parseMonthLabel', () => {
  it.each([
    ['2026-03', '2026-03'],
    ['2026/3', '2026-03'],
    ['2026.03', '2026-03'],
    ['2026年3月', '2026-03'],
    ['2026年03月', '2026-03'],
    ['2026年3月份', '2026-03'],
    ['２０２６年１２月', '2026-12'],
    ['Mar 2026', '2026-03'],
    ['March 2026', '2026-03'],
    ['mar-26', '2026-03'],
    ['Sept 2026', '2026-09'],
    ['2026 Mar', '2026-03'],
    ['3/2026', '2026-03'],
    ['202603', '2026-03'],
    ['2026-03-15', '2026-03'],
    ['2026/3/15', '2026-03'],
    ['2026年3月15日', '2026-03'],
    ['20260315', '2026-03'],
    ['2026-03-15 10:22:00', '2026-03'],
  ])('%s → %s', (text, month) => expect(parseMonthLabel(text)).toBe(month));

  it.each(['', '2026-13', '202613', 'Mars 2026', '13/2026', 'channel', '46082', '2026-03-32', '三月'])('refuses %s', (text) => expect(parseMonthLabel(text)).toBeNull());

  it('reads Excel serials only from workbooks', () => {
    // 46082 is 2026-03-01 in Excel's 1900 system (=DATE(2026,3,1)).
    expect(parseMonthLabel('46082', { serials: true })).toBe('2026-03');
    expect(parseMonthLabel('46081', { serials: true })).toBe('2026-02');
    expect(monthOfSerial(45658)).toBe('2025-01');
    expect(monthOfSerial(45657)).toBe('2024-12');
    expect(monthOfSerial(10)).toBeNull();
  });
});

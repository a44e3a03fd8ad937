import { describe, expect, it } from 'vitest';
import { bucketLabel } from '../../../src/ui/grid/periodColumns';

describe('period labels', () => {
  it('write months, quarters and years the way the language does', () => {
    expect(bucketLabel('2027-01', 'zh-CN')).toBe('2027年1月');
    expect(bucketLabel('2027-Q1', 'zh-CN')).toBe('2027年Q1');
    expect(bucketLabel('2027-Q4', 'zh-TW')).toBe('2027年Q4');
    expect(bucketLabel('2027', 'zh-CN')).toBe('2027年');
    expect(bucketLabel('2027-Q2', 'en')).toBe('Q2 2027');
    expect(bucketLabel('2027', 'en')).toBe('2027');
    expect(bucketLabel('all', 'en')).toBe('all');
  });
});

import { describe, expect, it } from 'vitest';
import { diffPlans } from '../../../src/engine/planDiff';
import { applyOps } from '../../../src/engine/patch';
import type { Plan } from '../../../src/engine/types';
import { en, type MessageKey } from '../../../src/i18n/en';
import { zhCN } from '../../../src/i18n/zh-CN';
import { describeDiff } from '../../../src/ui/history/diffText';
import { simpleChannel, simplePlan } from '../engine/planFixtures';

function translate(catalogue: Record<string, string>) {
  return (key: MessageKey, params: Record<string, string | number> = {}): string =>
    (catalogue[key] ?? key).replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? `{${k}}`));
}

describe('history diff in words', () => {
  const before = simplePlan([simpleChannel('a', { spend: { base: 120_000_000 } })]);
  before.customMetrics = [{ id: 'm', name: 'perOrder', formula: 'contribution / orders', format: 'money' }];
  const after = applyOps<Plan>(before, [
    { path: ['channels', 0, 'drivers', 'spend', 'base'], value: 150_000_000 },
    { path: ['channels', 0, 'drivers', 'conversion', 'growth'], value: 0.01 },
    { path: ['channels', 0, 'type'], value: 'liveStream' },
    { path: ['customMetrics', 0, 'formula'], value: '贡献利润 / 订单数' },
  ]).result;

  it('says old → new for values, growth, type and formulas', () => {
    const text = describeDiff(diffPlans(before, after), translate(en), 'en', 'CNY').flatMap((s) => s.lines.map((l) => l.text)).join('\n');
    expect(text).toContain('value ¥1,200,000 → ¥1,500,000');
    expect(text).toContain('growth 0% a month → 1% a month');
    expect(text).toContain('channel type E-commerce platform → Live-stream');
    expect(text).toContain('formula “contribution / orders” → “贡献利润 / 订单数”');
  });

  it('speaks Chinese with amounts in the plan currency', () => {
    const text = describeDiff(diffPlans(before, after), translate(zhCN), 'zh-CN', 'CNY').flatMap((s) => s.lines.map((l) => l.text)).join('\n');
    expect(text).toContain('数值 ¥1,200,000 → ¥1,500,000');
    expect(text).toContain('渠道类型');
  });
});

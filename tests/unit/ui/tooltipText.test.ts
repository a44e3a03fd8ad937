import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { i18n } from '../../../src/state/i18n.svelte';
import { tooltipFormatter } from '../../../src/ui/charts/planCharts';

// set() marks the page's language; the node test environment has no page, so it gets a stand-in.
beforeAll(() => vi.stubGlobal('document', { documentElement: { lang: '' } }));
afterAll(async () => {
  await i18n.set('en', false);
  vi.unstubAllGlobals();
});

describe('a chart tooltip', () => {
  const row = { seriesName: '天猫<b>旗舰店</b>', name: '2027年1月', value: 123_456_00, color: '#2563eb' };
  const text = (html: string) => html.replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>');

  it('joins each series and its figure with the language’s colon, and keeps names as text', async () => {
    await i18n.set('zh-CN', false);
    const zh = tooltipFormatter({ currency: 'CNY', locale: 'zh-CN' })([row]);
    expect(text(zh)).toBe('2027年1月天猫<b>旗舰店</b>：¥123,456');
    expect(zh).not.toContain('<b>旗舰店</b>');
    await i18n.set('en', false);
    expect(text(tooltipFormatter({ currency: 'CNY', locale: 'en' })([row]))).toBe('2027年1月天猫<b>旗舰店</b>: ¥123,456');
  });
});

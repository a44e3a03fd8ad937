import { describe, expect, it } from 'vitest';
import { fitTitle, TITLE_BAND, titledSvg } from '../../../src/ui/export/chartImage';

describe('chart images with their title', () => {
  const chart = '<svg width="600" height="300" xmlns="http://www.w3.org/2000/svg"><text>Tmall &amp; JD</text></svg>';

  it('puts the chart under a title band on white, as one SVG document', () => {
    const svg = titledSvg(chart, '渠道贡献 by channel', 600, 300, 'system-ui, "PingFang SC"');
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="600" height="340" viewBox="0 0 600 340">/);
    expect(TITLE_BAND).toBe(40);
    expect(svg).toContain('<rect width="600" height="340" fill="#ffffff"/>');
    expect(svg).toContain('>渠道贡献 by channel</text>');
    expect(svg).toContain(`<g transform="translate(0 ${TITLE_BAND})">${chart}</g>`);
    expect(svg).toContain('font-family="system-ui, &quot;PingFang SC&quot;"');
  });

  it('escapes the title: a name can never become markup', () => {
    const svg = titledSvg(chart, 'A <script>alert(1)</script> & "B"', 600, 300, 'sans-serif');
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('A &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;B&quot;</text>');
  });

  it('cuts a title that does not fit, with an ellipsis', () => {
    const measure = (s: string): number => [...s].length * 10;
    expect(fitTitle('Short', 100, measure)).toBe('Short');
    const cut = fitTitle('A very long chart title indeed', 100, measure);
    expect(cut.endsWith('…')).toBe(true);
    expect(measure(cut)).toBeLessThanOrEqual(100);
  });
});

import { describe, expect, it } from 'vitest';
import { cssString, pageCss, printableHeightPx, printableWidthPx } from '../../../src/ui/report/printPage';

describe('the printed page of the report', () => {
  it('knows the printable area of A4 in CSS pixels (96 per inch, 12 mm side margins)', () => {
    expect(printableWidthPx('portrait')).toBe(Math.floor((186 / 25.4) * 96));
    expect(printableWidthPx('landscape')).toBe(Math.floor((273 / 25.4) * 96));
    expect(printableHeightPx('portrait')).toBeGreaterThan(printableHeightPx('landscape'));
  });

  it('writes the plan name into the running header as a CSS string it cannot break out of', () => {
    expect(cssString('预算 "A" \\ v2\n}')).toBe('"预算 \\"A\\" \\\\ v2 }"');
    const css = pageCss('landscape', { title: 'Plan "X" } @page { size: A3 }', date: '2026-12-06' });
    expect(css).toContain('size: A4 landscape;');
    expect(css).toContain('content: "Plan \\"X\\" } @page { size: A3 }";');
    // Outside its quoted strings the CSS has one @page rule: the name's braces stay inside its string.
    const outside = css.replace(/"(?:\\.|[^"\\])*"/g, '""');
    expect(outside.match(/@page \{/g)).toHaveLength(1);
    expect(outside).not.toContain('A3');
  });
});

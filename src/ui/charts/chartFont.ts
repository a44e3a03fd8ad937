/**
 * The font charts draw with, named explicitly. ECharts measures text on a canvas outside the page,
 * where the generic `sans-serif` is chosen without the page's language; the chart's own canvas sits
 * under <html lang="zh-CN">, where the same generic becomes a CJK font with wider Latin letters.
 * Text measured in one font and drawn in another overlaps: legend entries run into each other and
 * axis labels collide. With the families listed, both canvases pick the same fonts.
 */
export function chartFontFamily(locale: string): string {
  // Single quotes: ECharts writes the family into an SVG style="…" attribute without escaping it, and
  // a double quote there would end the attribute (an SVG export that is not valid XML).
  const latin = "'Helvetica Neue', Arial, 'Liberation Sans', 'DejaVu Sans'";
  const cjk = locale === 'zh-TW' ? "'PingFang TC', 'Microsoft JhengHei', 'Noto Sans CJK TC'" : "'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC'";
  return `${latin}, ${cjk}, sans-serif`;
}

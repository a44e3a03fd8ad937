import { fitChart } from '../charts/chartFit';
import type { EChartsCoreOption } from '../charts/echarts';

/**
 * A chart option made readable from the back of a room: larger type on both axes and in the
 * legend, every legend entry shown at once (a paged legend cannot be clicked by the audience), and
 * category labels that wrap or turn instead of running into each other.
 */
export function projectorOption(option: EChartsCoreOption, width: number, fontSize: number): EChartsCoreOption {
  const fitted = fitChart(option, width, fontSize);
  const y = fitted.yAxis as Record<string, unknown> | undefined;
  return {
    ...fitted,
    textStyle: { fontSize },
    tooltip: { ...((fitted.tooltip as object | undefined) ?? {}), textStyle: { fontSize } },
    ...(y && !Array.isArray(y) ? { yAxis: { ...y, axisLabel: { ...((y.axisLabel as object | undefined) ?? {}), fontSize } } } : {}),
  };
}

/** Chart type size for a window: 14 px on a laptop, up to 18 px on a 1920-wide projector. */
export function projectorFontSize(windowWidth: number): number {
  return Math.max(14, Math.min(18, Math.round(windowWidth / 110)));
}

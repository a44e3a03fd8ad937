import type { EChartsCoreOption } from './echarts';

/**
 * The density a chart is made at: the screen's, at least 1 (as zrender does). zrender reads it only
 * once, when it loads, so every chart is given it when it is made.
 */
export function screenDensity(): number {
  return Math.max(globalThis.devicePixelRatio || 1, 1);
}

/**
 * Calls `changed` each time the screen's density (devicePixelRatio) changes: the window moved to
 * another screen (a laptop's own screen to a projector), or the browser was zoomed. ECharts takes the
 * density when a chart is made, so such a chart must be made again or it stays blurry (or, the other
 * way, draws four times the pixels it needs). Returns the function that stops listening.
 */
export function onDensityChange(changed: () => void): () => void {
  let query: MediaQueryList | null = null;
  // A query matches one density; after a change a new one is set up for the new density.
  const fire = (): void => {
    listen();
    changed();
  };
  const listen = (): void => {
    query?.removeEventListener('change', fire);
    query = matchMedia(`(resolution: ${devicePixelRatio}dppx)`);
    query.addEventListener('change', fire);
  };
  listen();
  return () => query?.removeEventListener('change', fire);
}

/** Which series the chart's legend shows, by name (after clicks on it), read before the chart is made again. */
export function legendSelection(chart: { getOption(): unknown }): Record<string, boolean> | null {
  const option = chart.getOption() as { legend?: { selected?: Record<string, boolean> }[] } | undefined;
  return option?.legend?.[0]?.selected ?? null;
}

/**
 * The option with the legend's selection as it was (series a click on the legend had hidden stay
 * hidden when a chart is made again). An option without one legend object is left as it is.
 */
export function withLegendSelected(option: EChartsCoreOption, selected: Record<string, boolean> | null): EChartsCoreOption {
  const legend = option.legend;
  if (!selected || Object.keys(selected).length === 0 || !legend || Array.isArray(legend) || typeof legend !== 'object') return option;
  return { ...option, legend: { ...legend, selected: { ...selected } } };
}

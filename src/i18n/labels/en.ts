/**
 * Names the app shows in words where it would otherwise show a code: the inputs of "Import
 * parameters from" that are not the tool's own parameter names (those, such as alpha or ec, are shown
 * as the tool prints them), and what a chart is called for a screen reader.
 */
export const labelsEn = {
  'cal.field.spendMin': 'Lowest spend modelled',
  'cal.field.spendMax': 'Highest spend modelled',
  'cal.field.mediaScale': 'Media scale (median)',
  'cal.field.kpiScale': 'KPI scale',
  'cal.field.spendPerUnit': 'Cost per media unit',
  'cal.field.channelScale': 'Channel scale (max)',
  'cal.field.targetScale': 'Target scale (max)',
  'cal.field.outcomePerTraffic': 'Outcome per visit (e.g. conversion × AOV)',
  'chart.description': '{chart}: {names}',
} as const;

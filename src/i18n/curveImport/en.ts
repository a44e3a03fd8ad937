/**
 * English names of the inputs of "Import parameters from" that are not the tool's own parameter names
 * (those, such as alpha or ec, are shown as the tool prints them): the scales and ranges a tool
 * modelled with, and how its outcome becomes traffic.
 */
export const curveImportEn = {
  'cal.field.spendMin': 'Lowest spend modelled',
  'cal.field.spendMax': 'Highest spend modelled',
  'cal.field.mediaScale': 'Media scale (median)',
  'cal.field.kpiScale': 'KPI scale',
  'cal.field.spendPerUnit': 'Cost per media unit',
  'cal.field.channelScale': 'Channel scale (max)',
  'cal.field.targetScale': 'Target scale (max)',
  'cal.field.outcomePerTraffic': 'Outcome per visit (e.g. conversion × AOV)',
} as const;

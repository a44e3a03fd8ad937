/** English messages of table, workbook and chart exports. */
export const exportsEn = {
  'xport.button': 'Export plan to Excel',
  'xport.buttonHint': 'One workbook: channels, each metric by month, scenarios against the baseline, assumptions',
  'xport.busy': 'Preparing…',
  'xport.col.base': '{name} (base)',
  'xport.sheet.monthly': '{metric} by month',
  'xport.sheet.scenarios': 'Scenarios',
  'xport.sheet.assumptions': 'Assumptions',
  'xport.a.item': 'Item',
  'xport.a.value': 'Value',
  'xport.a.plan': 'Plan',
  'xport.a.end': 'Last month',
  'xport.a.figures': 'Channel and monthly sheets show',
  'xport.a.scenario': 'Scenario “{name}”',
  'xport.a.basedOn': 'builds on {name}',
  'xport.a.adjustment': 'Adjustment {n}',
  'xport.a.disabled': '(off) {text}',
} as const;

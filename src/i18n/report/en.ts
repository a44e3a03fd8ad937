/** English messages of the printable report and smaller planner-day fixes. */
export const reportEn = {
  'report.paper': 'Paper',
  'report.portrait': 'A4 portrait',
  'report.landscape': 'A4 landscape',
  'report.pnl': 'Profit and loss by channel',
  'report.pnlIntro':
    'Whole plan period. Contribution = gross profit − variable cost − rebates − fixed cost − spend; ROI = contribution ÷ (spend + fixed cost).',
  'report.scenario': 'Scenario',
  'report.total': 'All channels',
  'home.importedFrom': 'Imported from “{file}” {date}',
  'home.created': 'Created {date}',
  'home.scenarioCount': '{count} scenarios',
  'home.channelNames': 'Channels: {names}',
  'home.moreChannels': '{names} and {count} more',
  'home.nameSep': ', ',
  'history.change': '{what} {before} → {after}',
  'history.moreChanges': '{text} and {count} more',
  'history.perMonth': '{value} a month',
  'history.quoted': '“{text}”',
  'report.pp': '{value} pp',
} as const;

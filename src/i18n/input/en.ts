/** English messages of number and percent input conventions. */
export const inputEn = {
  'input.otherCurrency': '“{value}” is in another currency; the plan is in {currency}.',
  'input.moneyNotAllowed': '“{value}” is an amount of money; this field takes a plain number.',
  'input.percentNotAllowed': '“{value}” is a percent; this field takes an amount or a count.',
  'input.notWhole': '“{value}” is not a whole number.',
  'input.belowMin': 'Must be at least {limit}.',
  'input.aboveMax': 'Must be at most {limit}.',
  'input.read.fraction': '{raw} as {shown} (a fraction){more}',
  'input.read.points': '{raw} as {shown} (percent points){more}',
  'input.read.scaled': '{raw} as {shown}{more}',
  'input.read.more': ', and {count} more read the same way',
  'input.read.column': '{column}: read {items}.',
  'input.read.join': '; ',
  'input.read.mixed':
    'Check {column}: it mixes fractions ({fraction}) and percent points ({points}). A percent cell reads both as percents, so if they came from one source, one kind is 100× off.',
  'input.read.percentHint': 'For {raw} percent, type {raw}%.',
  'input.preview': '= {shown}',
  'input.hint.money': 'Amounts: 1,200 · ¥1,200 · 20万 · 15万元 · 1.45亿 · 12k',
  'input.hint.rate': 'Percents: 3% · 0.03 (a fraction) · 3 (percent points)',
  'input.hint.count': 'Numbers: 1,200 · 3万 · 1.5k',
} as const;

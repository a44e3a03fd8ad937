/** English messages of scenario editing, deltas and metric definitions. */
export const scenarioEditEn = {
  // Targets and the target picker
  'se.target.role.main': 'All main channels',
  'se.target.role.auxiliary': 'All auxiliary channels',
  'se.picker.title': 'Which channels this adjustment changes',
  'se.picker.kind.channels': 'Channels by name',
  'se.picker.kind.type': 'A channel type',
  'se.picker.kind.role': 'Main or auxiliary',
  'se.picker.kind.all': 'All channels',
  'se.picker.filter': 'Find a channel',
  'se.picker.selectAll': 'Select all',
  'se.picker.clear': 'Clear',
  'se.picker.matches': 'Today {count} channels: {names}',
  'se.picker.followsPlan': 'Follows the plan: channels added later, or changed to this type or role, are included.',
  'se.picker.none': 'Pick at least one channel.',
  'se.picker.ok': 'Apply',
  'se.picker.cancel': 'Cancel',
  'se.picker.open': 'Choose channels…',

  // Adjustment grid
  'se.month.start': 'Plan start',
  'se.month.end': 'Plan end',
  'se.notForMove': 'A budget move always moves spend, between the channels in “Move from” and “Move to”.',
  'se.onlyForMove': 'Only a budget move has a source and a destination channel.',
  'se.sameChannel': 'A budget move needs two different channels.',
  'se.number.hint':
    'Per month of the range. Scale: percent of the current value. Set and add: in the driver’s unit (money, %, visits); adding to a rate is in percentage points. Move budget: money per month.',
  'se.pp': '{value} pp',
  'se.notices': 'Notices',
  'se.noticeCount': '{count} notices',

  // Notices of applied adjustments
  'se.notice.moveLimited': 'Capped: {from} has less spend than the move in {count} months from {month}; moved {moved} of {requested}.',
  'se.notice.aboveMax': 'Capped: {driver} of {channel} would go above {max} in {count} months from {month}; held at {max}.',
  'se.notice.belowMin': 'Held at zero: {driver} of {channel} would fall below zero in {count} months from {month}.',
  'se.notice.inScenario': '“{scenario}”: {text}',

  // Viewing a scenario
  'se.banner.text':
    'Showing scenario “{name}”: the KPI tiles, charts and result columns show this scenario. The driver cells of the Channels and Periods grids show and edit the baseline, and every scenario follows a baseline edit.',
  'se.banner.back': 'Back to baseline',
  'se.banner.edit': 'Edit “{name}”',
  'se.offer.text': 'You changed the baseline ({what}); “{name}” and every other scenario follow it.',
  'se.offer.action': 'Record in “{name}” instead',
  'se.offer.done': 'Recorded in “{name}” as an adjustment; the baseline is as it was.',
  'se.offer.label': 'Record in scenario',

  // KPI tiles and deltas
  'se.kpi.spend': 'Total spend (budget)',
  'se.kpi.vsBaseline': 'vs baseline',
  'se.delta.title': '“{name}” − baseline',
  'se.tone.good': 'better',
  'se.tone.bad': 'worse',
  'se.tone.neutral': 'a choice, not better or worse',

  // Compare
  'se.cmp.legend.good': 'better for the plan',
  'se.cmp.legend.bad': 'worse for the plan',
  'se.cmp.legend.neutral': 'no colour: spend is a choice, not a result',
  'se.cmp.legend.direction': 'Higher net revenue, contribution, gross profit, ROI and ROAS are better; a higher CAC or cost ratio is worse.',
  'se.cmp.legend.pp': 'Ratios (ROI, cost ratio) change in percentage points (pp); their Δ % is left empty.',
  'se.cmp.legend.hover': 'Point at a metric to see how it is computed.',
  'se.goal.min': 'Lowest change (%)',
  'se.goal.max': 'Highest change (%)',
  'se.cmp.deltaPp': 'Δ (pp for ratios)',

  // Metric definitions
  'metricDef.help': 'How {metric} is computed',
  'metricDef.spend': 'Marketing and channel investment per month, a driver you set. Summed over channels and months it is the budget.',
  'metricDef.baseTraffic': 'Visits or leads that come without spend, a driver you set.',
  'metricDef.incrementalTraffic': 'Visits bought by spend, from the channel’s response curve: max × spend^s ÷ (half-saturation spend^s + spend^s).',
  'metricDef.traffic': 'Traffic = base traffic + incremental traffic.',
  'metricDef.orders': 'Orders = traffic × conversion.',
  'metricDef.newOrders': 'New-customer orders = orders × new-customer share.',
  'metricDef.promotionDiscount': 'Promotion discount: revenue given up to promotion prices (depth × the orders sold at them × the list price). Gross revenue at list prices = gross revenue + promotion discount.',
  'metricDef.grossRevenue': 'Gross revenue (GMV) = orders × average order value, at the prices customers paid (after promotion discounts), before returns and intermediaries’ margin.',
  'metricDef.returns': 'Returns = gross revenue × return rate.',
  'metricDef.intermediaryMargin': 'Intermediary margin = (gross revenue − returns) × channel margin: what distributors, platforms or agents keep.',
  'metricDef.cannibalised': 'Net revenue other channels’ spend takes from this one (the cannibalisation rates between channel pairs).',
  'metricDef.netRevenue': 'Net revenue = gross revenue − returns − intermediary margin − cannibalised revenue.',
  'metricDef.grossProfit': 'Gross profit = net revenue × gross margin.',
  'metricDef.variableCost': 'Variable cost = net revenue × variable cost rate (logistics, payment fees…).',
  'metricDef.fixedCost': 'Fixed cost per month, a driver you set (rent, staff, store opening).',
  'metricDef.rebate': 'Tiered rebate on the net revenue of each settlement period, accrued to its months.',
  'metricDef.channelCost': 'Channel cost = variable cost + fixed cost + rebate (spend not included).',
  'metricDef.contribution': 'Contribution = gross profit − channel cost − spend.',
  'metricDef.roi':
    'ROI = contribution ÷ (spend + fixed cost): profit after every cost, per yuan invested. Not GMV ÷ spend, which many e-commerce teams call ROI: see ROAS.',
  'metricDef.roas':
    'ROAS = net revenue ÷ spend. Many e-commerce teams call this ROI; their “GMV ÷ spend” uses gross revenue (before returns and margins) instead and is higher.',
  'metricDef.cac': 'CAC = spend ÷ new-customer orders (orders × new-customer share).',
  'metricDef.costRatio': 'Cost ratio = (channel cost + spend) ÷ net revenue. Lower is better.',
  'metricDef.revenueShare': 'Revenue share = the channel’s net revenue ÷ all channels’ net revenue in the same period.',
  'metricDef.growth': 'Growth = net revenue ÷ net revenue of the same months a year earlier − 1 (needs a plan longer than 12 months).',
  'metricDef.growthPop': 'Growth on the previous period = net revenue ÷ net revenue of the period before − 1.',
  'metricDef.marginalRoi': 'Marginal ROI = extra contribution from one more yuan of spend (d contribution ÷ d spend), weighted by spend in totals.',
  'metricDef.totals': 'Totals of ratios are computed from summed figures, not averaged over channels or months.',
} as const;

/** English messages of regionScenarios. */
export const regionScenariosEn = {
  'rs.region': 'Region',
  'rs.allRegions': 'All regions',
  'rs.regionHint': 'Only this region of the targeted channels; “All regions” changes each channel as a whole.',
  'rs.inRegion': '{target} · {region}',
  'rs.rangeRegion': 'Region of the range',
  'rs.goalRegion': 'Region',
  'rs.tornadoBase': 'Contribution of the plan with every driver at its plan value: {value}',
} as const;

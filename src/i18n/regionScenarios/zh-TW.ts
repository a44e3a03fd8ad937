/** Traditional Chinese messages of regionScenarios. */
export const regionScenariosZhTW = {
  'rs.region': '區域',
  'rs.allRegions': '全部區域',
  'rs.regionHint': '只調整所選通路在該區域的部分；「全部區域」依通路整體調整。',
  'rs.inRegion': '{target} · {region}',
  'rs.rangeRegion': '區間所屬區域',
  'rs.goalRegion': '區域',
  'rs.tornadoBase': '各驅動因子取方案值時的方案貢獻利潤：{value}',
} as const;

/** Simplified Chinese messages of regionScenarios. */
export const regionScenariosZhCN = {
  'rs.region': '区域',
  'rs.allRegions': '全部区域',
  'rs.regionHint': '只调整所选渠道在该区域的部分；“全部区域”按渠道整体调整。',
  'rs.inRegion': '{target} · {region}',
  'rs.rangeRegion': '区间所属区域',
  'rs.goalRegion': '区域',
  'rs.tornadoBase': '各驱动因素取方案值时的方案贡献利润：{value}',
} as const;

import type { customerValueEn } from './en';

/** Traditional Chinese (Taiwan) messages of customer value per channel (LTV:CAC). */
export const customerValueZhTW: Record<keyof typeof customerValueEn, string> = {
  'cvalue.title': '顧客價值',
  'cvalue.use': '將此 CLV 用於計畫',
  'cvalue.useHint': '把各通路的 CLV 儲存在計畫（及計畫檔案）中，通路表格和評分卡即可顯示 LTV:CAC 與回本月數，最佳化器也能計算新客價值。在此重新計算不會改變計畫中的數值，除非再次使用。',
  'cvalue.remove': '停止在計畫中使用 CLV',
  'cvalue.edit.use': '將 CLV 用於計畫',
  'cvalue.edit.remove': '停止在計畫中使用 CLV',
  'cvalue.used': '已將 {count} 個通路的 CLV 用於計畫。',
  'cvalue.inPlan': '計畫使用來自「{dataset}」的 CLV（訂單截至 {end}，期限 {months} 個月，毛利率 {margin}，{method}），取於 {date}。',
  'cvalue.unmatched': '未納入（計畫中沒有同名通路）：{names}。把計畫通路改成資料中的名稱即可納入。',
  'cvalue.noneMatched': '資料中的首單通路沒有一個與計畫通路同名：沒有可用於計畫的 CLV。',
  'cvalue.method.bgnbd-gammagamma': 'BG/NBD 購買次數 × Gamma-Gamma 客單額',
  'cvalue.method.bgnbd-meanorder': 'BG/NBD 購買次數 × 每位顧客的平均訂單額',
  'cvalue.ltvCacHint': 'LTV:CAC = CLV ÷ 顧客獲取成本。CLV：在「{dataset}」中首單來自 {channels} 的 {customers} 位顧客，未來 {months} 個月折現毛利的平均值（訂單截至 {end}；{method}）；取於 {date}，距今 {days} 天。顧客獲取成本：計畫期間花費 ÷ 新客訂單數。低於 1：每位新客的獲取成本高於其帶來的毛利。',
  'cvalue.paybackHint': '回本月數：新客依 CLV 模型逐月預期的毛利（不折現）需要多少個月才能收回顧客獲取成本。「> {months}」：在 CLV 期限內收不回。',
  'cvalue.noClv': '此通路沒有 CLV：在「{dataset}」中沒有顧客的首單來自該通路。',
  'cvalue.noCac': '沒有顧客獲取成本：該通路沒有新客訂單或沒有花費。',
  'cvalue.beyond': '> {months}',
  'cvalue.cellHint': '「{channel}」：CLV {clv}，顧客獲取成本 {cac}。',
  'cvalue.losing': '「{channel}」：LTV:CAC {ratio}。一位新客預計在 {months} 個月內帶來 {clv} 毛利，但獲取要花 {cac}：這個通路每獲得一位新客都在虧錢。',
  'cvalue.allPay': '所有有 CLV 的通路都能收回新客的獲取成本（LTV:CAC 不低於 1）。',
  'cvalue.objectiveHint': '貢獻 + 新客 × CLV：計畫當期的貢獻，加上它贏得的新客日後預計帶來的價值（CLV 來自顧客資料，已用於計畫）。',
  'cvalue.objectiveNeedsClv': '要依「新客 × CLV」最佳化，請先把 CLV 用於計畫（顧客 → CLV）。',
  'cvalue.optDear': '已依「貢獻 + 新客 × CLV」最大化：{channels} 上每多花 {unit}，在本計畫期間的貢獻都收不回成本，只能靠贏得的新客日後的毛利（CLV）收回。若 CLV 沒有兌現，這部分花費就虧錢。',
};

import type { inputEn } from './en';

/** 繁體中文 messages of number and percent input conventions. */
export const inputZhTW: Record<keyof typeof inputEn, string> = {
  'input.otherCurrency': '「{value}」是另一種幣別；本方案的幣別是 {currency}。',
  'input.moneyNotAllowed': '「{value}」是金額；此處只能輸入不帶貨幣符號的數字。',
  'input.percentNotAllowed': '「{value}」是百分比；此處應輸入金額或數量。',
  'input.notWhole': '「{value}」不是整數。',
  'input.belowMin': '不能小於 {limit}。',
  'input.aboveMax': '不能大於 {limit}。',
  'input.read.fraction': '{raw} 讀作 {shown}（小數）{more}',
  'input.read.points': '{raw} 讀作 {shown}（百分點）{more}',
  'input.read.scaled': '{raw} 讀作 {shown}{more}',
  'input.read.more': '，另有 {count} 格同樣讀取',
  'input.read.column': '{column}：{items}。',
  'input.read.join': '；',
  'input.read.mixed':
    '請核對{column}：同一欄中既有小數（{fraction}）又有百分點（{points}）。百分比儲存格把兩者都讀作百分比；如果它們來自同一份資料，其中一種會差 100 倍。',
  'input.read.percentHint': '如要輸入 {raw}%，請帶上百分號：{raw}%。',
  'input.preview': '= {shown}',
  'input.hint.money': '金額：1,200 · ¥1,200 · 20萬 · 15萬元 · 1.45億 · 12k',
  'input.hint.rate': '百分比：3% · 0.03（小數） · 3（百分點）',
  'input.hint.count': '數字：1,200 · 3萬 · 1.5k',
};

export const ROW_HEIGHT = 36;

/** Height that fits a grid's rows (plus header rows, the pinned total and a scrollbar), up to a cap. */
export function gridHeight(rows: number, headerRows: number, max: number): number {
  return Math.min(max, headerRows * (ROW_HEIGHT + 2) + (rows + 1) * ROW_HEIGHT + 20);
}

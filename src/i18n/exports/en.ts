/** English messages of table, workbook and chart exports. */
export const exportsEn = {} as const;

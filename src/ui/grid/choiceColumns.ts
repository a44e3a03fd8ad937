import type { ColDef, ColGroupDef } from 'ag-grid-community';

/**
 * Ids of the columns whose cells are edited through a pick list (ag-grid's select editor), inside
 * column groups too. The grid names them on its element, so a check of the labels a pick list shows
 * finds every such column, columns added later included, without knowing each grid.
 */
export function choiceColumnIds<Row>(defs: readonly (ColDef<Row> | ColGroupDef<Row>)[]): string[] {
  return defs.flatMap((d) => ('children' in d ? choiceColumnIds(d.children) : d.cellEditor === 'agSelectCellEditor' && d.colId ? [d.colId] : []));
}
